import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  advertisingConnection,
  createFakeBackend,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { createBrowser, flush, signInOnAmazon } from '../../test/harness';
import { createMemoryStorage } from '../environment/memory-storage';

afterEach(() => {
  vi.useRealTimers();
});

async function startSignIn(kind: 'advertising' | 'sellerCentral' = 'advertising', status = statusOf()) {
  const backend = createFakeBackend({ status });
  const browser = createBrowser(backend);
  const tab = await browser.open();
  tab.view()[kind].connect();
  await tab.settle();
  return { backend, browser, tab };
}

describe('troubleshooting: the reconnection fails or loops back to the sign-in page', () => {
  it('refusing the permissions on Amazon ends in "oauth_refused" with a retry, not in a loop', async () => {
    const { backend, browser, tab } = await startSignIn();
    const { tab: back } = await signInOnAmazon(browser, tab, backend, 'refused');
    const view = back.view();
    expect(view.advertising.activity).toBe('failed');
    expect(view.advertising.trouble).toMatchObject({
      code: 'oauth_refused',
      // this sign-in cannot succeed if repeated; a new one can
      retryable: false,
      nextStep: 'retry',
      during: 'sign_in',
    });
    expect(view.advertising.trouble?.message).toContain('grant the requested permissions');
    expect(backend.calls.some((call) => call.method === 'callback')).toBe(false);
    expect(back.environment.currentUrl()).not.toContain('error=');
  });

  it("two refusals in a row keep the refusal's advice (grant the permissions), not the credentials advice", async () => {
    const { backend, browser, tab } = await startSignIn();
    const first = await signInOnAmazon(browser, tab, backend, 'refused');
    expect(first.tab.view().advertising.trouble?.code).toBe('oauth_refused');
    first.tab.view().advertising.connect();
    await first.tab.settle();
    const second = await signInOnAmazon(browser, first.tab, backend, 'refused');
    const trouble = second.tab.view().advertising.trouble;
    expect(trouble?.code).toBe('oauth_refused');
    expect(trouble?.message).toContain('grant the requested permissions');
    expect(trouble?.message).not.toContain('credentials');
  });

  it('a second failed sign-in of another cause in a row becomes "reconnect_loop" with the advice about credentials and password changes', async () => {
    const { backend, browser, tab } = await startSignIn();
    backend.failNext('callback', 'no_advertising_access');
    const first = await signInOnAmazon(browser, tab, backend, 'granted');
    expect(first.tab.view().advertising.trouble?.code).toBe('no_advertising_access');
    first.tab.view().advertising.connect();
    await first.tab.settle();
    backend.failNext('callback', 'no_advertising_access');
    const second = await signInOnAmazon(browser, first.tab, backend, 'granted');
    const trouble = second.tab.view().advertising.trouble;
    expect(trouble?.code).toBe('reconnect_loop');
    expect(trouble?.message).toContain('correct Amazon credentials');
    expect(trouble?.message).toContain('changed your Amazon password');
  });

  it('a successful sign-in resets the count: a later single failure is not a loop', async () => {
    const { backend, browser, tab } = await startSignIn();
    const refused = await signInOnAmazon(browser, tab, backend, 'refused');
    refused.tab.view().advertising.connect();
    await refused.tab.settle();
    const granted = await signInOnAmazon(browser, refused.tab, backend, 'granted');
    expect(granted.tab.view().advertising.condition).toBe('populating');
    backend.status = statusOf(advertisingConnection({ health: 'stale' }));
    granted.tab.view().refresh();
    await granted.tab.settle();
    granted.tab.view().advertising.connect();
    await granted.tab.settle();
    const again = await signInOnAmazon(browser, granted.tab, backend, 'refused');
    expect(again.tab.view().advertising.trouble?.code).toBe('oauth_refused');
  });

  it('a callback whose state does not match the one started here is rejected as "state_mismatch"', async () => {
    const { backend, browser, tab } = await startSignIn();
    tab.connections.stop();
    const forged = backend
      .amazonReturn(tab.environment.redirects[0] ?? '')
      .replace(/state=[^&]+/, 'state=forged-state-value-123456');
    const back = await browser.open(forged);
    expect(back.view().advertising.trouble?.code).toBe('state_mismatch');
    expect(backend.calls.some((call) => call.method === 'callback')).toBe(false);
  });

  it('a callback that comes back after the transaction expired is rejected as "transaction_expired"', async () => {
    let now = Date.parse('2026-11-26T12:00:00.000Z');
    const backend = createFakeBackend({ now: () => now });
    const browser = createBrowser(backend, {}, { now: () => now });
    const tab = await browser.open();
    tab.view().advertising.connect();
    await tab.settle();
    now += 11 * 60 * 1000;
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.trouble).toMatchObject({
      code: 'transaction_expired',
      retryable: false,
      nextStep: 'retry',
    });
    expect(backend.calls.some((call) => call.method === 'callback')).toBe(false);
  });

  it('a callback without its state is "callback_malformed"', async () => {
    const { backend, browser, tab } = await startSignIn();
    tab.connections.stop();
    const back = await browser.open('https://app.example/connections/return?code=abc');
    expect(back.view().advertising.trouble?.code).toBe('callback_malformed');
    expect(backend.calls.some((call) => call.method === 'callback')).toBe(false);
  });

  it('an Amazon login with no Advertising access says so', async () => {
    const { backend, browser, tab } = await startSignIn();
    backend.failNext('callback', 'no_advertising_access');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.trouble?.code).toBe('no_advertising_access');
    expect(back.view().advertising.trouble?.message).toContain('active Amazon Advertising access');
  });

  it('an Amazon login with no Seller Central access says so', async () => {
    const { backend, browser, tab } = await startSignIn('sellerCentral', statusOf(advertisingConnection()));
    backend.failNext('callback', 'no_seller_central_access');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().sellerCentral.trouble?.code).toBe('no_seller_central_access');
    expect(back.view().advertising.condition).toBe('ready');
  });

  it('signing in with a different Advertising account than the connected one is "account_conflict"', async () => {
    const { backend, browser, tab } = await startSignIn(
      'advertising',
      statusOf(advertisingConnection({ health: 'stale' })),
    );
    backend.failNext('callback', 'account_conflict');
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    expect(back.view().advertising.trouble).toMatchObject({
      code: 'account_conflict',
      nextStep: 'disconnect_current_first',
    });
  });

  it('the one-account rule refused before the redirect ("account_limit_reached") never leaves the page', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection({ health: 'stale' })) });
    const tab = await createBrowser(backend).open();
    backend.status = statusOf(advertisingConnection({ health: 'stale' }));
    backend.failNext('authorize', 'account_limit_reached');
    tab.view().advertising.connect();
    const view = await tab.settle();
    expect(view.advertising.trouble?.code).toBe('account_limit_reached');
    expect(tab.environment.redirects).toEqual([]);
    expect(view.advertising.dismiss()).toEqual({ ok: true });
    expect(tab.view().advertising.activity).toBe('idle');
  });
});

describe('troubleshooting: metrics still show a dash after reconnecting', () => {
  it('data populating longer than the wait advises "disconnect and reconnect once more", then "contact support" with the host link', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2026-11-26T12:00:00.000Z'));
    const backend = createFakeBackend({
      status: statusOf(
        advertisingConnection(),
        sellerCentralConnection({ data: 'populating', since: '2026-11-26T12:00:00.000Z' }),
      ),
    });
    const settings = {
      dataSlowAfterMs: 60_000,
      statusPollMs: 3_600_000,
      supportUrl: 'https://help.example/contact',
    };
    const storage = createMemoryStorage();
    const browser = createBrowser(backend, settings, { storage });
    const tab = await browser.open();
    expect(tab.view().sellerCentral.trouble).toBeNull();
    await vi.advanceTimersByTimeAsync(61_000);
    const slow = tab.view().sellerCentral.trouble;
    expect(slow).toMatchObject({ code: 'data_slow', nextStep: 'disconnect_and_reconnect' });
    expect(slow?.message).toContain('disconnecting and reconnecting once more');

    tab.view().sellerCentral.disconnect();
    await vi.advanceTimersByTimeAsync(10);
    tab.view().sellerCentral.connect();
    await vi.advanceTimersByTimeAsync(10);
    const authorizeUrl = tab.environment.redirects.at(-1) ?? '';
    tab.connections.stop();
    const back = await createBrowser(backend, settings, { storage }).open(backend.amazonReturn(authorizeUrl));
    expect(back.view().sellerCentral.condition).toBe('populating');
    expect(back.view().sellerCentral.trouble).toBeNull();
    await vi.advanceTimersByTimeAsync(61_000);
    const still = back.view().sellerCentral.trouble;
    expect(still).toMatchObject({
      code: 'data_still_slow',
      nextStep: 'contact_support',
      supportUrl: 'https://help.example/contact',
    });
    expect(still?.message).toContain('Contact support');
  });

  it('data arriving clears the advice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2026-11-26T12:00:00.000Z'));
    const backend = createFakeBackend({
      status: statusOf(advertisingConnection({ data: 'populating', since: '2026-11-26T12:00:00.000Z' })),
    });
    const tab = await createBrowser(backend, { dataSlowAfterMs: 60_000, statusPollMs: 90_000 }).open();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(tab.view().advertising.trouble?.code).toBe('data_slow');
    backend.status = statusOf(advertisingConnection({ data: 'ready' }));
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(tab.view().advertising.condition).toBe('ready');
    expect(tab.view().advertising.trouble).toBeNull();
    expect(tab.view().metrics.adSpend.state).toBe('available');
  });
});

describe('troubleshooting: the stage survives reloads, and the advice names what is missing', () => {
  const started = '2026-11-26T12:00:00.000Z';
  const settings = {
    dataSlowAfterMs: 60_000,
    statusPollMs: 3_600_000,
    supportUrl: 'https://help.example/contact',
  };

  it('"contact support" stays after a reload or a visit to the support page: the server counts the attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse(started) + 5 * 60_000);
    const backend = createFakeBackend({
      status: statusOf(
        advertisingConnection(),
        sellerCentralConnection({ data: 'populating', since: started, attempt: 2 }),
      ),
    });
    for (let load = 0; load < 3; load++) {
      // each open is a page load: no memory of this tab's earlier advice
      const tab = await createBrowser(backend, settings).open();
      await vi.advanceTimersByTimeAsync(10);
      expect(tab.view().sellerCentral.trouble).toMatchObject({
        code: 'data_still_slow',
        nextStep: 'contact_support',
        supportUrl: 'https://help.example/contact',
      });
      tab.connections.stop();
    }
  });

  it('the first attempt is advised to reconnect once more, not to contact support', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse(started) + 5 * 60_000);
    const backend = createFakeBackend({
      status: statusOf(
        advertisingConnection(),
        sellerCentralConnection({ data: 'populating', since: started, attempt: 1 }),
      ),
    });
    const tab = await createBrowser(backend, settings).open();
    await vi.advanceTimersByTimeAsync(10);
    expect(tab.view().sellerCentral.trouble).toMatchObject({
      code: 'data_slow',
      nextStep: 'disconnect_and_reconnect',
    });
  });

  it('partial Seller Central data: the figures that arrived show, the advice names the ones still populating', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse(started));
    const backend = createFakeBackend({
      status: statusOf(
        advertisingConnection(),
        sellerCentralConnection({
          data: 'populating',
          since: started,
          missing: ['salesAndTraffic'],
          attempt: 1,
        }),
      ),
    });
    const tab = await createBrowser(backend, settings).open();
    const { metrics } = tab.view();
    expect(metrics.totalSales.state).toBe('available');
    expect(metrics.totalOrders.state).toBe('available');
    expect(metrics.tacos.state).toBe('available');
    for (const key of ['sessions', 'buyBoxPercentage', 'listingConversionRate', 'asinTacos'] as const) {
      expect(metrics[key]).toEqual({ state: 'populating', waitingFor: ['sellerCentral'] });
    }
    expect(tab.view().sellerCentral.trouble).toBeNull();
    await vi.advanceTimersByTimeAsync(61_000);
    const trouble = tab.view().sellerCentral.trouble;
    expect(trouble).toMatchObject({ code: 'data_slow', nextStep: 'disconnect_and_reconnect' });
    expect(trouble?.message).toMatch(
      /^Sessions, Buy Box %, Listing CVR and Per-ASIN TACoS table are still populating\. Data from Amazon is taking longer than usual\./,
    );
    expect(trouble?.message).not.toContain('dash');
  });
});

describe('troubleshooting: network and server errors', () => {
  it('a status that cannot load shows a retryable failed-to-load state, and retry loads it', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    backend.failNext('getStatus', 'network');
    const tab = await createBrowser(backend).open();
    const view = tab.view();
    expect(view.phase).toBe('load_failed');
    expect(view.loadTrouble).toMatchObject({ code: 'network_error', retryable: true });
    expect(view.advertising.actions.connect).toMatchObject({ allowed: false, code: 'not_ready' });
    expect(view.retryLoad()).toEqual({ ok: true });
    const after = await tab.settle();
    expect(after.phase).toBe('ready');
    expect(after.advertising.condition).toBe('ready');
  });

  it('an exchange whose answer is lost on the network still ends connected, without sending the code again', async () => {
    const { backend, browser, tab } = await startSignIn();
    backend.loseNextCallbackAnswer();
    const { tab: back } = await signInOnAmazon(browser, tab, backend);
    await back.settle();
    const view = back.view();
    expect(view.advertising.condition).toBe('populating');
    expect(view.advertising.trouble).toBeNull();
    expect(backend.calls.filter((call) => call.method === 'callback')).toHaveLength(1);
    expect(backend.doubleSpent).toEqual([]);
  });

  it('the authorization code leaves the address bar even when the status cannot load on return', async () => {
    const { backend, browser, tab } = await startSignIn();
    const authorizeUrl = tab.environment.redirects.at(-1);
    if (!authorizeUrl) throw new Error('the page did not go to Amazon');
    tab.connections.stop();
    backend.failNext('getStatus', 'network');
    const back = await browser.open(backend.amazonReturn(authorizeUrl, 'granted'));
    expect(back.view().phase).toBe('load_failed');
    const address = new URL(back.environment.currentUrl());
    expect(address.searchParams.has('code')).toBe(false);
    expect(address.searchParams.has('state')).toBe(false);
  });

  it('a server error while preparing the sign-in is shown with its code and nothing else changes', async () => {
    const backend = createFakeBackend();
    const tab = await createBrowser(backend).open();
    backend.failNext('authorize', 'server_error');
    tab.view().advertising.connect();
    const view = await tab.settle();
    expect(view.advertising.trouble).toMatchObject({ code: 'server_error', retryable: true });
    expect(view.advertising.condition).toBe('disconnected');
    expect(tab.environment.redirects).toEqual([]);
    expect(view.advertising.connect()).toEqual({ ok: true });
    await tab.settle();
    expect(tab.environment.redirects).toHaveLength(1);
  });
});
