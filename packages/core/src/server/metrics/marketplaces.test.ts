import { marketplaces as mockMarketplaces } from '@smart-ads/mock-amazon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { connectionsStatusSchema, metricIdSchema, metricsResponseSchema } from '../../contract/schemas';
import type { ConnectionsStatus, MetricsResponse } from '../../contract/types';
import { metricCatalogue } from '../../metrics/metrics.catalogue';

// Acme Home & Kitchen (the mock's default user): Ads profiles in US, CA (na) and UK, DE (eu); Seller Central
// participations in na (US, CA) and in eu (UK, DE), authorised per region.
const US = mockMarketplaces.US.id;
const CA = mockMarketplaces.CA.id;
const UK = mockMarketplaces.UK.id;
const DE = mockMarketplaces.DE.id;
const acme = [US, CA, UK, DE];
const range = 'from=2026-11-10&to=2026-11-16';
/** The figures Seller Central powers (TACoS included: it needs both connections). */
const sellerMetrics = metricIdSchema.options.filter((id) =>
  metricCatalogue[id].requires.includes('sellerCentral'),
);

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const load = async (marketplace?: string) => {
  const answer = await h.call('GET', `/metrics?${range}${marketplace ? `&marketplace=${marketplace}` : ''}`);
  expect(answer.status, answer.text).toBe(200);
  return metricsResponseSchema.parse(answer.body) as MetricsResponse;
};
/** Loads every 6 s (mock time) until Ad Spend has a value in every one of `ids`. */
const loadUntilReady = async (ids: string[]) => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const bodies = [];
    for (const id of ids) bodies.push(await load(id));
    if (bodies.every((b) => b.metrics.adSpend.value !== null)) return bodies;
    h.amazon.clock.advance(6_000);
  }
  throw new Error('metrics never became ready');
};
const status = async () =>
  connectionsStatusSchema.parse((await h.call('GET', '/status')).body) as ConnectionsStatus;

describe('marketplaces of the connected account', () => {
  it('lists Acme’s four marketplaces with their currencies and what each connection covers', async () => {
    expect((await status()).marketplaces).toEqual([]);
    await h.connect('advertising');
    const adsOnly = (await status()).marketplaces ?? [];
    expect(adsOnly.map((m) => [m.marketplaceId, m.countryCode, m.currency, m.region])).toEqual([
      [US, 'US', 'USD', 'na'],
      [CA, 'CA', 'CAD', 'na'],
      [UK, 'UK', 'GBP', 'eu'],
      [DE, 'DE', 'EUR', 'eu'],
    ]);
    // A label's name for a UI's lists, the sentence's name for its messages: no string surgery in a UI.
    expect(adsOnly.map((m) => [m.countryName, m.name])).toEqual([
      ['United States', 'the United States'],
      ['Canada', 'Canada'],
      ['United Kingdom', 'the United Kingdom'],
      ['Germany', 'Germany'],
    ]);
    expect(adsOnly[2]?.sellerCentral).toMatchObject({
      message: expect.stringContaining('Seller Central is not connected for the United Kingdom.'),
    });
    for (const m of adsOnly) {
      expect(m.advertising).toEqual({ covered: true });
      expect(m.sellerCentral).toMatchObject({ covered: false, reason: 'disconnected' });
    }
    expect(adsOnly[3]?.sellerCentral).toMatchObject({
      message: expect.stringMatching(/^Seller Central is not connected for Germany\. Connect Seller Central/),
    });

    await h.connect('sellerCentral'); // North America, the default region
    const both = (await status()).marketplaces ?? [];
    expect(both.map((m) => m.sellerCentral.covered)).toEqual([true, true, false, false]);
    expect(both[3]?.sellerCentral).toEqual({
      covered: false,
      reason: 'not_covered',
      message: expect.stringMatching(
        /^Seller Central is not connected for Germany: the connected Seller Central authorisation covers North America only/,
      ),
    });
    expect(both[2]?.name).toBe('the United Kingdom');
  });

  it('says the reverse when Seller Central is authorised for Europe: North America is not covered', async () => {
    await h.connect('advertising');
    const connected = await h.connect('sellerCentral', { region: 'eu' });
    expect(connected.status, connected.text).toBe(200);
    const listed = (await status()).marketplaces ?? [];
    expect(listed.map((m) => [m.countryCode, m.sellerCentral.covered])).toEqual([
      ['US', false],
      ['CA', false],
      ['UK', true],
      ['DE', true],
    ]);
    expect(listed[0]?.sellerCentral).toMatchObject({
      reason: 'not_covered',
      message: expect.stringContaining('covers Europe only'),
    });
    const [us, de] = await loadUntilReady([US, DE]);
    for (const id of sellerMetrics) expect(us?.metrics[id]).toEqual({ value: null, reason: 'not_covered' });
    expect(de?.metrics.totalSales.value).toBeGreaterThan(0);
    expect(de?.currency).toBe('EUR');
  });

  it('answers each marketplace in its own currency; one Seller Central region leaves the others as a dash with a reason', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const home = await load();
    expect(home.marketplace).toMatchObject({ marketplaceId: US, currency: 'USD' });
    await loadUntilReady(acme);
    // Sales-and-traffic reports take a few more polls than the Ads ones.
    for (let poll = 0; poll < 5; poll++) {
      for (const id of [US, CA]) await load(id);
      h.amazon.clock.advance(6_000);
    }
    const [us, ca, uk, de] = await Promise.all(acme.map((id) => load(id)));
    expect([us, ca, uk, de].map((b) => b?.currency)).toEqual(['USD', 'CAD', 'GBP', 'EUR']);
    expect([us, ca, uk, de].map((b) => b?.marketplace)).toMatchObject(
      acme.map((marketplaceId) => ({ marketplaceId })),
    );
    // Without a marketplace: the home marketplace, as before.
    expect((await load()).metrics).toEqual(us?.metrics);
    for (const body of [us, ca])
      for (const figure of Object.values(body?.metrics ?? {})) expect(figure.reason).toBeNull();
    for (const body of [uk, de]) {
      expect(body?.metrics.adSpend.value).toBeGreaterThan(0);
      expect(body?.metrics.acos.value).toBeGreaterThan(0);
      for (const id of sellerMetrics)
        expect(body?.metrics[id]).toEqual({ value: null, reason: 'not_covered' });
    }
    // Each marketplace's own figures, not the first one's.
    const spends = [us, ca, uk, de].map((b) => b?.metrics.adSpend.value);
    expect(new Set(spends).size).toBe(4);
    expect(us?.metrics.totalSales.value).not.toBe(ca?.metrics.totalSales.value);
  });

  it('keeps Amazon’s throttling per marketplace: a throttled marketplace waits, the next one loads', async () => {
    await h.connect('advertising');
    // Amazon answers the home marketplace's two report requests with 429 and Retry-After: 60.
    h.amazon.scenarios.throttle('ads.reports.create', { times: 2, retryAfterSeconds: 60 });
    expect((await load(US)).metrics.adSpend).toEqual({ value: null, reason: 'populating' });
    expect(h.amazon.calls('ads.reports.create', { status: 429 })).toBe(2);
    const [ca] = await loadUntilReady([CA]);
    expect(ca?.metrics.adSpend.value).toBeGreaterThan(0);
    // The US reports were not asked again before their Retry-After, however often Canada loaded.
    expect(h.amazon.calls('ads.reports.create', { region: 'na' })).toBe(4);
    h.amazon.clock.advance(60_000);
    const [us] = await loadUntilReady([US]);
    expect(us?.metrics.adSpend.value).toBeGreaterThan(0);
    expect(h.amazon.calls('ads.reports.create', { region: 'na' })).toBe(6);
  });

  it('refuses a marketplace the account does not have', async () => {
    await h.connect('advertising');
    const answer = await h.call('GET', `/metrics?${range}&marketplace=${mockMarketplaces.JP.id}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
    expect((answer.body as { detail: string }).detail).toContain(DE);
  });

  it('asks Amazon for one report per source, marketplace and period while a seller switches through four marketplaces and back twice', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const tour = [...acme, ...[...acme].reverse(), ...acme, ...[...acme].reverse()];
    for (const id of tour) {
      await load(id);
      h.amazon.clock.advance(6_000);
    }
    await load(allMarketplacesValue);
    // 2 Ads reports (spCampaigns, spAdvertisedProduct) per profile, in its region.
    expect(h.amazon.calls('ads.reports.create', { region: 'na' })).toBe(4);
    expect(h.amazon.calls('ads.reports.create', { region: 'eu' })).toBe(4);
    expect(h.amazon.calls('ads.reports.create')).toBe(8);
    // Seller Central (North America): one sales-and-traffic report and one orderMetrics call per marketplace.
    expect(h.amazon.calls('spapi.reports.create')).toBe(2);
    expect(h.amazon.calls('spapi.orderMetrics')).toBe(2);
    const orderUrls = h.amazon.log.filter((e) => e.endpoint === 'spapi.orderMetrics').map((e) => e.url);
    expect(orderUrls.some((u) => u.includes(US))).toBe(true);
    expect(orderUrls.some((u) => u.includes(CA))).toBe(true);
    expect(h.amazon.calls('spapi', { status: 400 })).toBe(0);
    expect(h.amazon.calls('ads', { status: 400 })).toBe(0);
  });
});

const allMarketplacesValue = 'all';

describe('all marketplaces', () => {
  const readyAll = async () => {
    await loadUntilReady(acme);
    return load(allMarketplacesValue);
  };

  it('puts per-currency totals side by side and never adds amounts across currencies', async () => {
    await h.connect('advertising');
    const all = await readyAll();
    const each = await Promise.all(acme.map((id) => load(id)));
    expect(all.marketplace).toBe('all');
    expect(all.totals?.map((t) => [t.currency, t.marketplaceIds])).toEqual([
      ['USD', [US]],
      ['CAD', [CA]],
      ['GBP', [UK]],
      ['EUR', [DE]],
    ]);
    all.totals?.forEach((total, index) => {
      expect(total.metrics.adSpend).toEqual(each[index]?.metrics.adSpend);
      expect(total.metrics.acos).toEqual(each[index]?.metrics.acos);
    });
    expect(all.marketplaces?.map((m) => [m.marketplace.marketplaceId, m.marketplace.currency])).toEqual([
      [US, 'USD'],
      [CA, 'CAD'],
      [UK, 'GBP'],
      [DE, 'EUR'],
    ]);
    expect(all.currency).toBeNull();
    for (const id of ['adSpend', 'acos', 'roas'] as const)
      expect(all.metrics[id]).toEqual({ value: null, reason: 'mixed_currencies' });
    expect(all.metrics.totalSales).toEqual({ value: null, reason: 'disconnected' });
    expect(all.asins).toEqual([]);
    expect(all.conversion).toBeUndefined();
  });

  it('says populating, not mixed_currencies, for the amounts while every marketplace’s reports are pending', async () => {
    await h.connect('advertising');
    const first = await load(allMarketplacesValue);
    expect(first.totals?.length).toBe(4);
    for (const id of ['adSpend', 'acos', 'roas'] as const)
      expect(first.metrics[id]).toEqual({ value: null, reason: 'populating' });
    expect(first.metrics.totalSales).toEqual({ value: null, reason: 'disconnected' });
    expect(first.metrics.tacos).toEqual({ value: null, reason: 'disconnected' });
  });

  it('converts with the host’s rates, shows the rate date, and computes ACoS from the converted sums', async () => {
    const rates = { CAD: 0.7, GBP: 1.25, EUR: 1.1 };
    await h.close();
    h = await createHarness({
      currencyConversion: ({ currencies }) => {
        expect([...currencies].sort()).toEqual(['CAD', 'EUR', 'GBP', 'USD']);
        return { currency: 'USD', rateDate: '2026-11-30', rates };
      },
    });
    await h.connect('advertising');
    const all = await readyAll();
    expect(all.currency).toBe('USD');
    expect(all.conversion).toEqual({ currency: 'USD', rateDate: '2026-11-30', rates: { USD: 1, ...rates } });
    const rate = { USD: 1, ...rates } as Record<string, number>;
    const totals = all.totals ?? [];
    const spend = totals.reduce(
      (sum, t) => sum + (t.metrics.adSpend.value ?? 0) * (rate[t.currency] ?? 0),
      0,
    );
    const adSales = totals.reduce(
      (sum, t) =>
        sum + (t.metrics.adSpend.value ?? 0) * (t.metrics.roas.value ?? 0) * (rate[t.currency] ?? 0),
      0,
    );
    expect(all.metrics.adSpend.value).toBeCloseTo(spend, 1);
    expect(all.metrics.acos.value).toBeCloseTo((spend / adSales) * 100, 1);
    const averaged = totals.reduce((sum, t) => sum + (t.metrics.acos.value ?? 0), 0) / totals.length;
    expect(Math.abs((all.metrics.acos.value ?? 0) - averaged)).toBeGreaterThan(0.01);
  });

  it('keeps the totals per currency when the host has no rate for one of them', async () => {
    await h.close();
    h = await createHarness({
      currencyConversion: () => ({ currency: 'USD', rateDate: '2026-11-30', rates: { CAD: 0.7 } }),
    });
    await h.connect('advertising');
    const all = await readyAll();
    expect(all.conversion).toBeUndefined();
    expect(all.metrics.adSpend).toEqual({ value: null, reason: 'mixed_currencies' });
    expect(h.logged.some((m) => m.includes('no usable rate for GBP'))).toBe(true);
  });

  it('says disconnected for every figure when nothing is connected', async () => {
    const all = await load(allMarketplacesValue);
    expect(all.marketplace).toBe('all');
    for (const figure of Object.values(all.metrics))
      expect(figure).toEqual({ value: null, reason: 'disconnected' });
  });
});
