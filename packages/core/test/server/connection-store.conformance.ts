// The one conformance suite every ConnectionStore passes (run by sqlite-store.test.ts and postgres-store.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvertisingAccount } from '../../src/contract/types';
import { buildStatus } from '../../src/server/metrics/connections-status';
import { sellerAccountKey } from '../../src/server/metrics/report-sources';
import type {
  AdvertisingConnectionRecord,
  ConnectionStore,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportKey,
  RetentionCutoffs,
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

const usa = { id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currencyCode: 'USD' };

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

/**
 * Every row of every table of the store's database, listed from the database's own catalogue (so a table added
 * later is read too), by table name.
 */
export type DumpTables = () => Promise<Record<string, Record<string, unknown>[]>>;

/** Registers the conformance suite for one store implementation (`dump` reads the same database directly). */
export function describeConnectionStoreConformance(
  name: string,
  open: () => Promise<ConnectionStore>,
  dump?: DumpTables,
): void {
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

    it('adds a region only for the same store: not for a shared marketplace alone, nor without store names; not only where the account advertises', async () => {
      const subscriptionId = unique('sub');
      // Advertises in the US only, sells in the US and (Europe) in the UK and Germany.
      await store.saveConnection({ connection: advertising(subscriptionId, 'ENTITY_S'), accountLimit: 1 });
      const migrated = sellerCentral(subscriptionId, 'SP_NA'); // a row without store names, as migration 6 left it
      await store.saveConnection({ connection: migrated, accountLimit: 1 });
      const europe = (storeName: string | undefined, id = 'SP_EU') => ({
        ...sellerCentral(subscriptionId, id),
        tokenRegion: 'eu' as const,
        marketplaces: [
          { id: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', countryCode: 'GB', currencyCode: 'GBP', storeName },
          { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currencyCode: 'EUR', storeName },
        ],
      });
      const layers = async () =>
        (await store.listConnections(subscriptionId))
          .filter((c) => c.kind === 'sellerCentral')
          .map((c) => [c.tokenRegion, c.accountId, c.marketplaces[0]?.storeName]);
      // North America's store name is not known: sameness cannot be established.
      const unknown = await store.saveConnection({ connection: europe('Acme'), accountLimit: 1 });
      expect(unknown).toMatchObject({ ok: false, code: 'account_conflict' });
      expect(unknown.ok ? '' : unknown.detail).toMatch(/cannot be shown to be the same seller/);
      // Read afresh with North America's token: another store is refused, the same store accepted and stored.
      const read = (storeName: string) => ({
        [migrated.authorizationId]: migrated.marketplaces.map((m) => ({ ...m, storeName })),
      });
      const other = await store.saveConnection({
        connection: europe('Fourth Coffee', 'SP_OTHER'),
        accountLimit: 1,
        authorisedMarketplaces: read('Acme'),
      });
      expect(other).toMatchObject({ ok: false, code: 'account_conflict' });
      expect(other.ok ? '' : other.detail).toMatch(/its store is not the store connected for North America/);
      expect(await layers()).toEqual([['na', 'SP_NA', undefined]]);
      // A new authorisation without a store name is refused too.
      const unnamed = await store.saveConnection({
        connection: europe(undefined),
        accountLimit: 1,
        authorisedMarketplaces: read('Acme'),
      });
      expect(unnamed).toMatchObject({ ok: false, code: 'account_conflict' });
      const same = await store.saveConnection({
        connection: europe(' acme '),
        accountLimit: 1,
        authorisedMarketplaces: read('Acme'),
      });
      expect(same).toEqual({ ok: true, replaced: false });
      expect(await layers()).toEqual([
        ['eu', 'SP_EU', ' acme '],
        ['na', 'SP_NA', 'Acme'],
      ]);
    });

    it('keeps one Seller Central authorisation per region beside the others, and disconnects one region or all', async () => {
      const subscriptionId = unique('sub');
      const ads = advertising(subscriptionId, 'ENTITY_M');
      const acme = {
        ...ads,
        account: {
          ...ads.account,
          marketplaces: [
            { profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' as const },
            { profileId: '2', countryCode: 'DE', marketplaceId: 'A1PA6795UKMFR9', region: 'eu' as const },
          ],
        },
      };
      await store.saveConnection({ connection: acme, accountLimit: 1 });
      const na = {
        ...sellerCentral(subscriptionId, 'SP_NA'),
        marketplaces: [{ ...usa, storeName: 'Acme' }],
      };
      const germany = {
        id: 'A1PA6795UKMFR9',
        name: 'Amazon.de',
        countryCode: 'DE',
        currencyCode: 'EUR',
        storeName: 'Acme',
      };
      const eu = {
        ...sellerCentral(subscriptionId, 'SP_EU'),
        tokenRegion: 'eu' as const,
        marketplaces: [germany],
      };
      expect(await store.saveConnection({ connection: na, accountLimit: 1 })).toEqual({
        ok: true,
        replaced: false,
      });
      expect(await store.saveConnection({ connection: eu, accountLimit: 1 })).toEqual({
        ok: true,
        replaced: false,
      });
      const layers = async () =>
        (await store.listConnections(subscriptionId))
          .filter((c) => c.kind === 'sellerCentral')
          .map((c) => [c.tokenRegion, c.accountId, c.authorizationId]);
      expect(await layers()).toEqual([
        ['eu', 'SP_EU', eu.authorizationId],
        ['na', 'SP_NA', na.authorizationId],
      ]);
      // A reconnect in North America replaces that region's authorisation only.
      const naAgain = { ...sellerCentral(subscriptionId, 'SP_NA'), marketplaces: na.marketplaces };
      expect(await store.saveConnection({ connection: naAgain, accountLimit: 1 })).toEqual({
        ok: true,
        replaced: true,
      });
      expect(await layers()).toEqual([
        ['eu', 'SP_EU', eu.authorizationId],
        ['na', 'SP_NA', naAgain.authorizationId],
      ]);
      // Another seller (selling nowhere this Advertising account advertises) is refused beside them.
      const japan = { id: 'A1VC38T7YXB528', name: 'Amazon.co.jp', countryCode: 'JP', currencyCode: 'JPY' };
      const other = {
        ...sellerCentral(subscriptionId, 'SP_OTHER'),
        tokenRegion: 'fe' as const,
        marketplaces: [japan],
      };
      expect(await store.saveConnection({ connection: other, accountLimit: 1 })).toMatchObject({
        ok: false,
        code: 'account_conflict',
      });
      // One region's disconnect leaves the other; the event names the region.
      expect(
        await store.deleteConnection(subscriptionId, 'sellerCentral', 'SP_EU', { at: 9_000 }, 'eu'),
      ).toBe(1);
      expect(await layers()).toEqual([['na', 'SP_NA', naAgain.authorizationId]]);
      expect(await store.deleteConnection(subscriptionId, 'sellerCentral', 'SP_NA', undefined, 'eu')).toBe(0);
      const [latest] = await store.listHistory(subscriptionId, 1);
      expect(latest).toMatchObject({ type: 'disconnected', kind: 'sellerCentral', accountId: 'SP_EU' });
      expect(latest?.detail).toEqual({ cascade: false, region: 'eu' });
      // The whole layer: every region at once.
      await store.saveConnection({ connection: { ...eu, authorizationId: unique('auth') }, accountLimit: 1 });
      expect(await store.deleteConnection(subscriptionId, 'sellerCentral', 'SP_NA')).toBe(2);
      expect(await layers()).toEqual([]);
      // The Advertising disconnect cascades to every region.
      await store.saveConnection({ connection: { ...na, authorizationId: unique('auth') }, accountLimit: 1 });
      await store.saveConnection({ connection: { ...eu, authorizationId: unique('auth') }, accountLimit: 1 });
      expect(await store.deleteConnection(subscriptionId, 'advertising', 'ENTITY_M')).toBe(3);
      const cascade = (await store.listHistory(subscriptionId, 3)).map((e) => [e.kind, e.detail]);
      expect(cascade).toEqual([
        ['sellerCentral', { cascade: true, region: 'na' }],
        ['sellerCentral', { cascade: true, region: 'eu' }],
        ['advertising', { cascade: false }],
      ]);
      expect(await store.listConnections(subscriptionId)).toEqual([]);
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

    describe('erasing a subscription', () => {
      /** Gives a subscription something in every part of the store; returns the values that must vanish. */
      async function fill(subscriptionId: string) {
        const ads = {
          ...advertising(subscriptionId, unique('ENTITY')),
          sealedRefreshToken: unique('sealedRT'),
        };
        await store.saveConnection({
          connection: ads,
          accountLimit: 1,
          context: { actor: unique('user'), requestId: unique('req') },
        });
        const sc = { ...sellerCentral(subscriptionId, unique('SP')), sealedRefreshToken: unique('sealedSC') };
        await store.saveConnection({ connection: sc, accountLimit: 1 });
        await store.updateAccessToken(subscriptionId, ads.authorizationId, unique('sealedAT'), 99_000);
        const tx = { ...transaction(subscriptionId), returnTo: `/${unique('return')}` };
        await store.createTransaction(tx);
        const report: ReportKey = {
          subscriptionId,
          accountKey: `ads:${ads.accountId}`,
          source: 'ads/spCampaigns/1',
          from: '2026-11-01',
          to: '2026-11-07',
        };
        await store.claimReportJob(report, { now: 1, refreshBefore: 0, abandonedBefore: 0 });
        await store.completeReport(report, { seller: unique('payload') }, 2, true);
        await store.appendEvent({
          type: 'disconnect_confirmation_asked',
          subscriptionId,
          kind: 'advertising',
          accountId: ads.accountId,
          at: 3,
          actor: unique('user'),
          requestId: unique('req'),
          detail: {},
        });
        await store.recordAccess({
          subscriptionId,
          kind: 'advertising',
          operation: 'fetch',
          endpointFamily: 'ads:/sp/keywords',
          method: 'PUT',
          actor: unique('user'),
          requestId: null,
          at: 4,
        });
        return { ads, sc, tx, report };
      }

      it('deletes everything of the subscription in one step, keeps other subscriptions, and records one erased event', async () => {
        const subscriptionId = unique('sub');
        const other = unique('sub');
        const { ads, sc, tx, report } = await fill(subscriptionId);
        await fill(other);
        const result = await store.eraseSubscription(subscriptionId, 50_000);
        expect(result.rows).toBeGreaterThan(0);
        expect([...result.authorizationIds].sort()).toEqual([ads.authorizationId, sc.authorizationId].sort());
        expect(result.event).toMatchObject({
          type: 'erased',
          subscriptionId,
          accountId: '',
          actor: null,
          requestId: null,
          at: 50_000,
          detail: { rows: result.rows },
        });
        expect(await store.listConnections(subscriptionId)).toEqual([]);
        expect(await store.getTransaction(tx.selector)).toBeNull();
        expect(await store.getReport(report)).toBeNull();
        expect(await store.connectionCount(subscriptionId, 'advertising', ads.accountId)).toBe(0);
        expect(await store.firstDataAt(subscriptionId, report.accountKey)).toBeNull();
        expect(await store.listAccess(subscriptionId, 10)).toEqual([]);
        expect((await store.listHistory(subscriptionId, 50)).map((e) => e.type)).toEqual(['erased']);
        // the outbox hands the erased event on to hosts following it
        const tail = await store.readEvents((result.event?.position ?? 1) - 1, 10);
        expect(tail[0]?.id).toBe(result.event?.id);
        // another subscription is untouched
        expect(await store.listConnections(other)).toHaveLength(2);
        expect(await store.listAccess(other, 10)).toHaveLength(1);
        expect((await store.listHistory(other, 50)).length).toBeGreaterThan(0);
      });

      it('is idempotent: a second erase deletes nothing and records no second event', async () => {
        const subscriptionId = unique('sub');
        await fill(subscriptionId);
        const first = await store.eraseSubscription(subscriptionId, 1);
        const second = await store.eraseSubscription(subscriptionId, 2);
        expect(second).toEqual({ rows: 0, authorizationIds: [], event: null });
        expect((await store.listHistory(subscriptionId, 50)).map((e) => e.id)).toEqual([first.event?.id]);
        // a subscription that never had anything gets its erased event (the host's proof it ran)
        const never = unique('sub');
        expect((await store.eraseSubscription(never, 3)).event?.type).toBe('erased');
      });

      it.runIf(dump)(
        'leaves nothing of the subscription in any table of the database but its erased event',
        async () => {
          const subscriptionId = unique('sub');
          const { ads, sc, tx } = await fill(subscriptionId);
          const personal = [
            subscriptionId,
            ads.accountId,
            sc.accountId,
            ads.sealedRefreshToken,
            sc.sealedRefreshToken,
            ads.authorizationId,
            tx.selector,
            tx.returnTo,
          ];
          const before = JSON.stringify(await dump?.());
          for (const value of personal) expect(before).toContain(value); // the check below can fail
          const { event } = await store.eraseSubscription(subscriptionId, 7);
          const tables = (await dump?.()) ?? {};
          expect(Object.keys(tables)).toContain('sa_connection_events');
          for (const [table, tableRows] of Object.entries(tables)) {
            for (const row of tableRows) {
              const text = JSON.stringify(row);
              const isErasedEvent = table === 'sa_connection_events' && row.id === event?.id;
              for (const value of personal) {
                if (isErasedEvent && value === subscriptionId) continue;
                expect(text, `${table} still holds ${value}`).not.toContain(value);
              }
            }
          }
        },
      );
    });

    describe('retention', () => {
      // Times far before every other test's rows (which use small positive times), so cut-offs here touch
      // only this test's rows even though the suite shares one database.
      const LONG_AGO = -10_000_000_000;
      const cutoffs = (overrides: Partial<RetentionCutoffs> = {}): RetentionCutoffs => ({
        now: LONG_AGO + 100_000,
        reportsFetchedBefore: LONG_AGO + 50_000,
        transactionsExpiredBefore: LONG_AGO + 50_000,
        eventsBefore: LONG_AGO + 50_000,
        accessBefore: LONG_AGO + 50_000,
        batchSize: 2,
        ...overrides,
      });
      const reportKey = (subscriptionId: string, source: string): ReportKey => ({
        subscriptionId,
        accountKey: 'ads:ENTITY_R',
        source,
        from: '2026-10-01',
        to: '2026-10-07',
      });
      const completed = async (key: ReportKey, at: number, hasData: boolean) => {
        await store.claimReportJob(key, { now: at, refreshBefore: at, abandonedBefore: at });
        await store.completeReport(key, { figures: [at] }, at, hasData);
      };

      it('empties old report data but keeps when the first data came, leaves fresh data and live jobs', async () => {
        const subscriptionId = unique('sub');
        const old = reportKey(subscriptionId, 'ads/old');
        const oldEmpty = reportKey(subscriptionId, 'ads/oldEmpty');
        const fresh = reportKey(subscriptionId, 'ads/fresh');
        const running = reportKey(subscriptionId, 'ads/running');
        await completed(old, LONG_AGO + 1_000, true);
        await completed(oldEmpty, LONG_AGO + 1_000, false);
        await completed(fresh, LONG_AGO + 60_000, true);
        await store.claimReportJob(running, { now: LONG_AGO, refreshBefore: 0, abandonedBefore: 0 });
        const result = await store.applyRetention(cutoffs({ eventsBefore: LONG_AGO - 1 })); // keep data_ready
        expect(result.reports).toBeGreaterThanOrEqual(3); // two emptied, the empty one deleted
        expect(await store.getReport(old)).toMatchObject({ payload: null, fetchedAt: null });
        expect(await store.getReport(oldEmpty)).toBeNull();
        expect((await store.getReport(fresh))?.payload).toEqual({ figures: [LONG_AGO + 60_000] });
        expect((await store.getReport(running))?.jobState).toBe('creating');
        // the first data is still known: no second data_ready when data comes again
        expect(await store.firstDataAt(subscriptionId, 'ads:ENTITY_R')).toBe(LONG_AGO + 1_000);
        await completed(old, LONG_AGO + 70_000, true);
        const types = (await store.listHistory(subscriptionId, 50)).map((e) => e.type);
        expect(types.filter((type) => type === 'data_ready')).toHaveLength(1);
      });

      it('deletes transactions expired before the cut-off and events recorded before it, in batches', async () => {
        await store.applyRetention(cutoffs()); // what the test before left behind
        const subscriptionId = unique('sub');
        const expired = Array.from({ length: 5 }, () => transaction(subscriptionId, LONG_AGO + 1_000));
        const open = transaction(subscriptionId, LONG_AGO + 60_000);
        for (const tx of [...expired, open]) await store.createTransaction(tx);
        const event = (at: number) => ({
          type: 'disconnect_confirmation_asked' as const,
          subscriptionId,
          kind: 'advertising' as const,
          accountId: 'ENTITY_R',
          at,
          actor: null,
          requestId: null,
          detail: {},
        });
        for (let i = 0; i < 5; i++) await store.appendEvent(event(LONG_AGO + i));
        const kept = await store.appendEvent(event(LONG_AGO + 60_000));
        const result = await store.applyRetention(cutoffs());
        expect(result).toMatchObject({ transactions: 5, events: 5 });
        for (const tx of expired) expect(await store.getTransaction(tx.selector)).toBeNull();
        expect(await store.getTransaction(open.selector)).not.toBeNull();
        expect((await store.listHistory(subscriptionId, 50)).map((e) => e.id)).toEqual([kept.id]);
        expect(await store.applyRetention(cutoffs())).toMatchObject({ transactions: 0, events: 0 });
      });

      it('lets several runs go at once: they split the rows and count each once', async () => {
        const subscriptionId = unique('sub');
        for (let i = 0; i < 12; i++) {
          await store.createTransaction(transaction(subscriptionId, LONG_AGO - 1_000 + i));
        }
        const runs = await Promise.all(
          Array.from({ length: 4 }, () => store.applyRetention(cutoffs({ batchSize: 3 }))),
        );
        expect(runs.reduce((sum, run) => sum + run.transactions, 0)).toBe(12);
      });
    });

    describe('access audit', () => {
      const access = (subscriptionId: string, at: number, endpointFamily: string) => ({
        subscriptionId,
        kind: 'advertising' as const,
        operation: 'fetch' as const,
        endpointFamily,
        method: 'GET',
        actor: 'rules-job',
        requestId: 'req_a',
        at,
      });

      it('records each use and lists a subscription’s newest first, also within one millisecond', async () => {
        const subscriptionId = unique('sub');
        const first = await store.recordAccess(access(subscriptionId, 1_000, 'ads:/v2/profiles'));
        const second = await store.recordAccess(access(subscriptionId, 1_000, 'ads:/sp/keywords'));
        const third = await store.recordAccess({
          ...access(subscriptionId, 2_000, 'sp-api:token'),
          kind: 'sellerCentral',
          operation: 'reveal_token',
          method: null,
          requestId: null,
        });
        await store.recordAccess(access(unique('sub'), 1_500, 'ads:/sp/campaigns'));
        const listed = await store.listAccess(subscriptionId, 10);
        expect(listed).toEqual([third, second, first]);
        expect(listed[2]).toMatchObject({
          subscriptionId,
          kind: 'advertising',
          operation: 'fetch',
          endpointFamily: 'ads:/v2/profiles',
          method: 'GET',
          actor: 'rules-job',
          requestId: 'req_a',
          at: 1_000,
        });
        expect(await store.listAccess(subscriptionId, 1)).toEqual([third]);
      });

      it('is trimmed by retention', async () => {
        const subscriptionId = unique('sub');
        await store.recordAccess(access(subscriptionId, -10_000_000_000, 'ads:/old'));
        const kept = await store.recordAccess(access(subscriptionId, 5_000, 'ads:/new'));
        const result = await store.applyRetention({
          now: 10_000,
          reportsFetchedBefore: -20_000_000_000,
          transactionsExpiredBefore: -20_000_000_000,
          eventsBefore: -20_000_000_000,
          accessBefore: -9_000_000_000,
          batchSize: 10,
        });
        expect(result.access).toBe(1);
        expect(await store.listAccess(subscriptionId, 10)).toEqual([kept]);
      });
    });

    it('counts and populates Seller Central per region when two regions share one selling partner id', async () => {
      const subscriptionId = unique('sub');
      const ads = advertising(subscriptionId, 'ENTITY_R');
      const profiles = [
        { profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' as const },
        { profileId: '2', countryCode: 'DE', marketplaceId: 'A1PA6795UKMFR9', region: 'eu' as const },
      ];
      await store.saveConnection({
        connection: { ...ads, account: { ...ads.account, marketplaces: profiles } },
        accountLimit: 1,
      });
      const na = sellerCentral(subscriptionId, 'SP_SHARED');
      const store_ = { storeName: 'Acme' };
      await store.saveConnection({
        connection: { ...na, marketplaces: na.marketplaces.map((m) => ({ ...m, ...store_ })) },
        accountLimit: 1,
      });
      const key = (region: string) => ({
        subscriptionId,
        accountKey: sellerAccountKey('SP_SHARED', region as 'na' | 'eu'),
        source: 'sp/orderMetrics/local/ATVPDKIKX0DER',
        from: '2026-11-01',
        to: '2026-11-01',
      });
      await store.claimReportJob(key('na'), { now: 5_000, refreshBefore: 5_000, abandonedBefore: 5_000 });
      await store.completeReport(key('na'), { rows: 1 }, 5_000, true);
      const germany = {
        id: 'A1PA6795UKMFR9',
        name: 'Amazon.de',
        countryCode: 'DE',
        currencyCode: 'EUR',
        ...store_,
      };
      const eu = {
        ...sellerCentral(subscriptionId, 'SP_SHARED'),
        tokenRegion: 'eu' as const,
        marketplaces: [germany],
      };
      expect(await store.saveConnection({ connection: eu, accountLimit: 1 })).toEqual({
        ok: true,
        replaced: false,
      });
      // Europe's first authorisation is a first connection, attempt 1, with no data yet.
      const [connected, ready] = await store.listHistory(subscriptionId, 2);
      expect(connected).toMatchObject({
        type: 'connected',
        accountId: 'SP_SHARED',
        detail: { region: 'eu' },
      });
      expect(ready).toMatchObject({ type: 'data_ready', detail: { region: 'na' } });
      expect(await store.connectionCount(subscriptionId, 'sellerCentral', 'SP_SHARED', 'eu')).toBe(1);
      expect(await store.connectionCount(subscriptionId, 'sellerCentral', 'SP_SHARED', 'na')).toBe(1);
      const status = await buildStatus(
        store,
        { id: subscriptionId, accountLimit: 1 },
        await store.listConnections(subscriptionId),
      );
      const regions = status.sellerCentral?.regions ?? [];
      expect(regions.map((r) => [r.region, r.data.state])).toEqual([
        ['eu', 'populating'],
        ['na', 'populating'], // orders arrived, sales and traffic not yet
      ]);
      expect(regions[0]?.data).toMatchObject({ attempt: 1, missing: ['orders', 'salesAndTraffic'] });
      expect(regions[1]?.data).toMatchObject({ attempt: 1, missing: ['salesAndTraffic'] });
      // A reconnect of Europe is Europe's second connection, not North America's.
      await store.saveConnection({ connection: { ...eu, authorizationId: unique('auth') }, accountLimit: 1 });
      expect((await store.listHistory(subscriptionId, 1))[0]).toMatchObject({ type: 'reconnected' });
      expect(await store.connectionCount(subscriptionId, 'sellerCentral', 'SP_SHARED', 'eu')).toBe(2);
      expect(await store.connectionCount(subscriptionId, 'sellerCentral', 'SP_SHARED', 'na')).toBe(1);
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
