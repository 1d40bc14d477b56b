import { describe, expect, it } from 'vitest';
import { sellerCentralFigures } from '../../test/catalogue';
import {
  acme,
  advertisingConnection,
  createFakeBackend,
  globex,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { createBrowser, flush, signInOnAmazon } from '../../test/harness';
import { displayMetric, metricDash } from '../metrics/metrics.format';

const sellerCentralMetrics = sellerCentralFigures;

it('the catalogue gives Seller Central the six figures of rule 1, TACoS among them', () => {
  expect(sellerCentralMetrics).toHaveLength(6);
  expect(sellerCentralMetrics).toContain('tacos');
});

describe('rule 1: two connections, each powering its own figures', () => {
  it('with only Advertising connected, ad spend, ACoS and ROAS show and the Seller Central figures show a dash', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    const tab = await createBrowser(backend).open();
    const view = tab.view();
    expect(view.metrics.adSpend.state).toBe('available');
    expect(view.metrics.acos.state).toBe('available');
    expect(view.metrics.roas.state).toBe('available');
    for (const key of sellerCentralMetrics) {
      expect(displayMetric(key, view.metrics[key], { value: 1, reason: null })).toBe(metricDash);
    }
    expect(view.metrics.asinTacos.state).toBe('unavailable');
  });

  it('Seller Central cannot be connected before Amazon Advertising, and says so', async () => {
    const backend = createFakeBackend();
    const tab = await createBrowser(backend).open();
    const view = tab.view();
    expect(view.sellerCentral.actions.connect).toMatchObject({
      allowed: false,
      code: 'advertising_required',
    });
    const result = view.sellerCentral.connect();
    expect(result).toMatchObject({ ok: false, code: 'advertising_required' });
    expect(tab.view().refusal).toMatchObject({
      kind: 'sellerCentral',
      command: 'connect',
      code: 'advertising_required',
    });
    expect(backend.calls.filter((call) => call.method === 'authorize')).toHaveLength(0);
  });
});

describe('rule 2: one Amazon Advertising account per subscription', () => {
  it('connecting another account while one is connected is refused with "disconnect the current account first"', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    const tab = await createBrowser(backend).open();
    const result = tab.view().advertising.connect();
    expect(result).toMatchObject({ ok: false, code: 'account_limit_reached' });
    if (!result.ok) expect(result.message).toContain('Disconnect the current account first');
    expect(tab.environment.redirects).toHaveLength(0);
  });

  it('a plan with a limit of two lets a second sign-in start (the limit comes from the backend)', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection(), null, 2) });
    const tab = await createBrowser(backend).open();
    expect(tab.view().accountLimit).toBe(2);
    expect(tab.view().advertising.actions.connect.allowed).toBe(true);
  });

  it('when the backend refuses after the redirect (another tab won the race), the user sees the limit, not a loop', async () => {
    const backend = createFakeBackend();
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    backend.failNext('callback', 'account_limit_reached');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.activity).toBe('failed');
    expect(back.view().advertising.trouble).toMatchObject({
      code: 'account_limit_reached',
      nextStep: 'disconnect_current_first',
    });
  });

  it('a sign-in that sees several advertising accounts lets the user pick one', async () => {
    const backend = createFakeBackend({ accounts: [acme, globex] });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    const view = back.view();
    expect(view.advertising.activity).toBe('choosing_account');
    expect(view.advertising.accounts.map((account) => account.name)).toEqual(['Acme Outdoor', 'Globex EU']);
    expect(view.advertising.selectAccount('ENTITY-UNKNOWN')).toMatchObject({
      ok: false,
      code: 'unknown_account',
    });
    expect(view.advertising.selectAccount(globex.id)).toEqual({ ok: true });
    const after = await back.settle();
    expect(after.advertising.condition).toBe('populating');
    expect(after.advertising.accountName).toBe('Globex EU');
  });
});

describe('rule 3: soft disconnect of Seller Central', () => {
  it('disconnecting Seller Central shows a dash for the six Seller Central metrics and keeps ad spend', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    expect(tab.view().metrics.totalSales.state).toBe('available');
    expect(tab.view().sellerCentral.disconnect()).toEqual({ ok: true });
    expect(tab.view().sellerCentral.confirmation).toBeNull();
    const view = await tab.settle();
    expect(view.sellerCentral.condition).toBe('disconnected');
    for (const key of sellerCentralMetrics) expect(displayMetric(key, view.metrics[key])).toBe('–');
    expect(view.metrics.adSpend.state).toBe('available');
    expect(Object.values(view.features).every((feature) => feature.enabled)).toBe(true);
    expect(backend.calls.at(-1)).toEqual({ method: 'disconnect', request: { kind: 'sellerCentral' } });
  });

  it('after reconnecting Seller Central the figures populate again instead of showing a dash', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().sellerCentral.connect();
    await tab.settle();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    const view = back.view();
    expect(view.sellerCentral.condition).toBe('populating');
    expect(view.metrics.totalSales).toEqual({ state: 'populating', waitingFor: ['sellerCentral'] });
    expect(displayMetric('totalSales', view.metrics.totalSales)).toBe('Populating…');
  });
});

describe('rule 4: confirmed disconnect of Amazon Advertising', () => {
  it('asking to disconnect Advertising shows a confirmation and changes nothing until confirmed', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    tab.view().advertising.disconnect();
    const view = tab.view();
    expect(view.advertising.activity).toBe('confirming_disconnect');
    expect(view.advertising.confirmation?.message).toContain(
      "removes the account's connection and stops all Ads Optimiser functionality for that account",
    );
    expect(backend.calls.some((call) => call.method === 'disconnect')).toBe(false);
  });

  it('cancelling the confirmation returns to where it was', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    const tab = await createBrowser(backend).open();
    const before = tab.connections.getSnapshot().value;
    tab.view().advertising.disconnect();
    expect(tab.view().advertising.cancel()).toEqual({ ok: true });
    expect(tab.connections.getSnapshot().value).toEqual(before);
    expect(backend.calls.some((call) => call.method === 'disconnect')).toBe(false);
  });

  it('confirming removes the account and its Seller Central layer: every ad metric and feature stops', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    tab.view().advertising.disconnect();
    tab.view().advertising.confirmDisconnect();
    const view = await tab.settle();
    expect(backend.calls.at(-1)).toEqual({
      method: 'disconnect',
      request: { kind: 'advertising', confirmed: true },
    });
    expect(view.advertising.condition).toBe('disconnected');
    expect(view.sellerCentral.condition).toBe('disconnected');
    for (const feature of Object.values(view.features)) expect(feature.enabled).toBe(false);
    for (const metric of Object.values(view.metrics)) expect(metric.state).toBe('unavailable');
  });

  it('the Seller Central layer goes with Advertising even if the server forgot to remove it', async () => {
    const backend = createFakeBackend({ status: statusOf(null, sellerCentralConnection()) });
    const tab = await createBrowser(backend).open();
    expect(tab.view().sellerCentral.condition).toBe('disconnected');
    expect(tab.view().metrics.totalSales.state).toBe('unavailable');
  });
});

describe('rule 5: reconnect', () => {
  it('reconnecting Advertising goes to Amazon, comes back to the saved page and shows populating figures, not zero', async () => {
    const backend = createFakeBackend();
    const browser = createBrowser(backend);
    const tab = await browser.open('https://app.example/dashboard?tab=ads');
    expect(tab.view().advertising.connect()).toEqual({ ok: true });
    await tab.settle();
    expect(tab.view().advertising.activity).toBe('redirecting');
    expect(tab.environment.redirects[0]).toMatch(/^https:\/\/www\.amazon\.com\/ap\/oa\?/);
    const { tab: back, callbackUrl } = await signInOnAmazon(browser, tab, backend);
    expect(callbackUrl).toContain('code=');
    const view = back.view();
    expect(view.advertising.condition).toBe('populating');
    expect(view.metrics.adSpend.state).toBe('populating');
    expect(displayMetric('adSpend', view.metrics.adSpend)).not.toBe('–');
    expect(back.environment.currentUrl()).toBe('https://app.example/dashboard?tab=ads');
  });
});

describe('rule 6: stale connection', () => {
  it('a connection the backend reports stale shows as stale with reconnect as the action', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection({ health: 'stale' })) });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    const view = tab.view();
    expect(view.advertising.condition).toBe('stale');
    expect(view.metrics.adSpend).toMatchObject({ state: 'unavailable', reason: 'stale' });
    expect(view.features.rules).toMatchObject({ enabled: false, reason: 'stale' });
    expect(view.advertising.actions.connect.allowed).toBe(true);
    expect(view.advertising.trouble).toMatchObject({
      code: 'connection_stale',
      nextStep: 'reconnect',
      message: expect.stringContaining('Disconnect and reconnect to create a fresh authorisation'),
    });
    view.advertising.connect();
    await tab.settle();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.condition).toBe('populating');
    expect(back.view().advertising.trouble).toBeNull();
  });

  it('a stale answer from the metrics marks the connection stale before the status says so', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    backend.status = statusOf(advertisingConnection(), sellerCentralConnection({ health: 'stale' }));
    await tab.connections.loadMetrics({ from: '2026-11-01', to: '2026-11-07' });
    expect(tab.view().sellerCentral.condition).toBe('stale');
    expect(tab.view().metrics.totalSales).toMatchObject({ state: 'unavailable', reason: 'stale' });
  });
});

describe("what the seller can do next, in each figure's reason", () => {
  it('after the Advertising disconnect, Seller Central figures say to connect Advertising first, then Seller Central', async () => {
    const tab = await createBrowser(createFakeBackend({ status: statusOf() })).open();
    const { metrics, features } = tab.view();
    expect(metrics.totalSales).toMatchObject({
      state: 'unavailable',
      reason: 'disconnected',
      message: 'Connect Amazon Advertising, then Seller Central, to see Total Sales.',
    });
    expect(metrics.tacos).toMatchObject({
      message: 'Connect Amazon Advertising, then Seller Central, to see TACoS.',
    });
    expect(metrics.adSpend).toMatchObject({ message: 'Connect Amazon Advertising to see Ad spend.' });
    expect(features.rules).toMatchObject({ message: 'Connect Amazon Advertising to see Rules.' });
  });

  it('with Advertising connected, they say to connect Seller Central', async () => {
    const tab = await createBrowser(createFakeBackend({ status: statusOf(advertisingConnection()) })).open();
    expect(tab.view().metrics.totalSales).toMatchObject({
      message: 'Connect Seller Central to see Total Sales.',
    });
  });
});

describe('rule 6: stale, then the same account re-authorised', () => {
  it('a metrics answer computed before the reconnect and arriving after it leaves the fresh connection working', async () => {
    const backend = createFakeBackend({
      status: statusOf(
        advertisingConnection({ health: 'stale' }),
        sellerCentralConnection({ health: 'stale' }),
      ),
    });
    const tab = await createBrowser(backend).open();
    expect(tab.view().sellerCentral.condition).toBe('stale');
    // The dashboard asks for figures while both connections are stale; the answer is slow to come back.
    const answer = backend.getMetrics.bind(backend);
    let deliver: () => void = () => undefined;
    backend.getMetrics = async (range) => {
      const computed = await answer(range);
      await new Promise<void>((resolve) => {
        deliver = resolve;
      });
      return computed;
    };
    const late = tab.connections.loadMetrics({ from: '2026-11-01', to: '2026-11-07' });
    await flush();
    // Meanwhile the seller re-authorises both (same account, new sign-in): the status shows fresh connections.
    backend.status = statusOf(advertisingConnection(), sellerCentralConnection());
    backend.status = {
      ...backend.status,
      advertising: backend.status.advertising && {
        ...backend.status.advertising,
        connectedAt: '2026-11-27T10:00:00.000Z',
      },
      sellerCentral: backend.status.sellerCentral && {
        ...backend.status.sellerCentral,
        connectedAt: '2026-11-27T10:00:01.000Z',
      },
    };
    tab.connections.send({ type: 'REFRESH' });
    await tab.settle();
    expect(tab.view().advertising.condition).toBe('ready');
    deliver();
    const figures = await late;
    expect(figures.metrics.totalSales.reason).toBe('stale'); // it was about the old authorisations
    await tab.settle();
    expect(tab.view().advertising.condition).toBe('ready');
    expect(tab.view().sellerCentral.condition).toBe('ready');
    expect(tab.view().sellerCentral.trouble).toBeNull();
    expect(tab.view().metrics.totalSales.state).toBe('available');
  });

  it('a stale answer about the current connection still marks it at once, and brings the status up to date', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    const statusLoads = () => backend.calls.filter((call) => call.method === 'getStatus').length;
    const before = statusLoads();
    backend.status = statusOf(advertisingConnection({ health: 'stale' }), sellerCentralConnection());
    await tab.connections.loadMetrics({ from: '2026-11-01', to: '2026-11-07' });
    expect(tab.view().advertising.condition).toBe('stale');
    await tab.settle();
    expect(statusLoads()).toBe(before + 1);
    expect(tab.view().advertising.trouble).toMatchObject({ code: 'connection_stale', nextStep: 'reconnect' });
  });
});

describe('rule 8: nothing is lost', () => {
  it('a failed disconnect leaves the connection as it was', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    backend.failNext('disconnect', 'server_error');
    tab.view().sellerCentral.disconnect();
    const view = await tab.settle();
    expect(view.sellerCentral.activity).toBe('failed');
    expect(view.sellerCentral.condition).toBe('ready');
    expect(view.sellerCentral.trouble).toMatchObject({
      code: 'server_error',
      retryable: true,
      during: 'disconnect',
    });
    expect(view.metrics.totalSales.state).toBe('available');
  });

  it('a failed exchange leaves the previous connection in place', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection({ health: 'stale' })) });
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    backend.failNext('callback', 'network');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    const view = back.view();
    expect(view.advertising.trouble?.code).toBe('network_error');
    expect(view.advertising.condition).toBe('stale');
    expect(view.advertising.accountName).toBe('Acme Outdoor');
  });

  it('reloading the callback page does not send the code twice; it reloads the status instead', async () => {
    const backend = createFakeBackend();
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    const { tab: back, callbackUrl } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.condition).toBe('populating');
    back.connections.stop();
    const again = await browser.open(callbackUrl);
    expect(again.view().advertising.condition).toBe('populating');
    expect(again.view().advertising.trouble).toBeNull();
    expect(backend.calls.filter((call) => call.method === 'callback')).toHaveLength(1);
    expect(backend.doubleSpent).toEqual([]);
  });

  it('two instances on the same callback page (StrictMode) hand the code over once', async () => {
    const backend = createFakeBackend();
    const browser = createBrowser(backend);
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    tab.connections.stop();
    const callbackUrl = backend.amazonReturn(tab.environment.redirects[0] ?? '');
    const [first, second] = await Promise.all([browser.open(callbackUrl), browser.open(callbackUrl)]);
    await first.settle();
    await second.settle();
    expect(backend.calls.filter((call) => call.method === 'callback')).toHaveLength(1);
    expect(first.view().advertising.condition).toBe('populating');
    expect(second.view().advertising.condition).toBe('populating');
  });

  it('after the callback the code and state are gone from the address bar', async () => {
    const backend = createFakeBackend();
    const browser = createBrowser(backend, { returnTo: '/settings/amazon' });
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.environment.currentUrl()).toBe('https://app.example/settings/amazon');
    expect(back.environment.currentUrl()).not.toMatch(/code=|state=/);
  });

  it('a status poll answered after a disconnect never brings the disconnected connection back', async () => {
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection(), sellerCentralConnection()),
    });
    const tab = await createBrowser(backend).open();
    // The poll is answered by the server before the disconnect, but reaches the page after it.
    const answer = backend.getStatus.bind(backend);
    let deliver: () => void = () => undefined;
    backend.getStatus = async (...args) => {
      const computed = await answer(...args);
      await new Promise<void>((resolve) => {
        deliver = resolve;
      });
      return computed;
    };
    tab.view().refresh();
    await flush();
    backend.getStatus = answer;
    expect(tab.view().sellerCentral.disconnect()).toEqual({ ok: true });
    expect((await tab.settle()).sellerCentral.condition).toBe('disconnected');
    const reads = backend.calls.filter((call) => call.method === 'getStatus').length;
    deliver();
    await flush();
    expect((await tab.settle()).sellerCentral.condition).toBe('disconnected');
    // The dropped answer is replaced by a fresh read at once (it might also have carried newer data).
    expect(backend.calls.filter((call) => call.method === 'getStatus').length).toBe(reads + 1);
  });
});
