// Races between app servers sharing one database: the handler on PostgreSQL (a real server the test starts) with
// every query slowed by a random 0-30 ms, and on one SQLite file. RACE_RUNS raises the number of runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marketplaces } from '@smart-ads/mock-amazon';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, createHarness, type Harness } from '../../../test/server/handler-test-harness';
import {
  type PostgresTestCluster,
  startPostgresTestCluster,
} from '../../../test/server/postgres-test-cluster';
import type { MetricsResponse } from '../../contract/types';
import type { ConnectionStore } from '../storage/connection-store';
import { createPostgresStore, type PgPoolLike, type PgQueryable } from '../storage/postgres-store';
import { createSqliteStore } from '../storage/sqlite-store';

const runs = Number(process.env.RACE_RUNS ?? 60);

let cluster: PostgresTestCluster;
const dir = mkdtempSync(join(tmpdir(), 'smart-ads-races-'));
beforeAll(async () => {
  cluster = await startPostgresTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** A pg pool whose every query (on the pool or a checked-out client) waits a random 0-`maxMs` ms first. */
function slowedPool(maxMs: number, slow: { on: boolean }): PgPoolLike {
  const pool = new pg.Pool({ connectionString: cluster.connectionString, max: 10 });
  pool.on('error', () => undefined);
  const pause = () =>
    slow.on ? new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs)) : Promise.resolve();
  const slowed =
    (target: PgQueryable): PgQueryable['query'] =>
    async (text, values) => {
      await pause();
      return target.query(text, values) as never;
    };
  return {
    query: slowed(pool as unknown as PgQueryable),
    async connect() {
      const client = await pool.connect();
      return { query: slowed(client as unknown as PgQueryable), release: (e) => client.release(e) };
    },
    end: () => pool.end(),
  };
}

/** Two app servers on one database: `h` (server A) and `b` (server B), each with its own store and pool. */
async function twoServers(open: () => Promise<ConnectionStore>) {
  const [storeA, storeB] = [await open(), await open()];
  const h = await createHarness({ store: storeA });
  const b = h.server({ store: storeB });
  return { h, b, storeB };
}

/**
 * One run: Advertising connected on server A, Seller Central signed in; then server A disconnects Advertising
 * (confirmed) while server B completes the Seller Central callback. Whatever the order, nothing is left: the
 * cascade removes a layer saved first, and a layer saved after is refused.
 */
async function raceDisconnectAgainstCallback(
  h: Harness,
  callB: Harness['call'],
  subscription: string,
  slow: { on: boolean },
  disconnectDelayMs = 0,
) {
  slow.on = false;
  expect((await h.connect('advertising', { subscription })).status).toBe(200);
  const sc = await h.signIn('sellerCentral', { subscription });
  slow.on = true;
  const [disconnect, callback] = await Promise.all([
    // The callback does more before it writes (the token exchange, the marketplaces) than the disconnect: a
    // delayed start on some runs lets either one reach the database first.
    new Promise((resolve) => setTimeout(resolve, disconnectDelayMs)).then(() =>
      h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true }, subscription),
    ),
    callB(
      'POST',
      '/callback',
      { kind: 'sellerCentral', state: sc.state, code: sc.code, sellingPartnerId: sc.sellingPartnerId },
      subscription,
    ),
  ]);
  slow.on = false;
  expect(disconnect.status, disconnect.text).toBe(200);
  expect([200, 409]).toContain(callback.status);
  if (callback.status === 409) expect(callback.body).toMatchObject({ code: 'advertising_required' });
  const left = await h.store.listConnections(subscription);
  const status = (await h.call('GET', '/status', undefined, subscription)).body;
  const scDisconnect = await h.call('POST', '/disconnect', { kind: 'sellerCentral' }, subscription);
  return { left, status, scDisconnect: scDisconnect.status, callbackFirst: callback.status === 200 };
}

/**
 * One run: Advertising connected; Seller Central signed in for North America and for Europe; then server A
 * completes North America's callback while server B completes Europe's. Both authorisations stay, side by side
 * (neither save replaces the other region's); then server B disconnects Europe while server A reconnects North
 * America: North America alone is left.
 */
async function raceTwoRegions(
  h: Harness,
  callB: Harness['call'],
  subscription: string,
  slow: { on: boolean },
) {
  slow.on = false;
  expect((await h.connect('advertising', { subscription })).status).toBe(200);
  const callback = (signed: Awaited<ReturnType<Harness['signIn']>>) => ({
    kind: 'sellerCentral',
    state: signed.state,
    code: signed.code,
    sellingPartnerId: signed.sellingPartnerId,
  });
  const na = await h.signIn('sellerCentral', { subscription });
  const eu = await h.signIn('sellerCentral', { subscription, region: 'eu' });
  slow.on = true;
  const saved = await Promise.all([
    h.call('POST', '/callback', callback(na), subscription),
    callB('POST', '/callback', callback(eu), subscription),
  ]);
  slow.on = false;
  for (const answer of saved) expect(answer.status, answer.text).toBe(200);
  const regions = async () =>
    (await h.store.listConnections(subscription))
      .filter((c) => c.kind === 'sellerCentral')
      .map((c) => c.tokenRegion);
  expect(await regions()).toEqual(['eu', 'na']);
  const naAgain = await h.signIn('sellerCentral', { subscription });
  slow.on = true;
  const [reconnected, europeOff] = await Promise.all([
    h.call('POST', '/callback', callback(naAgain), subscription),
    callB('POST', '/disconnect', { kind: 'sellerCentral', region: 'eu' }, subscription),
  ]);
  slow.on = false;
  expect([reconnected.status, europeOff.status]).toEqual([200, 200]);
  expect(await regions()).toEqual(['na']);
}

describe('PostgreSQL, two app servers, every query slowed by 0-30 ms', () => {
  it(`an Advertising disconnect racing a Seller Central callback never leaves an orphan layer (${runs} runs)`, async () => {
    const slow = { on: false };
    const { h, b } = await twoServers(() => createPostgresStore({ pool: slowedPool(30, slow) }));
    const orders = { callbackFirst: 0, disconnectFirst: 0 };
    for (let run = 0; run < runs; run++) {
      const delay = run % 2 === 0 ? 0 : Math.random() * 150;
      const result = await raceDisconnectAgainstCallback(h, b.call, `sub_race_pg_${run}`, slow, delay);
      expect(result.left).toEqual([]);
      expect(result.status).toMatchObject({ advertising: null, sellerCentral: null });
      expect(result.scDisconnect).toBe(404);
      orders[result.callbackFirst ? 'callbackFirst' : 'disconnectFirst']++;
    }
    // both orders happened, so the race was real
    expect(orders.callbackFirst).toBeGreaterThan(0);
    expect(orders.disconnectFirst).toBeGreaterThan(0);
    await h.close();
  }, 300_000);

  it('four app servers refresh each expired token once for 100 concurrent dashboard loads', async () => {
    const slow = { on: true };
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresStore({ pool: slowedPool(30, slow) })),
    );
    const [first] = stores;
    if (!first) throw new Error('no store');
    const h = await createHarness({ store: first });
    slow.on = false;
    await h.connect('advertising', { subscription: 'sub_refresh_4' });
    await h.connect('sellerCentral', { subscription: 'sub_refresh_4' });
    slow.on = true;
    const servers = [h.call, ...stores.slice(1).map((store) => h.server({ store }).call)];
    h.amazon.clock.advance(3_600_000); // every access token has expired
    const before = h.amazon.calls('lwa.token.refresh_token');
    const loads = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (servers[i % 4] as Harness['call'])(
          'GET',
          '/metrics?from=2026-11-10&to=2026-11-16',
          undefined,
          'sub_refresh_4',
        ),
      ),
    );
    expect(loads.every((load) => load.status === 200)).toBe(true);
    // one refresh per connection (Advertising, Seller Central), whichever server asked
    expect(h.amazon.calls('lwa.token.refresh_token') - before).toBe(2);
    await Promise.all(stores.slice(1).map((store) => store.close()));
    await h.close();
  }, 120_000);
});

describe('Seller Central regions on two app servers at once', () => {
  const regionRuns = Math.max(5, Math.round(runs / 4));
  it(`PostgreSQL (queries slowed by 0-30 ms): two regions' callbacks both stay, a region's disconnect leaves the other (${regionRuns} runs)`, async () => {
    const slow = { on: false };
    const { h, b, storeB } = await twoServers(() => createPostgresStore({ pool: slowedPool(30, slow) }));
    try {
      for (let run = 0; run < regionRuns; run++)
        await raceTwoRegions(h, b.call, `sub_regions_pg_${run}`, slow);
    } finally {
      await h.close();
      await storeB.close();
    }
  }, 120_000);

  it(`SQLite file: two regions' callbacks both stay, a region's disconnect leaves the other (${regionRuns} runs)`, async () => {
    const { h, b, storeB } = await twoServers(() => createSqliteStore({ filename: join(dir, 'regions.db') }));
    try {
      for (let run = 0; run < regionRuns; run++)
        await raceTwoRegions(h, b.call, `sub_regions_sqlite_${run}`, { on: false });
    } finally {
      await h.close();
      await storeB.close();
    }
  }, 120_000);
});

describe('SQLite, two app servers on one file', () => {
  it(`an Advertising disconnect racing a Seller Central callback never leaves an orphan layer (${runs} runs)`, async () => {
    const filename = join(dir, 'race.db');
    const { h, b, storeB } = await twoServers(() => createSqliteStore({ filename }));
    for (let run = 0; run < runs; run++) {
      const result = await raceDisconnectAgainstCallback(h, b.call, `sub_race_sqlite_${run}`, { on: false });
      expect(result.left).toEqual([]);
      expect(result.scDisconnect).toBe(404);
    }
    await storeB.close();
    await h.close();
  }, 120_000);
});

describe('a seller switching marketplaces on two app servers at once', () => {
  // Acme (the mock's default user): Ads profiles in US, CA, UK, DE; Seller Central authorised for North America.
  const acme = (['US', 'CA', 'UK', 'DE'] as const).map((country) => marketplaces[country].id);

  /** Both servers load every marketplace at once, 6 s apart (mock time), until every figure has come in. */
  async function switchEverywhere(h: Harness, callB: Harness['call'], subscription: string) {
    expect((await h.connect('advertising', { subscription })).status).toBe(200);
    expect((await h.connect('sellerCentral', { subscription })).status).toBe(200);
    const path = (id: string) => `/metrics?from=2026-11-10&to=2026-11-16&marketplace=${id}`;
    let answers: Answer[] = [];
    for (let round = 0; round < 8; round++) {
      answers = await Promise.all(
        [h.call, callB].flatMap((call) => acme.map((id) => call('GET', path(id), undefined, subscription))),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      h.amazon.clock.advance(6_000);
    }
    return answers.map((a) => a.body as MetricsResponse);
  }

  const expectOneReportEach = (h: Harness, bodies: MetricsResponse[]) => {
    expect(h.amazon.calls('ads.reports.create')).toBe(8); // 2 report types × 4 profiles
    expect(h.amazon.calls('spapi.reports.create')).toBe(2); // US and CA
    expect(h.amazon.calls('spapi.orderMetrics')).toBe(2);
    for (const body of bodies) expect(body.metrics.adSpend.reason).toBeNull();
    expect(bodies.slice(0, 4).map((b) => b.metrics.totalSales.reason)).toEqual([
      null,
      null,
      'not_covered',
      'not_covered',
    ]);
  };

  it('PostgreSQL: one report per source, marketplace and period for both servers', async () => {
    const slow = { on: true };
    const { h, b, storeB } = await twoServers(() => createPostgresStore({ pool: slowedPool(10, slow) }));
    try {
      expectOneReportEach(h, await switchEverywhere(h, b.call, 'sub_marketplaces_pg'));
    } finally {
      await h.close();
      await storeB.close();
    }
  });

  it('SQLite file: one report per source, marketplace and period for both servers', async () => {
    const filename = join(dir, 'marketplaces.db');
    const { h, b, storeB } = await twoServers(() => createSqliteStore({ filename }));
    try {
      expectOneReportEach(h, await switchEverywhere(h, b.call, 'sub_marketplaces_sqlite'));
    } finally {
      await h.close();
      await storeB.close();
    }
  });
});

describe('a Seller Central disconnect decided under the lock, on two app servers', () => {
  /**
   * Server A's store, whose `listConnections` lets `meanwhile` run (server B's request) right after A's read: the
   * order in which a disconnect's first read and another server's save interleave, made certain.
   */
  function interleaved(store: ConnectionStore) {
    const hook: { meanwhile: (() => Promise<unknown>) | null } = { meanwhile: null };
    const wrapped = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'listConnections' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const read = await value.apply(target, args);
          const meanwhile = hook.meanwhile;
          hook.meanwhile = null;
          if (meanwhile) await meanwhile();
          return read;
        };
      },
    });
    return { wrapped, hook };
  }

  const opens: [string, (name: string) => Promise<ConnectionStore>][] = [
    ['SQLite file', (name) => createSqliteStore({ filename: join(dir, `${name}.db`) })],
    ['PostgreSQL', () => createPostgresStore({ connectionString: cluster.connectionString })],
  ];

  it.each(opens)(
    '%s: a one-region disconnect never removes the authorisation a reconnect put there meanwhile; the whole disconnect removes every region, one saved meanwhile too',
    async (name, open) => {
      const { wrapped, hook } = interleaved(await open(`${name}-fence`.replace(/\W/g, '_')));
      const storeB = await open(`${name}-fence`.replace(/\W/g, '_'));
      const h = await createHarness({ store: wrapped });
      const b = h.server({ store: storeB });
      const subscription = `sub_fence_${name.replace(/\W/g, '_')}_${Date.now()}`;
      try {
        expect((await h.connect('advertising', { subscription })).status).toBe(200);
        expect((await h.connect('sellerCentral', { subscription })).status).toBe(200);
        expect((await h.connect('sellerCentral', { subscription, region: 'eu' })).status).toBe(200);
        const europe = async () =>
          (await h.store.listConnections(subscription)).find(
            (c) => c.kind === 'sellerCentral' && c.tokenRegion === 'eu',
          )?.authorizationId;
        const seen = await europe();
        const callbackOf = (signed: Awaited<ReturnType<Harness['signIn']>>) => ({
          kind: 'sellerCentral',
          state: signed.state,
          code: signed.code,
          sellingPartnerId: signed.sellingPartnerId,
        });
        // Server B reconnects Europe between server A's read and its delete.
        const again = await h.signIn('sellerCentral', { subscription, region: 'eu' });
        hook.meanwhile = async () => {
          const answer = await b.call('POST', '/callback', callbackOf(again), subscription);
          expect(answer.status, answer.text).toBe(200);
        };
        const off = await h.call(
          'POST',
          '/disconnect',
          { kind: 'sellerCentral', region: 'eu' },
          subscription,
        );
        expect(off.status, off.text).toBe(200);
        const reconnected = await europe();
        expect(reconnected).toBeDefined();
        expect(reconnected).not.toBe(seen);

        // The whole layer: server B authorises Europe afresh between A's read and its delete; both regions go.
        const fresh = await h.signIn('sellerCentral', { subscription, region: 'eu' });
        hook.meanwhile = () => b.call('POST', '/callback', callbackOf(fresh), subscription);
        const all = await h.call('POST', '/disconnect', { kind: 'sellerCentral' }, subscription);
        expect(all.status, all.text).toBe(200);
        expect((await h.store.listConnections(subscription)).map((c) => c.kind)).toEqual(['advertising']);
        const removed = (await h.store.listHistory(subscription, 2)).map((e) => [e.type, e.detail.region]);
        expect(removed).toEqual([
          ['disconnected', 'na'],
          ['disconnected', 'eu'],
        ]);
      } finally {
        await h.close();
        await storeB.close();
      }
    },
    60_000,
  );
});
