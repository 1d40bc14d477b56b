import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { connectionsStatusSchema, metricsResponseSchema } from '../../contract/schemas';
import type { ConnectionsStatus, MetricsResponse } from '../../contract/types';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const range = 'from=2026-11-10&to=2026-11-16';
const load = async () => {
  const answer = await h.call('GET', `/metrics?${range}`);
  expect(answer.status, answer.text).toBe(200);
  return metricsResponseSchema.parse(answer.body) as MetricsResponse;
};
/** Loads the dashboard every 6 s (mock time) until every figure of `ids` has a value. */
const loadUntilReady = async (
  ids: (keyof MetricsResponse['metrics'])[] = ['adSpend', 'totalSales', 'sessions'],
) => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const body = await load();
    if (ids.every((id) => body.metrics[id]?.value !== null)) return body;
    h.amazon.clock.advance(6_000);
  }
  throw new Error('metrics never became ready');
};
const status = async () =>
  connectionsStatusSchema.parse((await h.call('GET', '/status')).body) as ConnectionsStatus;
const sellerMetrics = [
  'totalSales',
  'totalOrders',
  'sessions',
  'buyBoxPercentage',
  'listingConversionRate',
  'tacos',
] as const;

describe('metrics', () => {
  it('says disconnected for everything when nothing is connected, never 0', async () => {
    const body = await load();
    for (const figure of Object.values(body.metrics))
      expect(figure).toEqual({ value: null, reason: 'disconnected' });
    expect(body.asins).toEqual([]);
  });

  it('is populating until Amazon reports arrive, then ready, with consistent figures', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const first = await load();
    // Reports are asynchronous; the Sales API answers at once.
    for (const id of [
      'adSpend',
      'acos',
      'roas',
      'sessions',
      'buyBoxPercentage',
      'listingConversionRate',
      'tacos',
    ] as const) {
      expect(first.metrics[id]).toEqual({ value: null, reason: 'populating' });
    }
    expect(first.metrics.totalOrders.value).toBeGreaterThan(0);
    expect((await status()).advertising?.data.state).toBe('populating');

    const ready = await loadUntilReady();
    const m = ready.metrics;
    for (const figure of Object.values(m)) expect(figure.reason).toBeNull();
    const spend = m.adSpend.value ?? 0;
    expect(spend).toBeGreaterThan(0);
    expect(((m.acos.value ?? 0) * (m.roas.value ?? 0)) / 100).toBeCloseTo(1, 2);
    expect(m.tacos.value).toBeCloseTo((spend / (m.totalSales.value ?? 1)) * 100, 2);
    expect(m.tacos.value ?? 0).toBeLessThan(m.acos.value ?? 0);
    expect(m.buyBoxPercentage.value).toBeGreaterThan(0);
    expect(m.buyBoxPercentage.value).toBeLessThanOrEqual(100);
    expect(ready.currency).toBe('USD');
    const advertised =
      h.amazon.world.byKey.default.advertisingAccounts[0]?.shop.products.map((p) => p.asin) ?? [];
    expect(ready.asins.map((a) => a.asin).sort()).toEqual([...advertised].sort());
    const perAsinSpend = ready.asins.reduce((sum, a) => sum + (a.adSpend.value ?? 0), 0);
    expect(perAsinSpend).toBeCloseTo(spend, 0);
    const after = await status();
    expect(after.advertising?.data.state).toBe('ready');
    expect(after.sellerCentral?.data.state).toBe('ready');
  });

  it('shows the Seller Central figures as a dash after a soft disconnect, and finds them again after a reconnect', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const before = await loadUntilReady();
    const reportsBefore = h.amazon.calls('spapi.reports.create');
    await h.call('POST', '/disconnect', { kind: 'sellerCentral' });
    const soft = await load();
    for (const id of sellerMetrics) expect(soft.metrics[id]).toEqual({ value: null, reason: 'disconnected' });
    expect(soft.metrics.adSpend).toEqual(before.metrics.adSpend);
    expect(soft.metrics.acos).toEqual(before.metrics.acos);

    await h.connect('sellerCentral');
    const again = await load();
    expect(again.metrics).toEqual(before.metrics);
    expect(h.amazon.calls('spapi.reports.create')).toBe(reportsBefore);
    expect((await status()).sellerCentral?.data.state).toBe('ready');
  });

  it('keeps Advertising data across a full disconnect: the same account finds it again', async () => {
    await h.connect('advertising');
    const before = await loadUntilReady(['adSpend']);
    await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
    expect((await load()).metrics.adSpend).toEqual({ value: null, reason: 'disconnected' });
    const created = h.amazon.calls('ads.reports.create');
    await h.connect('advertising');
    expect((await load()).metrics.adSpend).toEqual(before.metrics.adSpend);
    expect(h.amazon.calls('ads.reports.create')).toBe(created);
  });

  it('after a password change, the same account re-authorised gets its figures back at the next loads (no backoff)', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    await load(); // report jobs start; they are still pending when the password changes
    const password = h.amazon.scenarios.changePassword(h.amazon.users.default.email);
    h.amazon.clock.advance(3_600_000);
    // The refresh inside a report job finds the authorisation dead: both connections stale, figures say so.
    const stale = await load();
    expect(stale.metrics.adSpend).toEqual({ value: null, reason: 'stale' });
    expect((await status()).advertising?.health).toBe('stale');
    await h.connect('advertising', { email: h.amazon.users.default.email, password });
    await h.connect('sellerCentral', { email: h.amazon.users.default.email, password });
    expect((await status()).advertising?.health).toBe('ok');
    // Within a few polls of 6 s, far less than the 60 s failure backoff a dead authorisation used to cost.
    const back = await loadUntilReady();
    expect(back.metrics.adSpend.value).not.toBeNull();
    expect((await status()).advertising?.health).toBe('ok');
  });

  it('says which sources are still missing: orders arrive, sales-and-traffic does not', async () => {
    h.amazon.scenarios.emptyReports('spapi');
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const body = await loadUntilReady(['adSpend', 'totalSales']);
    expect(body.metrics.sessions).toEqual({ value: null, reason: 'populating' });
    for (let poll = 0; poll < 4; poll++) {
      h.amazon.clock.advance(6_000);
      await load();
    }
    const { advertising, sellerCentral } = await status();
    expect(advertising?.data).toMatchObject({ state: 'ready' });
    expect(sellerCentral?.data).toMatchObject({
      state: 'populating',
      missing: ['salesAndTraffic'],
      attempt: 1,
    });
  });

  it('counts a reconnect while data is still missing as the second attempt, across disconnects', async () => {
    h.amazon.scenarios.emptyReports('spapi');
    await h.connect('advertising');
    await h.connect('sellerCentral');
    await loadUntilReady(['adSpend', 'totalSales']);
    expect((await status()).sellerCentral?.data.attempt).toBe(1);
    await h.call('POST', '/disconnect', { kind: 'sellerCentral' });
    await h.connect('sellerCentral');
    expect((await status()).sellerCentral?.data).toMatchObject({ state: 'populating', attempt: 2 });
  });

  it('asks Amazon for at most one report per source, however many dashboards load at once', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    for (let round = 0; round < 6; round++) {
      const bodies = await Promise.all(Array.from({ length: 50 }, () => h.call('GET', `/metrics?${range}`)));
      expect(bodies.every((b) => b.status === 200)).toBe(true);
      h.amazon.clock.advance(6_000);
    }
    expect(h.amazon.calls('ads.reports.create')).toBe(2);
    expect(h.amazon.calls('spapi.reports.create')).toBe(1);
    expect(h.amazon.calls('spapi.orderMetrics')).toBe(1);
    // one status poll per pending report per 5 s at most
    expect(h.amazon.calls('ads.reports.get')).toBeLessThanOrEqual(2 * 6);
    expect((await load()).metrics.sessions.reason).toBeNull();
  });

  it('refreshes an expired access token once for many concurrent loads', async () => {
    await h.connect('advertising');
    await loadUntilReady(['adSpend']);
    h.amazon.clock.advance(2 * 3_600_000);
    h.amazon.scenarios.expireAccessTokens();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.call('GET', `/metrics?from=2026-11-${String(1 + (i % 9)).padStart(2, '0')}&to=2026-11-16`),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(h.amazon.calls('lwa.token.refresh_token')).toBe(1);
  });

  it('respects 429 and Retry-After on report creation', async () => {
    await h.connect('advertising');
    h.amazon.scenarios.throttle('ads.reports.create', { times: 'always', retryAfterSeconds: 60 });
    expect((await load()).metrics.adSpend).toEqual({ value: null, reason: 'populating' });
    const throttled = h.amazon.calls('ads.reports.create');
    expect(throttled).toBe(2);
    for (let i = 0; i < 5; i++) {
      h.amazon.clock.advance(10_000);
      await load();
    }
    expect(h.amazon.calls('ads.reports.create')).toBe(throttled);
    h.amazon.scenarios.clear();
    h.amazon.clock.advance(15_000);
    await load();
    expect(h.amazon.calls('ads.reports.create')).toBe(throttled + 2);
    expect((await loadUntilReady(['adSpend'])).metrics.adSpend.reason).toBeNull();
  });

  it('keeps metrics populating, not zero, while Amazon sends empty reports', async () => {
    await h.connect('advertising');
    h.amazon.scenarios.emptyReports('ads');
    for (let i = 0; i < 5; i++) {
      expect((await load()).metrics.adSpend).toEqual({ value: null, reason: 'populating' });
      h.amazon.clock.advance(6_000);
    }
    expect((await status()).advertising?.data.state).toBe('populating');
  });

  it('survives a 5xx while polling and serves the data once Amazon recovers', async () => {
    await h.connect('advertising');
    await load();
    h.amazon.scenarios.serverErrors('ads.reports.get', { times: 2 });
    h.amazon.clock.advance(6_000);
    expect((await load()).metrics.adSpend.reason).toBe('populating');
    h.amazon.clock.advance(61_000);
    expect((await loadUntilReady(['adSpend'])).metrics.adSpend.reason).toBeNull();
  });
});
