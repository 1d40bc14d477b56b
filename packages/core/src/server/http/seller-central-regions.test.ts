// Seller Central authorised in several regions (Amazon authorises the SP-API per region): sign-in per region, the
// callback keeping each region's authorisation beside the others, the per-region disconnect, coverage, metrics on
// each region's host with its own token, health checks and history per region. On SQLite and PostgreSQL.
import { marketplaces as mockMarketplaces } from '@smart-ads/mock-amazon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import {
  type PostgresTestCluster,
  startPostgresTestCluster,
} from '../../../test/server/postgres-test-cluster';
import {
  connectionHistoryResponseSchema,
  connectionsStatusSchema,
  metricsResponseSchema,
} from '../../contract/schemas';
import type { ConnectionsStatus, MetricsResponse } from '../../contract/types';
import type { ConnectionStore } from '../storage/connection-store';
import { createPostgresStore } from '../storage/postgres-store';
import { createSqliteStore } from '../storage/sqlite-store';

const US = mockMarketplaces.US.id;
const CA = mockMarketplaces.CA.id;
const UK = mockMarketplaces.UK.id;
const DE = mockMarketplaces.DE.id;
const range = 'from=2026-11-10&to=2026-11-16';

let cluster: PostgresTestCluster | undefined;
let databases = 0;
beforeAll(async () => {
  cluster = await startPostgresTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

/** A fresh PostgreSQL database per test (health checks scan every connection of the database). */
async function freshPostgresStore(): Promise<ConnectionStore> {
  if (!cluster) throw new Error('no cluster');
  const pg = await import('pg');
  const name = `regions_${process.pid}_${databases++}`;
  const admin = new pg.default.Client({ connectionString: cluster.connectionString });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return createPostgresStore({
    connectionString: cluster.connectionString.replace(/\/postgres$/, `/${name}`),
  });
}

const stores: [string, () => Promise<ConnectionStore>][] = [
  ['SQLite', () => createSqliteStore({ filename: ':memory:' })],
  ['PostgreSQL', freshPostgresStore],
];

describe.each(stores)('Seller Central in several regions on %s', (_, open) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });
  const start = async () => {
    h = await createHarness({ store: await open() });
    const ads = await h.connect('advertising');
    expect(ads.status, ads.text).toBe(200);
  };
  const status = async () =>
    connectionsStatusSchema.parse((await h.call('GET', '/status')).body) as ConnectionsStatus;
  const load = async (marketplace: string) => {
    const answer = await h.call('GET', `/metrics?${range}&marketplace=${marketplace}`);
    expect(answer.status, answer.text).toBe(200);
    return metricsResponseSchema.parse(answer.body) as MetricsResponse;
  };
  /** Loads every 6 s (mock time) until Total Sales and Ad Spend have a value in each of `ids`. */
  const loadUntilSales = async (ids: string[]) => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const bodies = [];
      for (const id of ids) bodies.push(await load(id));
      if (bodies.every((b) => b.metrics.totalSales.value !== null && b.metrics.adSpend.value !== null))
        return bodies;
      h.amazon.clock.advance(6_000);
    }
    throw new Error('Seller Central figures never arrived');
  };
  const history = async () =>
    connectionHistoryResponseSchema.parse((await h.call('GET', '/history')).body).entries;

  it('starts Seller Central’s sign-in in the Advertising account’s home region, or in the region asked for', async () => {
    await start();
    const home = await h.call('POST', '/authorize', { kind: 'sellerCentral', returnTo: '/dashboard' });
    expect(new URL((home.body as { authorizeUrl: string }).authorizeUrl).origin).toBe(
      new URL(h.amazon.baseUrls.sellerCentral.na).origin,
    );
    const europe = await h.call('POST', '/authorize', {
      kind: 'sellerCentral',
      returnTo: '/dashboard',
      region: 'eu',
    });
    expect(europe.status, europe.text).toBe(200);
    expect(new URL((europe.body as { authorizeUrl: string }).authorizeUrl).origin).toBe(
      new URL(h.amazon.baseUrls.sellerCentral.eu).origin,
    );
  });

  it('takes a seller advertising in Europe only to Europe’s Seller Central by default', async () => {
    h = await createHarness({ store: await open() });
    const email = h.amazon.users.euOnly.email;
    expect((await h.connect('advertising', { email })).status).toBe(200);
    const connected = await h.connect('sellerCentral', { email });
    expect(connected.status, connected.text).toBe(200);
    const listed = await status();
    expect(listed.sellerCentral?.region).toBe('eu');
    expect(listed.marketplaces?.every((m) => m.sellerCentral.covered)).toBe(true);
  });

  it('keeps Europe’s authorisation beside North America’s: all four marketplaces covered, each region on its own host and token', async () => {
    await start();
    const na = await h.connect('sellerCentral');
    expect(na.status, na.text).toBe(200);
    const eu = await h.connect('sellerCentral', { region: 'eu' });
    expect(eu.status, eu.text).toBe(200);

    const both = await status();
    const sellers = h.amazon.world.byKey.default.sellingPartners;
    const [naPartner, euPartner] = [sellers[0]?.sellingPartnerId, sellers[1]?.sellingPartnerId];
    // The fields old clients read are the home region's; `regions` lists both.
    expect(both.sellerCentral).toMatchObject({ region: 'na', sellingPartnerId: naPartner, health: 'ok' });
    expect(both.sellerCentral?.regions?.map((r) => [r.region, r.sellingPartnerId, r.health])).toEqual([
      ['eu', euPartner, 'ok'],
      ['na', naPartner, 'ok'],
    ]);
    expect(both.sellerCentral?.regions?.[0]?.marketplaces.map((m) => m.id)).toEqual([UK, DE]);
    expect(both.marketplaces?.map((m) => [m.countryCode, m.sellerCentral.covered])).toEqual([
      ['US', true],
      ['CA', true],
      ['UK', true],
      ['DE', true],
    ]);

    const [us, de] = await loadUntilSales([US, DE]);
    expect(us?.currency).toBe('USD');
    expect(de?.currency).toBe('EUR');
    expect(de?.metrics.totalSales.value).toBeGreaterThan(0);
    expect(de?.metrics.tacos).toMatchObject({ reason: null, value: expect.any(Number) });
    // Germany's Seller Central figures came from the European SP-API host, with the European token (the mock
    // refuses a North American token there with 403): none refused, none asked in the wrong region.
    const orders = h.amazon.log.filter((e) => e.endpoint === 'spapi.orderMetrics');
    expect(orders.filter((e) => e.url.includes(DE)).map((e) => [e.region, e.status])).toEqual([['eu', 200]]);
    expect(orders.filter((e) => e.url.includes(US)).map((e) => [e.region, e.status])).toEqual([['na', 200]]);
    expect(h.amazon.calls('spapi.reports.create', { region: 'eu' })).toBe(1);
    expect(h.amazon.calls('spapi.reports.create', { region: 'na' })).toBe(1);
    expect(h.amazon.calls('spapi', { status: 403 })).toBe(0);

    // The history names the region of each Seller Central change.
    const entries = await history();
    expect(
      entries
        .filter((e) => e.kind === 'sellerCentral' && e.type === 'connected')
        .map((e) => [e.type, e.region, e.accountId]),
    ).toEqual([
      ['connected', 'eu', euPartner],
      ['connected', 'na', naPartner],
    ]);
  });

  it('disconnects one region and keeps the other; the whole disconnect removes every region', async () => {
    await start();
    await h.connect('sellerCentral');
    await h.connect('sellerCentral', { region: 'eu' });
    await loadUntilSales([US, DE]);
    const europeCalls = h.amazon.calls('spapi', { region: 'eu' });

    const europeOff = await h.call('POST', '/disconnect', { kind: 'sellerCentral', region: 'eu' });
    expect(europeOff.status, europeOff.text).toBe(200);
    const after = connectionsStatusSchema.parse(europeOff.body) as ConnectionsStatus;
    expect(after.sellerCentral?.regions?.map((r) => r.region)).toEqual(['na']);
    expect(after.marketplaces?.map((m) => [m.countryCode, m.sellerCentral.covered])).toEqual([
      ['US', true],
      ['CA', true],
      ['UK', false],
      ['DE', false],
    ]);
    const germany = after.marketplaces?.[3]?.sellerCentral;
    expect(germany).toMatchObject({ reason: 'not_covered' });
    expect(germany && 'message' in germany ? germany.message : '').toMatch(
      /covers North America only, .*Connect Seller Central for Europe to see them\.$/,
    );
    // Germany's figures: the dash with its reason, not the cached European figures; the US ones stay.
    const [us, de] = [await load(US), await load(DE)];
    expect(de.metrics.totalSales).toEqual({ value: null, reason: 'not_covered' });
    expect(us.metrics.totalSales.value).toBeGreaterThan(0);
    expect(h.amazon.calls('spapi', { region: 'eu' })).toBe(europeCalls); // nothing asked in Europe any more
    const [latest] = await history();
    expect(latest).toMatchObject({
      type: 'disconnected',
      kind: 'sellerCentral',
      region: 'eu',
      cascade: false,
    });

    // Europe again is not connected; a region is for Seller Central only.
    const again = await h.call('POST', '/disconnect', { kind: 'sellerCentral', region: 'eu' });
    expect([again.status, (again.body as { code: string }).code]).toEqual([404, 'not_connected']);
    const wrongKind = await h.call('POST', '/disconnect', {
      kind: 'advertising',
      confirmed: true,
      region: 'eu',
    });
    expect([wrongKind.status, (wrongKind.body as { code: string }).code]).toEqual([400, 'invalid_request']);
    expect((await status()).advertising).not.toBeNull();

    await h.connect('sellerCentral', { region: 'eu' });
    const allOff = await h.call('POST', '/disconnect', { kind: 'sellerCentral' });
    expect(allOff.status, allOff.text).toBe(200);
    const none = connectionsStatusSchema.parse(allOff.body) as ConnectionsStatus;
    expect(none.sellerCentral).toBeNull();
    expect(none.marketplaces?.map((m) => m.sellerCentral)).toMatchObject(
      [US, CA, UK, DE].map(() => ({ covered: false, reason: 'disconnected' })),
    );
    const removed = (await history()).slice(0, 2).map((e) => [e.type, e.region]);
    expect(removed.sort()).toEqual([
      ['disconnected', 'eu'],
      ['disconnected', 'na'],
    ]);
  });

  it('refuses another seller’s European authorisation beside Acme’s (the one-account rule) and keeps Acme’s', async () => {
    await start();
    await h.connect('sellerCentral');
    // Fourth Coffee sells in the UK and Germany too, under another store name.
    const other = await h.connect('sellerCentral', {
      region: 'eu',
      email: h.amazon.users.euOnly.email,
    });
    expect([other.status, (other.body as { code: string }).code]).toEqual([409, 'account_conflict']);
    const kept = await status();
    expect(kept.sellerCentral?.regions?.map((r) => r.region)).toEqual(['na']);
    // Acme's own European authorisation is accepted.
    const acme = await h.connect('sellerCentral', { region: 'eu' });
    expect(acme.status, acme.text).toBe(200);
  });

  it('reads an authorised region’s store name with its own token when its row has none, and refuses another store', async () => {
    await start();
    await h.connect('sellerCentral');
    // North America's row as migration 6 left it: no store names.
    const [na] = (await h.store.listConnections('sub_1')).filter((c) => c.kind === 'sellerCentral');
    if (na?.kind !== 'sellerCentral') throw new Error('no North America');
    const { parentAccountId: _, ...record } = na;
    const unnamed = record.marketplaces.map(({ storeName: __, ...m }) => m);
    await h.store.saveConnection({ connection: { ...record, marketplaces: unnamed }, accountLimit: 1 });
    const other = await h.connect('sellerCentral', { region: 'eu', email: h.amazon.users.euOnly.email });
    expect([other.status, (other.body as { code: string }).code]).toEqual([409, 'account_conflict']);
    expect((other.body as { detail: string }).detail).toMatch(
      /^Seller Central for Europe was not connected: its store is not the store connected for North America\./,
    );
    expect(h.amazon.calls('spapi.marketplaceParticipations', { region: 'na' })).toBeGreaterThan(1);
    const acme = await h.connect('sellerCentral', { region: 'eu' });
    expect(acme.status, acme.text).toBe(200);
    const stored = (await h.store.listConnections('sub_1')).find(
      (c) => c.authorizationId === na.authorizationId,
    );
    expect(stored?.kind === 'sellerCentral' && stored.marketplaces[0]?.storeName).toBe('Acme Home & Kitchen');
  });

  it('says not covered, not stale, where no region is authorised, while North America’s authorisation is stale', async () => {
    await start();
    await h.connect('sellerCentral');
    h.amazon.scenarios.revokeAuthorization(h.amazon.users.default.email, {
      kind: 'sellingPartner',
      region: 'na',
    });
    h.amazon.clock.advance(25 * 3_600_000);
    expect(await h.host.healthChecks.run({ concurrency: 1 })).toMatchObject({ stale: 1 });
    for (const id of [UK, DE]) {
      const body = await load(id);
      expect(body.marketplace).toMatchObject({ sellerCentral: { covered: false, reason: 'not_covered' } });
      expect(body.metrics.totalSales).toEqual({ value: null, reason: 'not_covered' });
      expect(body.metrics.sessions).toEqual({ value: null, reason: 'not_covered' });
    }
    expect((await load(US)).metrics.totalSales).toEqual({ value: null, reason: 'stale' });
  });

  it('refreshes and health-checks each region’s authorisation on its own: a revoked Europe goes stale, North America keeps working', async () => {
    await start();
    await h.connect('sellerCentral');
    await h.connect('sellerCentral', { region: 'eu' });
    h.amazon.scenarios.revokeAuthorization(h.amazon.users.default.email, {
      kind: 'sellingPartner',
      region: 'eu',
    });
    h.amazon.clock.advance(25 * 3_600_000);
    const report = await h.host.healthChecks.run({ concurrency: 1 });
    expect(report).toMatchObject({ checked: 2, stale: 1, failed: 0 });
    expect(h.amazon.calls('lwa.token.refresh_token', { region: 'eu' })).toBe(1);
    const regions = (await status()).sellerCentral?.regions ?? [];
    expect(regions.map((r) => [r.region, r.health])).toEqual([
      ['eu', 'stale'],
      ['na', 'ok'],
    ]);
    const [stale] = await history();
    expect(stale).toMatchObject({ type: 'stale_detected', kind: 'sellerCentral', region: 'eu' });
    // Germany's figures say stale, naming Europe's authorisation; the US ones still come from North America.
    const germany = await load(DE);
    expect(germany.metrics.totalSales).toEqual({ value: null, reason: 'stale' });
    const europe = regions[0];
    expect(germany.marketplace).toMatchObject({
      sellerCentral: {
        covered: true,
        health: 'stale',
        region: 'eu',
        connectedAt: europe?.connectedAt,
        message: expect.stringMatching(
          /^Seller Central's authorisation for Europe, connected on .+ Reconnect Seller Central for Europe/,
        ),
      },
    });
    const [us] = await loadUntilSales([US]);
    expect(us?.metrics.totalSales.value).toBeGreaterThan(0);
    expect(us?.marketplace).toMatchObject({ sellerCentral: { covered: true } });
    expect(us?.marketplace).not.toMatchObject({ sellerCentral: { health: 'stale' } });
    const all = metricsResponseSchema.parse(
      (await h.call('GET', `/metrics?${range}&marketplace=all`)).body,
    ) as MetricsResponse;
    const healthOf = (all.marketplaces ?? []).map((m) => [
      m.marketplace.countryCode,
      m.marketplace.sellerCentral.covered && m.marketplace.sellerCentral.health === 'stale' ? 'stale' : 'ok',
      m.metrics.totalSales.reason,
    ]);
    expect(healthOf).toEqual([
      ['US', 'ok', null],
      ['CA', 'ok', expect.toBeOneOf([null, 'populating'])],
      ['UK', 'stale', 'stale'],
      ['DE', 'stale', 'stale'],
    ]);
    // The host's own SP-API calls pick the region's authorisation.
    await expect(h.host.amazon.connect('sub_1', 'sellerCentral', { region: 'eu' })).rejects.toMatchObject({
      code: 'connection_stale',
    });
    const naClient = await h.host.amazon.connect('sub_1', 'sellerCentral', { countryCode: 'CA' });
    expect(naClient.baseUrl).toBe(h.amazon.baseUrls.spApi.na);
  });
});
