// The one conformance suite every ConnectionStore passes (run by sqlite-store.test.ts and postgres-store.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvertisingAccount } from '../../src/contract/types';
import type {
  AdvertisingConnectionRecord,
  ConnectionStore,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportKey,
} from '../../src/server/storage/connection-store';

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(counter++).toString(36)}`;

const account = (id: string): AdvertisingAccount => ({
  id,
  name: `Account ${id}`,
  type: 'seller',
  marketplaces: [{ profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' }],
});

function advertising(subscriptionId: string, accountId: string): AdvertisingConnectionRecord {
  return {
    kind: 'advertising',
    subscriptionId,
    accountId,
    account: account(accountId),
    authorizationId: unique('auth'),
    tokenRegion: 'na',
    sealedRefreshToken: 'sealed-refresh',
    sealedAccessToken: null,
    accessTokenExpiresAt: null,
    health: 'ok',
    connectedAt: 1_000,
  };
}

function sellerCentral(subscriptionId: string, sellingPartnerId: string): NewSellerCentralConnection {
  return {
    kind: 'sellerCentral',
    subscriptionId,
    accountId: sellingPartnerId,
    authorizationId: unique('auth'),
    tokenRegion: 'na',
    sealedRefreshToken: 'sealed-refresh-sc',
    sealedAccessToken: null,
    accessTokenExpiresAt: null,
    health: 'ok',
    connectedAt: 2_000,
    marketplaces: [{ id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currencyCode: 'USD' }],
  };
}

function transaction(subscriptionId: string, expiresAt = 10_000): OAuthTransactionRecord {
  return {
    selector: unique('sel'),
    verifierHash: 'hash',
    subscriptionId,
    kind: 'advertising',
    region: 'na',
    returnTo: '/dashboard',
    sealedCodeVerifier: 'sealed-verifier',
    createdAt: 0,
    expiresAt,
    phase: 'pending',
    outcome: null,
    sealedPendingGrant: null,
    claimId: null,
    claimedAt: null,
  };
}

const pendingClaim = (claimId: string, now: number) => ({ from: 'pending' as const, claimId, now });

/** Registers the conformance suite for one store implementation. */
export function describeConnectionStoreConformance(name: string, open: () => Promise<ConnectionStore>): void {
  describe(`${name} conformance`, () => {
    let store: ConnectionStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('stores a transaction and lets exactly one of many concurrent callers claim it', async () => {
      const tx = transaction(unique('sub'));
      await store.createTransaction(tx);
      expect(await store.getTransaction(tx.selector)).toEqual(tx);
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.claimTransaction(tx.selector, pendingClaim(`claim_${i}`, 5_000)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const claimed = await store.getTransaction(tx.selector);
      expect(claimed?.phase).toBe('exchanging');
      expect(claimed?.claimId).toBe(`claim_${claims.indexOf(true)}`);
      expect(claimed?.claimedAt).toBe(5_000);
    });

    it('lets another request take over an exchange only after its lease, and fences the old claim out', async () => {
      const tx = transaction(unique('sub'), 100_000);
      await store.createTransaction(tx);
      expect(await store.claimTransaction(tx.selector, pendingClaim('first', 1_000))).toBe(true);
      const takeOver = (now: number) =>
        store.claimTransaction(tx.selector, {
          from: 'exchanging',
          claimId: 'second',
          now,
          abandonedBefore: now - 9_000,
        });
      expect(await takeOver(9_500)).toBe(false); // the first claim is 8.5 s old: still live
      expect(await takeOver(10_500)).toBe(true);
      // the first request wakes up: none of its writes land
      const update = {
        phase: 'done' as const,
        outcome: { type: 'connected' as const },
        sealedPendingGrant: null,
      };
      expect(await store.settleTransaction(tx.selector, 'first', update)).toBe(false);
      const subscriptionId = tx.subscriptionId;
      expect(
        await store.saveConnection({
          connection: advertising(subscriptionId, 'ENTITY_LATE'),
          accountLimit: 1,
          settle: { selector: tx.selector, claimId: 'first' },
        }),
      ).toEqual({ ok: false, code: 'claim_lost' });
      expect(await store.listConnections(subscriptionId)).toEqual([]);
      expect(await store.settleTransaction(tx.selector, 'second', update)).toBe(true);
      expect((await store.getTransaction(tx.selector))?.outcome).toEqual({ type: 'connected' });
    });

    it('keeps Amazon tokens in an exchange it renews, and hands them to a later claim from granted', async () => {
      const tx = transaction(unique('sub'), 100_000);
      await store.createTransaction(tx);
      await store.claimTransaction(tx.selector, pendingClaim('c1', 1_000));
      expect(
        await store.settleTransaction(tx.selector, 'c1', {
          phase: 'exchanging',
          outcome: null,
          sealedPendingGrant: 'sealed-grant',
          renewedAt: 2_000,
        }),
      ).toBe(true);
      const renewed = await store.getTransaction(tx.selector);
      expect([renewed?.phase, renewed?.claimedAt, renewed?.sealedPendingGrant]).toEqual([
        'exchanging',
        2_000,
        'sealed-grant',
      ]);
      await store.settleTransaction(tx.selector, 'c1', {
        phase: 'granted',
        outcome: { type: 'failed', code: 'amazon_unavailable' },
        sealedPendingGrant: 'sealed-grant',
      });
      expect(await store.claimTransaction(tx.selector, { from: 'granted', claimId: 'c2', now: 3_000 })).toBe(
        true,
      );
      expect((await store.getTransaction(tx.selector))?.sealedPendingGrant).toBe('sealed-grant');
    });

    it('refuses to claim an expired transaction and deletes expired ones', async () => {
      const tx = transaction(unique('sub'), 3_000);
      await store.createTransaction(tx);
      expect(await store.claimTransaction(tx.selector, pendingClaim('late', 3_000))).toBe(false);
      expect(await store.deleteExpiredTransactions(3_000)).toBeGreaterThanOrEqual(1);
      expect(await store.getTransaction(tx.selector)).toBeNull();
    });

    it('records a settled outcome so a retried callback reads the same answer', async () => {
      const tx = transaction(unique('sub'));
      await store.createTransaction(tx);
      await store.claimTransaction(tx.selector, pendingClaim('c1', 1));
      await store.settleTransaction(tx.selector, 'c1', {
        phase: 'choosing',
        outcome: { type: 'choose_account', accounts: [account('A'), account('B')] },
        sealedPendingGrant: 'sealed-grant',
      });
      const settled = await store.getTransaction(tx.selector);
      expect(settled?.phase).toBe('choosing');
      expect(settled?.outcome).toEqual({ type: 'choose_account', accounts: [account('A'), account('B')] });
      expect(settled?.sealedPendingGrant).toBe('sealed-grant');
      expect(await store.claimTransaction(tx.selector, { from: 'choosing', claimId: 'c2', now: 2 })).toBe(
        true,
      );
    });

    it('saves an Advertising account and settles its transaction in the same step', async () => {
      const subscriptionId = unique('sub');
      const tx = transaction(subscriptionId);
      await store.createTransaction(tx);
      await store.claimTransaction(tx.selector, pendingClaim('c1', 1));
      const record = advertising(subscriptionId, 'ENTITY_A');
      expect(
        await store.saveConnection({
          connection: record,
          accountLimit: 1,
          settle: { selector: tx.selector, claimId: 'c1' },
        }),
      ).toEqual({ ok: true, replaced: false });
      expect(await store.listConnections(subscriptionId)).toEqual([record]);
      const settled = await store.getTransaction(tx.selector);
      expect(settled?.phase).toBe('done');
      expect(settled?.outcome).toEqual({ type: 'connected' });
    });

    it('refuses a second account under the limit of one, and settles the transaction as a conflict', async () => {
      const subscriptionId = unique('sub');
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_A'), accountLimit: 1 });
      const tx = transaction(subscriptionId);
      await store.createTransaction(tx);
      await store.claimTransaction(tx.selector, pendingClaim('c1', 1));
      const result = await store.saveConnection({
        connection: advertising(subscriptionId, 'ENTITY_B'),
        accountLimit: 1,
        settle: { selector: tx.selector, claimId: 'c1' },
      });
      expect(result).toEqual({ ok: false, code: 'account_conflict' });
      expect((await store.listConnections(subscriptionId)).map((c) => c.accountId)).toEqual(['ENTITY_A']);
      expect((await store.getTransaction(tx.selector))?.outcome).toEqual({
        type: 'failed',
        code: 'account_conflict',
      });
    });

    it('allows as many accounts as the plan says', async () => {
      const subscriptionId = unique('sub');
      for (const id of ['A', 'B']) {
        expect(
          (await store.saveConnection({ connection: advertising(subscriptionId, id), accountLimit: 2 })).ok,
        ).toBe(true);
      }
      expect(
        (await store.saveConnection({ connection: advertising(subscriptionId, 'C'), accountLimit: 2 })).ok,
      ).toBe(false);
    });

    it('replaces the authorization when the same account reconnects, keeping Seller Central', async () => {
      const subscriptionId = unique('sub');
      const first = advertising(subscriptionId, 'ENTITY_A');
      await store.saveConnection({ connection: first, accountLimit: 1 });
      await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP1'), accountLimit: 1 });
      await store.markStale(subscriptionId, first.authorizationId);
      expect((await store.listConnections(subscriptionId))[0]?.health).toBe('stale');
      const again = { ...advertising(subscriptionId, 'ENTITY_A'), connectedAt: 9_000 };
      expect(await store.saveConnection({ connection: again, accountLimit: 1 })).toEqual({
        ok: true,
        replaced: true,
      });
      const [ads, sc] = await store.listConnections(subscriptionId);
      expect(ads).toEqual(again);
      expect(sc?.kind).toBe('sellerCentral');
      // a late write for the replaced authorization changes nothing
      expect(await store.updateAccessToken(subscriptionId, first.authorizationId, 'late', 1)).toBe(false);
      expect(await store.markStale(subscriptionId, first.authorizationId)).toBe(false);
      expect((await store.listConnections(subscriptionId))[0]?.health).toBe('ok');
    });

    it('leaves exactly one account when two different accounts save concurrently', async () => {
      for (let round = 0; round < 5; round++) {
        const subscriptionId = unique('sub');
        const results = await Promise.all(
          ['ENTITY_A', 'ENTITY_B', 'ENTITY_C'].map((id) =>
            store.saveConnection({ connection: advertising(subscriptionId, id), accountLimit: 1 }),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([
          { ok: false, code: 'account_conflict' },
          { ok: false, code: 'account_conflict' },
        ]);
        expect(await store.listConnections(subscriptionId)).toHaveLength(1);
      }
    });

    it('refuses Seller Central without an Advertising account', async () => {
      const subscriptionId = unique('sub');
      expect(
        await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP1'), accountLimit: 1 }),
      ).toEqual({ ok: false, code: 'advertising_required' });
      expect(await store.listConnections(subscriptionId)).toEqual([]);
    });

    it('attaches Seller Central to the Advertising account and cascades the Advertising disconnect', async () => {
      const subscriptionId = unique('sub');
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_A'), accountLimit: 1 });
      await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP1'), accountLimit: 1 });
      await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP2'), accountLimit: 1 });
      const listed = await store.listConnections(subscriptionId);
      expect(listed.map((c) => [c.kind, c.accountId])).toEqual([
        ['advertising', 'ENTITY_A'],
        ['sellerCentral', 'SP2'],
      ]);
      const layer = listed[1];
      expect(layer?.kind === 'sellerCentral' && layer.parentAccountId).toBe('ENTITY_A');
      expect(await store.deleteConnection(subscriptionId, 'sellerCentral', 'SP2')).toBe(1);
      await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP1'), accountLimit: 1 });
      expect(await store.deleteConnection(subscriptionId, 'advertising', 'ENTITY_A')).toBe(2);
      expect(await store.listConnections(subscriptionId)).toEqual([]);
      expect(await store.deleteConnection(subscriptionId, 'advertising', 'ENTITY_A')).toBe(0);
    });

    it('stores refreshed access tokens and stale marks for the current authorization', async () => {
      const subscriptionId = unique('sub');
      const record = advertising(subscriptionId, 'ENTITY_A');
      await store.saveConnection({ connection: record, accountLimit: 1 });
      expect(
        await store.updateAccessToken(subscriptionId, record.authorizationId, 'sealed-access', 77_000),
      ).toBe(true);
      const [updated] = await store.listConnections(subscriptionId);
      expect(updated?.sealedAccessToken).toBe('sealed-access');
      expect(updated?.accessTokenExpiresAt).toBe(77_000);
      expect(await store.markStale(subscriptionId, record.authorizationId)).toBe(true);
      const [stale] = await store.listConnections(subscriptionId);
      expect(stale?.health).toBe('stale');
      expect(stale?.sealedAccessToken).toBeNull();
    });

    it('lets one server at a time refresh a token, and none while the stored one is still usable', async () => {
      const subscriptionId = unique('sub');
      const record = advertising(subscriptionId, 'ENTITY_R');
      await store.saveConnection({ connection: record, accountLimit: 1 });
      const at = (now: number) => ({ now, leaseMs: 5_000, usableAfter: now + 300_000 });
      const claims = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.claimTokenRefresh(subscriptionId, record.authorizationId, at(1_000)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, at(5_999))).toBe(false);
      // the lease ends on its own (a crashed server), or when the new token is stored
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, at(6_000))).toBe(true);
      expect(
        await store.updateAccessToken(subscriptionId, record.authorizationId, 'sealed-new', 4_000_000),
      ).toBe(true);
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, at(7_000))).toBe(false);
      // Amazon refused that token: forced, once; a server still holding the old expiry does not refresh again
      const force = { ...at(8_000), force: { expiresAt: 4_000_000 } };
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, force)).toBe(true);
      await store.releaseTokenRefresh(subscriptionId, record.authorizationId);
      await store.updateAccessToken(subscriptionId, record.authorizationId, 'sealed-newer', 5_000_000);
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, force)).toBe(false);
      // no refresh for a stale connection
      await store.markStale(subscriptionId, record.authorizationId);
      expect(await store.claimTokenRefresh(subscriptionId, record.authorizationId, at(9_000_000))).toBe(
        false,
      );
    });

    describe('reports', () => {
      const key = (): ReportKey => ({
        subscriptionId: unique('sub'),
        accountKey: 'ENTITY_A',
        source: 'ads/spCampaigns/1',
        from: '2026-11-01',
        to: '2026-11-07',
      });
      const at = (now: number) => ({ now, refreshBefore: now - 1_000, abandonedBefore: now - 5_000 });

      it('lets exactly one concurrent caller start a report job', async () => {
        const k = key();
        const claims = await Promise.all(
          Array.from({ length: 10 }, () => store.claimReportJob(k, at(10_000))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await store.getReport(k))?.jobState).toBe('creating');
      });

      it('polls a pending job at most once per interval, then keeps the data', async () => {
        const k = key();
        await store.claimReportJob(k, at(10_000));
        await store.setReportJob(k, 'report-1');
        const entry = await store.getReport(k);
        expect(entry?.jobState).toBe('pending');
        expect(entry?.amazonReportId).toBe('report-1');
        const polls = await Promise.all(
          Array.from({ length: 5 }, () => store.claimReportPoll(k, { now: 11_000, polledBefore: 10_500 })),
        );
        expect(polls.filter(Boolean)).toHaveLength(1);
        expect(await store.claimReportPoll(k, { now: 11_100, polledBefore: 10_600 })).toBe(false);
        expect(await store.claimReportPoll(k, { now: 13_000, polledBefore: 12_000 })).toBe(true);
        await store.completeReport(k, { adSpend: 12.5 }, 13_000, true);
        const done = await store.getReport(k);
        expect(done).toMatchObject({ payload: { adSpend: 12.5 }, fetchedAt: 13_000, jobState: null });
        expect(await store.claimReportJob(k, at(13_500))).toBe(false);
        expect(await store.claimReportJob(k, at(20_000))).toBe(true);
        expect((await store.getReport(k))?.payload).toEqual({ adSpend: 12.5 });
      });

      it('honours a wait asked for by Amazon and takes over an abandoned job', async () => {
        const k = key();
        await store.claimReportJob(k, at(10_000));
        await store.releaseReportJob(k, 15_000);
        expect(await store.claimReportJob(k, at(14_000))).toBe(false);
        expect(await store.claimReportJob(k, at(15_000))).toBe(true);
        expect(await store.claimReportJob(k, at(16_000))).toBe(false);
        expect(await store.claimReportJob(k, at(21_000))).toBe(true);
      });

      it('remembers when an account first had data, ignoring empty documents', async () => {
        const k = key();
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey)).toBeNull();
        await store.claimReportJob(k, at(10_000));
        await store.completeReport(k, { rows: [] }, 10_000, false);
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey)).toBeNull();
        await store.claimReportJob(k, at(20_000));
        await store.completeReport(k, { rows: [1] }, 20_000, true);
        await store.claimReportJob(k, at(30_000));
        await store.completeReport(k, { rows: [2] }, 30_000, true);
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey)).toBe(20_000);
      });

      it('tells, per source, whether data arrived', async () => {
        const k = key();
        const orders = { ...k, source: 'sp/orderMetrics/ATVPDKIKX0DER' };
        const traffic = { ...k, source: 'sp/salesAndTraffic/ATVPDKIKX0DER' };
        await store.claimReportJob(orders, at(10_000));
        await store.completeReport(orders, { rows: [1] }, 10_000, true);
        await store.claimReportJob(traffic, at(11_000));
        await store.completeReport(traffic, { rows: [] }, 11_000, false);
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey, 'sp/orderMetrics/')).toBe(10_000);
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey, 'sp/salesAndTraffic/')).toBeNull();
        expect(await store.firstDataAt(k.subscriptionId, k.accountKey, '')).toBe(10_000);
      });
    });

    describe('connection events (outbox and history)', () => {
      const typesOf = async (subscriptionId: string) =>
        (await store.listHistory(subscriptionId, 50)).reverse().map((e) => e.type);

      it('records each change with its event, in order, with who and which request', async () => {
        const subscriptionId = unique('sub');
        const first = advertising(subscriptionId, 'ENTITY_E');
        const context = { actor: 'user_1', requestId: 'req_1', at: 5_000 };
        await store.saveConnection({ connection: first, accountLimit: 1, context });
        await store.saveConnection({ connection: sellerCentral(subscriptionId, 'SP_E'), accountLimit: 1 });
        const again = advertising(subscriptionId, 'ENTITY_E');
        await store.saveConnection({ connection: again, accountLimit: 1 });
        expect(await store.markStale(subscriptionId, again.authorizationId, { actor: 'system' })).toBe(true);
        await store.markStale(subscriptionId, again.authorizationId); // already stale: no second event
        await store.deleteConnection(subscriptionId, 'advertising', 'ENTITY_E', { requestId: 'req_9' });
        expect(await typesOf(subscriptionId)).toEqual([
          'connected',
          'connected',
          'reconnected',
          'stale_detected',
          'disconnected',
          'disconnected',
        ]);
        const history = await store.listHistory(subscriptionId, 50);
        const connected = history.at(-1);
        expect(connected).toMatchObject({
          kind: 'advertising',
          accountId: 'ENTITY_E',
          actor: 'user_1',
          requestId: 'req_1',
          at: 5_000,
        });
        expect(history.slice(0, 2).map((e) => [e.kind, e.detail.cascade, e.requestId])).toEqual([
          ['sellerCentral', true, 'req_9'],
          ['advertising', false, 'req_9'],
        ]);
        expect(new Set(history.map((e) => e.id)).size).toBe(history.length);
        // nothing a secret: the stored event carries no token
        expect(JSON.stringify(history)).not.toContain('sealed');
      });

      it('records nothing for a refused or rolled-back change', async () => {
        const subscriptionId = unique('sub');
        const kept = advertising(subscriptionId, 'ENTITY_R');
        await store.saveConnection({ connection: kept, accountLimit: 1 });
        // refused by the one-account rule
        await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_S'), accountLimit: 1 });
        // Seller Central without Advertising
        const orphan = unique('sub');
        await store.saveConnection({ connection: sellerCentral(orphan, 'SP_X'), accountLimit: 1 });
        // a write that fails inside the transaction (authorization ids are unique) rolls back with its event
        const clash = { ...advertising(unique('sub'), 'ENTITY_T'), authorizationId: kept.authorizationId };
        await store.saveConnection({ connection: clash, accountLimit: 1 }).catch(() => undefined);
        expect(await store.listConnections(clash.subscriptionId)).toEqual([]);
        expect(await typesOf(clash.subscriptionId)).toEqual([]);
        expect(await typesOf(orphan)).toEqual([]);
        expect(await typesOf(subscriptionId)).toEqual(['connected']);
        expect(await store.deleteConnection(subscriptionId, 'sellerCentral', 'SP_NONE')).toBe(0);
        expect(await typesOf(subscriptionId)).toEqual(['connected']);
      });

      it('lets a reader catch up from a cursor without skipping or repeating, with two writers at once', async () => {
        const [start] = (await store.readEvents(0, 1_000_000)).slice(-1);
        const cursor = start?.position ?? 0;
        const subscriptions = Array.from({ length: 6 }, () => unique('sub'));
        await Promise.all(
          subscriptions.map((id) =>
            store.saveConnection({ connection: advertising(id, 'ENTITY_W'), accountLimit: 1 }),
          ),
        );
        const firstPage = await store.readEvents(cursor, 4);
        expect(firstPage).toHaveLength(4);
        const rest = await store.readEvents(firstPage.at(-1)?.position ?? 0, 100);
        const mine = [...firstPage, ...rest].filter((e) => subscriptions.includes(e.subscriptionId));
        expect(mine.map((e) => e.subscriptionId).sort()).toEqual([...subscriptions].sort());
        const positions = [...firstPage, ...rest].map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
      });

      it('records data_ready once, with the first data of an account', async () => {
        const subscriptionId = unique('sub');
        const key = (source: string) => ({
          subscriptionId,
          accountKey: 'ads:ENTITY_D',
          source,
          from: '2026-01-01',
          to: '2026-01-07',
        });
        const at = { now: 1, refreshBefore: 1, abandonedBefore: 0 };
        await store.claimReportJob(key('ads/spCampaigns/x'), at);
        await store.completeReport(key('ads/spCampaigns/x'), [], 10, false);
        expect(await typesOf(subscriptionId)).toEqual([]);
        await store.claimReportJob(key('ads/spCampaigns/y'), at);
        await store.completeReport(key('ads/spCampaigns/y'), [{ a: 1 }], 20, true);
        await store.claimReportJob(key('ads/spAdvertisedProduct/y'), at);
        await store.completeReport(key('ads/spAdvertisedProduct/y'), [{ a: 1 }], 30, true);
        const history = await store.listHistory(subscriptionId, 10);
        expect(history.map((e) => [e.type, e.kind, e.accountId, e.at])).toEqual([
          ['data_ready', 'advertising', 'ENTITY_D', 20],
        ]);
      });

      it('appends history-only events', async () => {
        const subscriptionId = unique('sub');
        const event = await store.appendEvent({
          type: 'disconnect_confirmation_asked',
          subscriptionId,
          kind: 'advertising',
          accountId: 'ENTITY_Q',
          at: 7,
          actor: 'user_2',
          requestId: 'req_2',
          detail: {},
        });
        expect(await store.listHistory(subscriptionId, 10)).toEqual([event]);
      });
    });

    it('splits health checks between servers and skips recently checked or stale connections', async () => {
      const subscriptions = Array.from({ length: 3 }, () => unique('sub'));
      for (const id of subscriptions)
        await store.saveConnection({ connection: advertising(id, 'ENTITY_H'), accountLimit: 1 });
      const now = 9_000_000_000_000; // later than anything other tests checked
      const claim = () =>
        store.claimHealthChecks({ now, checkedBefore: now - 1_000, leaseMs: 60_000, limit: 1_000 });
      const [a, b] = await Promise.all([claim(), claim()]);
      const mine = (list: { subscriptionId: string }[]) =>
        list.filter((c) => subscriptions.includes(c.subscriptionId)).map((c) => c.subscriptionId);
      expect([...mine(a), ...mine(b)].sort()).toEqual([...subscriptions].sort());
      const all = [...a, ...b].map((c) => c.authorizationId);
      expect(new Set(all).size).toBe(all.length);
      for (const c of [...a, ...b]) await store.finishHealthCheck(c.subscriptionId, c.authorizationId, now);
      expect(mine(await claim())).toEqual([]);
      // a refresh that worked counts as a check: that connection is not due when the others are
      const [used] = await store.listConnections(subscriptions[2] ?? '');
      await store.updateAccessToken(
        used?.subscriptionId ?? '',
        used?.authorizationId ?? '',
        'sealed',
        1,
        now + 9_500,
      );
      const later = now + 10_000;
      const [first] = await store.listConnections(subscriptions[0] ?? '');
      await store.markStale(first?.subscriptionId ?? '', first?.authorizationId ?? '');
      const due = await store.claimHealthChecks({
        now: later,
        checkedBefore: later - 1_000,
        leaseMs: 1,
        limit: 1_000,
      });
      expect(mine(due)).toEqual([subscriptions[1]]);
    });

    it('counts every connection of an account, across disconnects, per kind and subscription', async () => {
      const subscriptionId = unique('sub');
      expect(await store.connectionCount(subscriptionId, 'advertising', 'ENTITY_C')).toBe(0);
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_C'), accountLimit: 1 });
      await store.deleteConnection(subscriptionId, 'advertising', 'ENTITY_C');
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_C'), accountLimit: 1 });
      expect(await store.connectionCount(subscriptionId, 'advertising', 'ENTITY_C')).toBe(2);
      expect(await store.connectionCount(subscriptionId, 'sellerCentral', 'ENTITY_C')).toBe(0);
      expect(await store.connectionCount(unique('sub'), 'advertising', 'ENTITY_C')).toBe(0);
      // a refused save does not count
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_D'), accountLimit: 1 });
      expect(await store.connectionCount(subscriptionId, 'advertising', 'ENTITY_D')).toBe(0);
    });
  });
}
