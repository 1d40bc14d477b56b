import { describe, expect, it } from 'vitest';
import {
  advertisingConnection,
  createFakeBackend,
  type FakeBackend,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { createBrowser, signInOnAmazon } from '../../test/harness';
import { de, us, withMarketplaces } from '../../test/marketplaces';
import type { ConnectionsStatus } from '../contract/types';

/** Acme with Seller Central authorised for North America only (the status's `regions` lists it). */
function northAmericaOnly(): ConnectionsStatus {
  const seller = sellerCentralConnection();
  const { region, health, sellingPartnerId, marketplaces, connectedAt, data } = seller;
  return withMarketplaces(
    statusOf(advertisingConnection(), {
      ...seller,
      regions: [{ region, health, sellingPartnerId, marketplaces, connectedAt, data }],
    }),
  );
}

/** Acme with Seller Central authorised for North America and Europe. */
async function bothRegions(backend: FakeBackend) {
  const browser = createBrowser(backend);
  const tab = await browser.open();
  expect(tab.view().sellerCentral.connect('eu')).toEqual({ ok: true });
  await tab.settle();
  const { tab: back } = await signInOnAmazon(browser, tab, backend);
  await back.settle();
  return { browser, tab: back };
}

const authorizeCalls = (backend: FakeBackend) => backend.calls.filter((call) => call.method === 'authorize');
const disconnectCalls = (backend: FakeBackend) =>
  backend.calls.filter((call) => call.method === 'disconnect');

describe('Seller Central per region', () => {
  it('lists its regions with their marketplaces, and offers "connect for Europe" on Germany only', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly() });
    const view = (await createBrowser(backend).open()).view();
    expect(view.sellerCentral.regions).toEqual([
      expect.objectContaining({ region: 'na', name: 'North America', health: 'ok', marketplaces: ['US'] }),
    ]);
    const germany = view.marketplaces.find((marketplace) => marketplace.marketplaceId === de);
    expect(germany).toMatchObject({
      regionName: 'Europe',
      actions: { connectSellerCentral: { allowed: true } },
    });
    const unitedStates = view.marketplaces.find((marketplace) => marketplace.marketplaceId === us);
    expect(unitedStates?.actions.connectSellerCentral).toMatchObject({
      allowed: false,
      code: 'already_connected',
    });
  });

  it('refuses a region sign-in with the reason while Seller Central is not connected, or Advertising is missing', async () => {
    const noSeller = createFakeBackend({ status: withMarketplaces(statusOf(advertisingConnection())) });
    const tab = await createBrowser(noSeller).open();
    const germany = tab.view().marketplaces.find((marketplace) => marketplace.marketplaceId === de);
    expect(germany?.actions.connectSellerCentral).toMatchObject({ allowed: false, code: 'not_connected' });
    expect(tab.view().sellerCentral.connect('eu')).toMatchObject({ ok: false, code: 'not_connected' });
    expect(tab.view().refusal).toMatchObject({
      kind: 'sellerCentral',
      command: 'connect',
      code: 'not_connected',
    });
    expect(authorizeCalls(noSeller)).toEqual([]);

    const nothing = createFakeBackend({ status: withMarketplaces(statusOf()) });
    const empty = await createBrowser(nothing).open();
    expect(empty.view().sellerCentral.regionActions.eu.connect).toMatchObject({
      code: 'advertising_required',
    });
  });

  it('signs in for Europe with the region on POST /authorize, and keeps North America beside it', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly(), newData: 'ready' });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().sellerCentral.connect('eu');
    await tab.settle();
    expect(authorizeCalls(backend).map((call) => call.request)).toEqual([
      expect.objectContaining({ kind: 'sellerCentral', region: 'eu' }),
    ]);
    expect(tab.environment.redirects.at(-1)).toContain('sellercentral-europe.amazon.com');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    const view = await back.settle();
    expect(view.sellerCentral.regions.map((region) => [region.name, region.marketplaces])).toEqual([
      ['North America', ['US']],
      ['Europe', ['GB', 'DE']],
    ]);
    expect(view.sellerCentral.regionActions.eu.connect).toMatchObject({
      allowed: false,
      code: 'already_connected',
    });
    expect(view.sellerCentral.regionActions.eu.disconnect).toEqual({ allowed: true });
  });

  it('never reuses a sign-in URL prepared for North America for Europe (the cache is per region)', async () => {
    const status = northAmericaOnly();
    const stale = {
      ...status,
      sellerCentral: status.sellerCentral && { ...status.sellerCentral, health: 'stale' as const },
    };
    stale.sellerCentral = stale.sellerCentral && {
      ...stale.sellerCentral,
      regions: stale.sellerCentral.regions?.map((region) => ({ ...region, health: 'stale' as const })),
    };
    const backend = createFakeBackend({ status: stale });
    const tab = await createBrowser(backend, { mode: 'popup' }, { popups: 'open' }).open();
    // Prepared (popup mode, before the click) for the stale North American authorisation…
    expect(tab.view().sellerCentral.prepare('na')).toEqual({ ok: true });
    await tab.settle();
    expect(tab.view().sellerCentral.activity).toBe('prepared');
    const northAmericaUrl = tab.connections.getSnapshot().context.prepared.sellerCentral?.authorizeUrl;
    // …then the seller clicks "Connect Seller Central for Europe": prepared again, for Europe.
    expect(tab.view().sellerCentral.connect('eu')).toEqual({ ok: true });
    await tab.settle();
    expect(authorizeCalls(backend).map((call) => (call.request as { region?: string }).region)).toEqual([
      'na',
      'eu',
    ]);
    const opened = tab.environment.popups.map((popup) => popup.url);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('sellercentral-europe.amazon.com');
    expect(opened[0]).not.toBe(northAmericaUrl);
  });

  it('a prepared URL is reused by the click for the same region (one POST /authorize)', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly() });
    const tab = await createBrowser(backend, { mode: 'popup' }, { popups: 'open' }).open();
    tab.view().sellerCentral.prepare('eu');
    await tab.settle();
    expect(tab.view().sellerCentral.connect('eu')).toEqual({ ok: true });
    await tab.settle();
    expect(authorizeCalls(backend)).toHaveLength(1);
    expect(tab.environment.popups.map((popup) => popup.url)).toEqual([
      expect.stringContaining('sellercentral-europe.amazon.com'),
    ]);
  });

  it('disconnects Europe only: North America and its figures stay', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly(), newData: 'ready' });
    const { tab } = await bothRegions(backend);
    expect(tab.view().sellerCentral.disconnect('eu')).toEqual({ ok: true });
    // A double click: refused while the first is under way, never sent twice.
    expect(tab.view().sellerCentral.disconnect('eu')).toMatchObject({ ok: false, code: 'in_progress' });
    expect(tab.view().sellerCentral.pendingRegion).toBe('eu');
    const view = await tab.settle();
    expect(disconnectCalls(backend).map((call) => call.request)).toEqual([
      { kind: 'sellerCentral', region: 'eu' },
    ]);
    expect(view.sellerCentral.condition).toBe('ready');
    expect(view.sellerCentral.regions.map((region) => region.region)).toEqual(['na']);
    expect(view.metrics.totalSales).toEqual({ state: 'available' });
  });

  it('a network failure mid-disconnect loses nothing: both regions stay, the trouble says so, a retry works', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly(), newData: 'ready' });
    const { tab } = await bothRegions(backend);
    backend.failNext('disconnect', 'network');
    tab.view().sellerCentral.disconnect('eu');
    const failed = await tab.settle();
    expect(failed.sellerCentral.activity).toBe('failed');
    expect(failed.sellerCentral.trouble).toMatchObject({ code: 'network_error', during: 'disconnect' });
    expect(failed.sellerCentral.regions.map((region) => region.region)).toEqual(['na', 'eu']);
    expect(failed.sellerCentral.disconnect('eu')).toEqual({ ok: true });
    const view = await tab.settle();
    expect(view.sellerCentral.regions.map((region) => region.region)).toEqual(['na']);
  });

  it('refuses to disconnect a region that is not authorised, without calling the server', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly() });
    const tab = await createBrowser(backend).open();
    expect(tab.view().sellerCentral.regionActions.eu.disconnect).toMatchObject({
      allowed: false,
      code: 'not_connected',
    });
    expect(tab.view().sellerCentral.disconnect('eu')).toMatchObject({ ok: false, code: 'not_connected' });
    expect(disconnectCalls(backend)).toEqual([]);
  });

  it('a stale region is signed in again for that region', async () => {
    const status = northAmericaOnly();
    const seller = status.sellerCentral;
    if (!seller?.regions) throw new Error('fixture');
    const europe = { ...seller.regions[0]!, region: 'eu' as const, health: 'stale' as const };
    const backend = createFakeBackend({
      status: { ...status, sellerCentral: { ...seller, regions: [...seller.regions, europe] } },
    });
    const tab = await createBrowser(backend).open();
    const view = tab.view();
    expect(view.sellerCentral.regions.find((region) => region.region === 'eu')?.health).toBe('stale');
    expect(view.sellerCentral.regionActions.eu.connect).toEqual({ allowed: true });
    expect(view.sellerCentral.regionActions.na.connect).toMatchObject({
      allowed: false,
      code: 'already_connected',
    });
    view.sellerCentral.connect('eu');
    await tab.settle();
    expect(authorizeCalls(backend).map((call) => call.request)).toEqual([
      expect.objectContaining({ kind: 'sellerCentral', region: 'eu' }),
    ]);
  });

  it('the plain Seller Central disconnect still removes the whole layer (every region)', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly(), newData: 'ready' });
    const { tab } = await bothRegions(backend);
    tab.view().sellerCentral.disconnect();
    const view = await tab.settle();
    expect(disconnectCalls(backend).map((call) => call.request)).toEqual([{ kind: 'sellerCentral' }]);
    expect(view.sellerCentral.condition).toBe('disconnected');
    expect(view.sellerCentral.regions).toEqual([]);
  });

  it('one stale region stops only its own marketplaces’ Seller Central figures, in the view and from a stale answer', async () => {
    const backend = createFakeBackend({ status: northAmericaOnly() });
    const { tab } = await bothRegions(backend);
    const range = { from: '2026-11-01', to: '2026-11-07' };
    // Europe stops working at Amazon; the open dashboard shows Germany and learns it from the figures' answer.
    const seller = backend.status.sellerCentral;
    if (!seller?.regions) throw new Error('two regions expected');
    const europe = seller.regions.find((entry) => entry.region === 'eu');
    if (!europe) throw new Error('Europe expected');
    const staleStatus = structuredClone(backend.status);
    expect(tab.view().selectMarketplace(de)).toEqual({ ok: true });
    backend.status = {
      ...staleStatus,
      sellerCentral: {
        ...seller,
        regions: seller.regions.map((entry) =>
          entry.region === 'eu' ? { ...entry, health: 'stale' } : entry,
        ),
      },
    };
    const answer = await tab.connections.loadMetrics({ ...range, marketplace: de });
    expect(answer.metrics.totalSales).toMatchObject({ value: null, reason: 'stale' });
    const germany = await tab.settle();
    expect(germany.metrics.totalSales).toMatchObject({ state: 'unavailable', reason: 'stale' });
    expect(germany.metrics.adSpend.state).toBe('available');
    // North America works: the layer is not stale, and the US figures are there.
    expect(germany.sellerCentral.condition).toBe('ready');
    expect(germany.sellerCentral.regions.map((entry) => [entry.region, entry.health])).toEqual([
      ['na', 'ok'],
      ['eu', 'stale'],
    ]);
    expect(tab.view().selectMarketplace(us)).toEqual({ ok: true });
    expect(tab.view().metrics.totalSales.state).toBe('available');
    const unitedStates = await tab.connections.loadMetrics({ ...range, marketplace: us });
    expect(unitedStates.metrics.totalSales).toMatchObject({ value: 9600, reason: null });
    expect((await tab.settle()).metrics.totalSales.state).toBe('available');
    // Germany offers "Reconnect Seller Central for Europe".
    const de2 = tab.view().marketplaces.find((marketplace) => marketplace.marketplaceId === de);
    expect(de2?.actions.connectSellerCentral).toMatchObject({ allowed: true });
  });
});
