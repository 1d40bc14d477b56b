import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import {
  type PostgresTestCluster,
  startPostgresTestCluster,
} from '../../../test/server/postgres-test-cluster';
import type { ConnectionHistoryResponse } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import type { ConnectionEventRecord, ConnectionStore } from '../storage/connection-store';
import { createPostgresStore } from '../storage/postgres-store';
import { createSqliteStore } from '../storage/sqlite-store';
import { endpointFamily } from './amazon-access';
import { defaultRetentionLimits } from './retention';

const KEYWORD = 'application/vnd.spKeyword.v3+json';

let cluster: PostgresTestCluster | undefined;
let databases = 0;
beforeAll(async () => {
  cluster = await startPostgresTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

/** A fresh PostgreSQL database per test, so jobs that scan every connection see only this test's. */
async function freshPostgresStore(): Promise<ConnectionStore> {
  if (!cluster) throw new Error('no cluster');
  const pg = await import('pg');
  const name = `host_${process.pid}_${databases++}`;
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

/** Every request the mock Amazon answered so far. */
const amazonCalls = (h: Harness) => Object.values(h.amazon.callCounts()).reduce((a, b) => a + b, 0);

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectionsError);
  return (error as ConnectionsError).code;
}

describe.each(stores)('the host back-end on %s', (_, open) => {
  let h: Harness;
  const start = async () => {
    h = await createHarness({ store: await open() });
    return h;
  };
  afterEach(async () => {
    await h?.close();
  });

  const listKeywords = async (client: Awaited<ReturnType<Harness['host']['amazon']['connect']>>) => {
    const response = await client.fetch('/sp/keywords/list', {
      method: 'POST',
      headers: { 'content-type': KEYWORD, accept: KEYWORD },
      body: JSON.stringify({ stateFilter: { include: ['ENABLED'] } }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { keywords: { keywordId: string; bid: number }[] }).keywords;
  };

  describe('Amazon access for the host’s code', () => {
    it('calls the Ads API with the regional host, a token and the profile scope; the bid change is kept', async () => {
      await start();
      await h.connect('advertising');
      const ads = await h.host.amazon.connect('sub_1', 'advertising', { countryCode: 'US' });
      expect(ads.baseUrl).toBe(h.amazon.baseUrls.ads.na);
      const [keyword] = await listKeywords(ads);
      if (!keyword) throw new Error('the mock has no keyword');
      const update = await ads.fetch('/sp/keywords', {
        method: 'PUT',
        headers: { 'content-type': KEYWORD, accept: KEYWORD },
        body: JSON.stringify({ keywords: [{ keywordId: keyword.keywordId, bid: keyword.bid + 0.25 }] }),
      });
      expect(update.status).toBe(207);
      const after = await listKeywords(ads);
      expect(after.find((k) => k.keywordId === keyword.keywordId)?.bid).toBeCloseTo(keyword.bid + 0.25);
      expect(h.amazon.calls('ads.sp.keywords.update', { status: 207 })).toBe(1);
      // the token is revealed only when asked for
      expect(JSON.stringify(ads)).not.toMatch(/Atza|token/i);
      expect(h.issuedTokens.has(await ads.revealAccessToken())).toBe(true);
    });

    it('refuses before any network call: not connected, Seller Central without Advertising, stale, disconnected', async () => {
      await start();
      const before = amazonCalls(h);
      expect(await refusal(h.host.amazon.connect('sub_1', 'advertising'))).toBe('not_connected');
      expect(await refusal(h.host.amazon.connect('sub_1', 'sellerCentral'))).toBe('advertising_required');
      expect(amazonCalls(h)).toBe(before);

      await h.connect('advertising');
      const ads = await h.host.amazon.connect('sub_1', 'advertising');
      expect(await refusal(h.host.amazon.connect('sub_1', 'sellerCentral'))).toBe('not_connected');
      const [connection] = await h.store.listConnections('sub_1');
      await h.store.markStale('sub_1', connection?.authorizationId ?? '');
      const staleCalls = amazonCalls(h);
      expect(await refusal(ads.fetch('/sp/keywords/list', { method: 'POST', body: '{}' }))).toBe(
        'connection_stale',
      );
      expect(await refusal(ads.revealAccessToken())).toBe('connection_stale');
      expect(amazonCalls(h)).toBe(staleCalls);

      await h.connect('advertising'); // reconnect
      const again = await h.host.amazon.connect('sub_1', 'advertising');
      await listKeywords(again);
      const disconnected = await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
      expect(disconnected.status).toBe(200);
      const afterDisconnect = amazonCalls(h);
      expect(await refusal(again.fetch('/sp/keywords/list', { method: 'POST', body: '{}' }))).toBe(
        'not_connected',
      );
      expect(amazonCalls(h)).toBe(afterDisconnect);
    });

    it('marks the connection stale on invalid_grant, as the metrics do, and says so with the typed error', async () => {
      await start();
      await h.connect('advertising');
      const ads = await h.host.amazon.connect('sub_1', 'advertising');
      const seen: ConnectionEventRecord[] = [];
      h.host.events.subscribe((event) => {
        seen.push(event);
      });
      h.amazon.scenarios.changePassword(h.amazon.users.default.email);
      h.amazon.clock.advance(2 * 3_600_000);
      expect(await refusal(ads.fetch('/sp/keywords/list', { method: 'POST', body: '{}' }))).toBe(
        'connection_stale',
      );
      const status = await h.call('GET', '/status');
      expect((status.body as { advertising: { health: string } }).advertising.health).toBe('stale');
      await h.host.events.deliver();
      expect(seen.map((e) => [e.type, e.actor])).toEqual([['stale_detected', 'system']]);
    });

    it('refreshes an expired token once for 100 concurrent host calls', async () => {
      await start();
      await h.connect('advertising');
      const ads = await h.host.amazon.connect('sub_1', 'advertising');
      h.amazon.clock.advance(2 * 3_600_000);
      h.amazon.scenarios.expireAccessTokens();
      const responses = await Promise.all(Array.from({ length: 100 }, () => ads.fetch('/v2/profiles')));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(h.amazon.calls('lwa.token.refresh_token')).toBe(1);
    });
  });

  describe('the access audit', () => {
    it('records who used which connection’s tokens for which endpoint family, and nothing for a refused call', async () => {
      await start();
      await h.connect('advertising');
      await h.connect('sellerCentral');
      const ads = await h.host.amazon.connect('sub_1', 'advertising', {
        countryCode: 'US',
        actor: 'rules-job',
        requestId: 'req_rules_1',
      });
      await listKeywords(ads);
      const token = await ads.revealAccessToken();
      const sp = await h.host.amazon.connect('sub_1', 'sellerCentral');
      await sp.fetch('/sellers/v1/marketplaceParticipations');
      const entries = await h.host.accessAudit.list('sub_1');
      expect(
        entries.map((e) => [e.kind, e.operation, e.endpointFamily, e.method, e.actor, e.requestId]),
      ).toEqual([
        ['sellerCentral', 'fetch', 'sp-api:/sellers/v1', 'GET', 'system', null],
        ['advertising', 'reveal_token', 'ads:token', null, 'rules-job', 'req_rules_1'],
        ['advertising', 'fetch', 'ads:/sp/keywords', 'POST', 'rules-job', 'req_rules_1'],
      ]);
      expect(entries.every((e) => e.at === h.amazon.clock.now())).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(token);
      expect(await h.host.accessAudit.list('sub_2')).toEqual([]);
      // a refused call uses no token and records nothing
      await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
      expect(await refusal(ads.fetch('/sp/keywords/list', { method: 'POST', body: '{}' }))).toBe(
        'not_connected',
      );
      expect(await h.host.accessAudit.list('sub_1')).toHaveLength(3);
    });
  });

  describe('the feature gate', () => {
    it('answers from the catalogue, with the article’s wording, and follows connect, stale and disconnect', async () => {
      await start();
      expect(await h.host.gate.check('sub_1', 'rules')).toEqual({
        allowed: false,
        reason: 'disconnected',
        connections: ['advertising'],
        message: 'Connect Amazon Advertising to see Rules.',
        code: 'not_connected',
      });
      await h.connect('advertising');
      expect(await h.host.gate.check('sub_1', 'applyActions')).toEqual({ allowed: true });
      expect(await h.host.gate.check('sub_1', 'tacos')).toMatchObject({
        allowed: false,
        reason: 'disconnected',
        connections: ['sellerCentral'],
        message: 'Connect Seller Central to see TACoS.',
      });
      expect(await h.host.gate.check('sub_1', 'adSpend')).toMatchObject({
        allowed: false,
        code: 'data_slow',
      });
      const [connection] = await h.store.listConnections('sub_1');
      await h.store.markStale('sub_1', connection?.authorizationId ?? '');
      const stale = await h.host.gate.check('sub_1', 'rules');
      expect(stale).toMatchObject({ allowed: false, reason: 'stale', code: 'connection_stale' });
      const error = await h.host.gate.require('sub_1', 'applyActions').catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'connection_stale',
        detail: 'The Amazon Advertising connection stopped working: reconnect it to see Apply actions.',
      });
      await h.connect('advertising');
      await expect(h.host.gate.require('sub_1', 'rules')).resolves.toBeUndefined();
    });
  });

  describe('connection events and history', () => {
    it('delivers each change in-process after it committed, and the outbox lets another server catch up', async () => {
      await start();
      const seen: ConnectionEventRecord[] = [];
      h.host.events.subscribe((event) => {
        seen.push(event);
      });
      await h.connect('advertising');
      await h.connect('sellerCentral');
      const [advertising] = await h.store.listConnections('sub_1');
      await h.store.markStale('sub_1', advertising?.authorizationId ?? '');
      await h.connect('advertising'); // a fresh authorization of the same account
      expect((await h.call('POST', '/disconnect', { kind: 'advertising' })).status).toBe(428);
      await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
      await h.host.events.deliver();
      expect(seen.map((e) => `${e.type}:${e.kind}`)).toEqual([
        'connected:advertising',
        'connected:sellerCentral',
        'stale_detected:advertising',
        'reconnected:advertising',
        'disconnect_confirmation_asked:advertising',
        'disconnected:advertising',
        'disconnected:sellerCentral',
      ]);
      expect(seen.at(-1)?.detail).toEqual({ cascade: true, region: 'na' });

      // a server that was down reads the outbox from its cursor
      const other = h.server();
      const first = await other.host.events.read({ after: 0, limit: 2 });
      expect(first.events.map((e) => e.type)).toEqual(['connected', 'connected']);
      const rest = await other.host.events.read({ after: first.cursor });
      expect(rest.events.map((e) => e.id)).toEqual(seen.slice(2).map((e) => e.id));
      expect((await other.host.events.read({ after: rest.cursor })).events).toEqual([]);
      other.host.close();
    });

    it('with eventPollMs, delivers to a server the changes another server made', async () => {
      await start();
      const other = h.server({ eventPollMs: 20 });
      const seen: string[] = [];
      other.host.events.subscribe((event) => {
        seen.push(`${event.type}:${event.subscriptionId}`);
      });
      await other.host.events.deliver(); // the listener starts after what is already recorded
      await h.connect('advertising');
      const deadline = Date.now() + 5_000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(['connected:sub_1']);
      other.host.close();
    });

    it('does not deliver a change that did not happen', async () => {
      await start();
      const seen: string[] = [];
      h.host.events.subscribe((event) => {
        seen.push(event.type);
      });
      // refused: Advertising first
      expect((await h.call('POST', '/authorize', { kind: 'sellerCentral', returnTo: '/' })).status).toBe(409);
      expect((await h.call('POST', '/disconnect', { kind: 'sellerCentral' })).status).toBe(404);
      await h.host.events.deliver();
      expect(seen).toEqual([]);
    });

    it('lists who did what, when and from which request through GET /history', async () => {
      await start();
      await h.connect('advertising');
      const disconnect = await h.handler(
        new Request('http://localhost:3000/api/amazon/disconnect', {
          method: 'POST',
          headers: {
            'x-subscription': 'sub_1',
            'x-user': 'user_7',
            'x-request-id': 'req-disconnect-1',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ kind: 'advertising', confirmed: true }),
        }),
      );
      expect(disconnect.status).toBe(200);
      const answer = await h.call('GET', '/history');
      expect(answer.status).toBe(200);
      const { entries } = answer.body as ConnectionHistoryResponse;
      expect(entries.map((e) => [e.type, e.actor, e.requestId])).toEqual([
        ['disconnected', 'user_7', 'req-disconnect-1'],
        ['connected', null, expect.stringMatching(/^req_/)],
      ]);
      expect(entries[0]?.at).toBe(new Date(h.amazon.clock.now()).toISOString());
      expect((await h.call('GET', '/history', undefined, 'sub_other')).body).toEqual({ entries: [] });
      expect(await h.host.history.list('sub_1', { limit: 1 })).toEqual(entries.slice(0, 1));
      for (const token of h.issuedTokens) expect(answer.text).not.toContain(token);
      // limit: a whole number, clamped to 1..200; anything else is a typed 400, never a database error.
      expect(
        ((await h.call('GET', '/history?limit=1')).body as ConnectionHistoryResponse).entries,
      ).toHaveLength(1);
      expect(
        ((await h.call('GET', '/history?limit=0')).body as ConnectionHistoryResponse).entries,
      ).toHaveLength(1);
      for (const bad of ['1.5', '-1', 'abc', '', '1e3']) {
        const refused = await h.call('GET', `/history?limit=${bad}`);
        expect(refused.status, bad).toBe(400);
        expect((refused.body as { code: string }).code).toBe('invalid_request');
      }
    });
  });

  describe('erasing a subscription', () => {
    it('erases everything of the subscription, stops the host’s Amazon access at once and tells the host once', async () => {
      await start();
      await h.connect('advertising');
      await h.connect('sellerCentral');
      await h.connect('advertising', { subscription: 'sub_2' });
      const ads = await h.host.amazon.connect('sub_1', 'advertising');
      await listKeywords(ads); // a token cached in this server's memory
      const seen: ConnectionEventRecord[] = [];
      h.host.events.subscribe((event) => {
        seen.push(event);
      });
      const result = await h.host.erase('sub_1');
      expect(result.rows).toBeGreaterThan(0);
      expect(result.authorizationIds).toHaveLength(2);
      await h.host.events.deliver();
      expect(seen.map((e) => [e.type, e.subscriptionId, e.accountId, e.actor, e.requestId])).toEqual([
        ['erased', 'sub_1', '', null, null],
      ]);
      const calls = amazonCalls(h);
      expect(await refusal(ads.fetch('/sp/keywords/list', { method: 'POST', body: '{}' }))).toBe(
        'not_connected',
      );
      expect(await refusal(ads.revealAccessToken())).toBe('not_connected');
      expect(amazonCalls(h)).toBe(calls);
      const status = (await h.call('GET', '/status')).body as { advertising: unknown };
      expect(JSON.stringify(status)).not.toMatch(/ENTITY|A[0-9A-Z]{10,}/);
      const history = (await h.call('GET', '/history')).body as ConnectionHistoryResponse;
      expect(history.entries.map((entry) => [entry.type, entry.accountId, entry.actor])).toEqual([
        ['erased', '', null],
      ]);
      // another subscription keeps its connection
      expect(await h.store.listConnections('sub_2')).toHaveLength(1);
      // idempotent
      expect(await h.host.erase('sub_1')).toEqual({ rows: 0, authorizationIds: [], event: null });
      expect(await refusal(h.host.erase(''))).toBe('invalid_request');
    });
  });

  describe('retention', () => {
    it('keeps fresh data, then deletes report data, events and transactions past their limits', async () => {
      await start();
      expect(h.host.retention.limits).toEqual(defaultRetentionLimits);
      await h.connect('advertising');
      await h.signIn('advertising', { subscription: 'sub_2' }); // an OAuth transaction left open
      const metrics = async () => (await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16')).body;
      for (let i = 0; i < 10; i++) {
        const body = (await metrics()) as { metrics: { adSpend: { value: number | null } } };
        if (body.metrics.adSpend.value !== null) break;
        h.amazon.clock.advance(6_000);
      }
      expect(await h.host.retention.run()).toEqual({ reports: 0, transactions: 0, events: 0, access: 0 });
      h.amazon.clock.advance(defaultRetentionLimits.reportsMs + 60_000);
      const month = await h.host.retention.run();
      expect(month.reports).toBeGreaterThan(0);
      expect(month.transactions).toBeGreaterThan(0);
      expect(month.events).toBe(0); // history is kept a year
      expect((await h.host.history.list('sub_1')).length).toBeGreaterThan(0);
      const calls = amazonCalls(h);
      await metrics(); // the emptied reports are asked from Amazon again
      expect(amazonCalls(h)).toBeGreaterThan(calls);
      h.amazon.clock.advance(defaultRetentionLimits.eventsMs);
      expect((await h.host.retention.run()).events).toBeGreaterThan(0);
      expect(await h.host.history.list('sub_1')).toEqual([]);
    });

    it('refuses a limit that is not a number > 0 when the server is created', async () => {
      await start();
      expect(() => h.server({ retention: { eventsMs: 0 } })).toThrow(
        /retention\.eventsMs must be a number > 0/,
      );
      await expect(h.host.retention.run({ batchSize: Number.NaN })).rejects.toThrow(/retention\.batchSize/);
    });
  });

  describe('health checks', () => {
    it('refreshes each connection once across two servers, marks the dead one stale and tells the host', async () => {
      await start();
      await h.connect('advertising', { subscription: 'sub_1' });
      await h.connect('advertising', { subscription: 'sub_2', email: h.amazon.users.otherAccount.email });
      const seen: ConnectionEventRecord[] = [];
      h.host.events.subscribe((event) => {
        seen.push(event);
      });
      h.amazon.scenarios.changePassword(h.amazon.users.otherAccount.email);
      h.amazon.clock.advance(25 * 3_600_000);
      const other = h.server();
      const [a, b] = await Promise.all([
        h.host.healthChecks.run({ concurrency: 2 }),
        other.host.healthChecks.run({ concurrency: 2 }),
      ]);
      expect(a.checked + b.checked).toBe(1);
      expect(a.stale + b.stale).toBe(1);
      expect(h.amazon.calls('lwa.token.refresh_token')).toBe(2);
      await h.host.events.deliver();
      expect(seen.map((e) => [e.type, e.subscriptionId])).toEqual([['stale_detected', 'sub_2']]);
      // checked recently: the next run leaves Amazon alone
      expect(await h.host.healthChecks.run()).toEqual({
        checked: 0,
        stale: 0,
        failed: 0,
        rateLimited: false,
      });
      expect(h.amazon.calls('lwa.token.refresh_token')).toBe(2);
      other.host.close();
    });

    it('stops early when Amazon throttles, leaving the rest for a later run', async () => {
      await start();
      await h.connect('advertising', { subscription: 'sub_1' });
      await h.connect('advertising', { subscription: 'sub_2', email: h.amazon.users.otherAccount.email });
      h.amazon.clock.advance(25 * 3_600_000);
      h.amazon.scenarios.throttle('lwa.token', { times: 'always', retryAfterSeconds: 30 });
      const report = await h.host.healthChecks.run({ concurrency: 1, leaseMs: 1_000 });
      expect(report).toMatchObject({ checked: 0, rateLimited: true });
      expect(h.amazon.calls('lwa.token.refresh_token')).toBe(1);
      h.amazon.scenarios.clear();
      h.amazon.clock.advance(2_000);
      expect(await h.host.healthChecks.run()).toMatchObject({ checked: 2, rateLimited: false });
    });
  });
  describe('the status read in-process (server rendering)', () => {
    it('is what GET /status answers, before and after a connection, without an HTTP round trip', async () => {
      await start();
      const empty = await h.host.status('sub_1');
      expect(empty).toEqual((await h.call('GET', '/status')).body);
      expect(empty.advertising).toBeNull();
      await h.connect('advertising');
      const connected = await h.host.status('sub_1');
      expect(connected).toEqual((await h.call('GET', '/status')).body);
      expect(connected.advertising?.account.name).toBeTruthy();
      expect((await h.host.status('sub_1', { accountLimit: 3 })).subscription.accountLimit).toBe(3);
    });
  });
});

describe('endpoint families in the access audit and the logs', () => {
  it('names endpoint families without ids, dates or queries', () => {
    expect(endpointFamily('advertising', '/sp/keywords/list?stateFilter=x')).toBe('ads:/sp/keywords');
    expect(endpointFamily('advertising', '/v2/profiles')).toBe('ads:/v2/profiles');
    expect(endpointFamily('advertising', '/reporting/reports/4f1c2d3e-aaaa-bbbb-cccc-123456789012')).toBe(
      'ads:/reporting/reports',
    );
    expect(endpointFamily('sellerCentral', '/reports/2021-06-30/reports/123')).toBe('sp-api:/reports');
    expect(endpointFamily('sellerCentral', '/orders/v0/orders/902-3159896-1390916')).toBe(
      'sp-api:/orders/v0',
    );
    expect(endpointFamily('advertising', '/1234567890/campaigns')).toBe('ads:/');
  });
});
