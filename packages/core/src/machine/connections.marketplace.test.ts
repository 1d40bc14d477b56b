import { describe, expect, it } from 'vitest';
import {
  advertisingConnection,
  createFakeBackend,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { createBrowser, signInOnAmazon } from '../../test/harness';
import { acmeMarketplaces, ca, de, us, withMarketplaces } from '../../test/marketplaces';
import { createMemoryEnvironment } from '../environment/environment.memory';
import { createMemoryStorage } from '../environment/memory-storage';
import { createConnections } from './connections.create';

const bothConnected = () => withMarketplaces(statusOf(advertisingConnection(), sellerCentralConnection()));

describe('the selected marketplace', () => {
  it("is the seller's home marketplace (the first listed) until the seller chooses another", async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const view = (await createBrowser(backend).open()).view();
    expect(view.marketplaces.map((marketplace) => marketplace.countryCode)).toEqual(['US', 'CA', 'GB', 'DE']);
    expect(view.selectedMarketplace).toBe(us);
    expect(view.metrics.totalSales).toEqual({ state: 'available' });
  });

  it('where Seller Central does not cover the marketplace, its figures are unavailable with the reason; Ads figures are not', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const tab = await createBrowser(backend).open();
    expect(tab.view().selectMarketplace(de)).toEqual({ ok: true });
    const view = tab.view();
    expect(view.selectedMarketplace).toBe(de);
    expect(view.metrics.totalSales).toMatchObject({
      state: 'unavailable',
      reason: 'not_covered',
      connections: ['sellerCentral'],
      message: expect.stringContaining('Seller Central is not connected for Germany'),
    });
    expect(view.metrics.tacos).toMatchObject({ state: 'unavailable', reason: 'not_covered' });
    expect(view.metrics.adSpend).toEqual({ state: 'available' });
    expect(view.metrics.acos).toEqual({ state: 'available' });
  });

  it('a disconnected connection keeps its own reason in every marketplace (connect comes first)', async () => {
    const backend = createFakeBackend({ status: withMarketplaces(statusOf(advertisingConnection())) });
    const tab = await createBrowser(backend).open();
    tab.view().selectMarketplace(de);
    expect(tab.view().metrics.totalSales).toMatchObject({ state: 'unavailable', reason: 'disconnected' });
  });

  it('survives a reload of the page', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().selectMarketplace(ca);
    tab.connections.stop();
    expect((await browser.open()).view().selectedMarketplace).toBe(ca);
  });

  it('survives the redirect to Amazon and back (the OAuth round trip)', async () => {
    const backend = createFakeBackend({
      status: withMarketplaces(statusOf(advertisingConnection())),
      newData: 'ready',
    });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().selectMarketplace(ca);
    tab.view().sellerCentral.connect();
    await tab.settle();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    const view = await back.settle();
    expect(view.sellerCentral.condition).toBe('ready');
    expect(view.selectedMarketplace).toBe(ca);
  });

  it('the all-marketplaces view is a choice like the others, and survives a reload', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    expect(tab.view().selectMarketplace('all')).toEqual({ ok: true });
    expect(tab.view().selectedMarketplace).toBe('all');
    tab.connections.stop();
    expect((await browser.open()).view().selectedMarketplace).toBe('all');
  });

  it('a saved choice that is no longer one of the account’s marketplaces falls back to home', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().selectMarketplace(de);
    tab.connections.stop();
    // The account lost its German profile meanwhile.
    backend.status = withMarketplaces(backend.status, acmeMarketplaces.slice(0, 3));
    expect((await browser.open()).view().selectedMarketplace).toBe(us);
  });

  it('refuses a marketplace that is not the account’s (nothing changes), and any choice before the status loaded', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    expect(tab.view().selectMarketplace('A1VC38T7YXB528')).toMatchObject({
      ok: false,
      code: 'unknown_marketplace',
      message: expect.stringContaining('not one of the connected account'),
    });
    expect(tab.view().selectedMarketplace).toBe(us);
    backend.failNext('getStatus', 'network');
    backend.failNext('getStatus', 'network');
    backend.failNext('getStatus', 'network');
    const failed = await browser.open();
    expect(failed.view().phase).toBe('load_failed');
    expect(failed.view().selectMarketplace(ca)).toMatchObject({ ok: false, code: 'not_ready' });
    expect(failed.view().marketplaces).toEqual([]);
    expect(failed.view().selectedMarketplace).toBeNull();
    // The refused choice was neither kept nor saved: once the status loads, the home marketplace is selected.
    let after = failed.view();
    for (let retry = 0; retry < 3 && after.phase !== 'ready'; retry++) {
      after.retryLoad();
      after = await failed.settle();
    }
    expect(after.phase).toBe('ready');
    expect(after.selectedMarketplace).toBe(us);
  });

  it('a server before marketplaces lists none: nothing is selected and the figures are the home marketplace’s', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const view = (await createBrowser(backend).open()).view();
    expect(view.marketplaces).toEqual([]);
    expect(view.selectedMarketplace).toBeNull();
    expect(view.selectMarketplace('all')).toMatchObject({ ok: false, code: 'unknown_marketplace' });
  });

  it('is restored when the engine starts, not when it is created (a server-rendered page and hydration agree)', async () => {
    const backend = createFakeBackend({ status: bothConnected() });
    const storage = createMemoryStorage();
    const first = await createBrowser(backend, {}, { storage }).open();
    first.view().selectMarketplace(de);
    first.connections.stop();
    const connections = createConnections({
      transport: backend,
      environment: createMemoryEnvironment({ url: 'https://app.example/dashboard', storage }),
      initialStatus: bothConnected(),
      start: false,
    });
    // What the server rendered (it has no storage): the home marketplace; the first browser render is the same.
    expect(connections.getView().selectedMarketplace).toBe(us);
    connections.start();
    expect(connections.getView().selectedMarketplace).toBe(de);
    connections.stop();
  });
});
