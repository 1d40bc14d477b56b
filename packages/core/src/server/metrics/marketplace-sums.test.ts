import { describe, expect, it } from 'vitest';
import {
  addSums,
  type MarketplaceSums,
  metricsFromSums,
  mixedCurrencyMetrics,
  scaleMoney,
  sumsFromReports,
} from './marketplace-sums';

/** A marketplace with fixed figures (as its four cached reports would say). */
const marketplace = (f: {
  adSpend: number;
  adSales: number;
  totalSales: number;
  orders: number;
  sessions: number;
  units: number;
  buyBox: number;
}): MarketplaceSums =>
  sumsFromReports({
    campaigns: { data: { rows: 7, adSpend: f.adSpend, adSales: f.adSales } },
    products: { data: { rows: 7, adSpendByAsin: { B0ASIN: f.adSpend } } },
    orders: { data: { rows: 1, totalSales: f.totalSales, totalOrders: f.orders, currency: 'USD' } },
    traffic: {
      data: {
        rows: 7,
        sessions: f.sessions,
        pageViews: f.sessions,
        buyBoxPercentage: f.buyBox,
        listingConversionRate: (f.units / f.sessions) * 100,
        units: f.units,
        buyBoxWeighted: f.buyBox * f.sessions,
        salesByAsin: { B0ASIN: f.totalSales },
      },
    },
  });

// A: ACoS 50 %, CVR 50 %, Buy Box 100 % on 100 sessions. B: ACoS 10 %, CVR 10 %, Buy Box 50 % on 900 sessions.
const a = marketplace({
  adSpend: 10,
  adSales: 20,
  totalSales: 50,
  orders: 5,
  sessions: 100,
  units: 50,
  buyBox: 100,
});
const b = marketplace({
  adSpend: 90,
  adSales: 900,
  totalSales: 950,
  orders: 90,
  sessions: 900,
  units: 90,
  buyBox: 50,
});

describe('totals over several marketplaces', () => {
  it('computes ACoS, ROAS, TACoS, Listing CVR and Buy Box % from the sums, never as averages', () => {
    const { metrics, asins } = metricsFromSums(addSums(a, b));
    expect(metrics.adSpend.value).toBe(100);
    expect(metrics.totalSales.value).toBe(1000);
    expect(metrics.totalOrders.value).toBe(95);
    expect(metrics.acos.value).toBe(10.8696); // 100 ÷ 920, not (50 + 10) ÷ 2 = 30
    expect(metrics.roas.value).toBe(9.2); // 920 ÷ 100, not (2 + 10) ÷ 2 = 6
    expect(metrics.tacos.value).toBe(10); // 100 ÷ 1000
    expect(metrics.listingConversionRate.value).toBe(14); // 140 units ÷ 1000 sessions, not 30
    expect(metrics.buyBoxPercentage.value).toBe(55); // weighted by page views, not 75
    expect(asins).toEqual([
      {
        asin: 'B0ASIN',
        adSpend: { value: 100, reason: null },
        totalSales: { value: 1000, reason: null },
        tacos: { value: 10, reason: null },
      },
    ]);
  });

  it('converts amounts with a rate before adding them; counts and percentages stay', () => {
    // B in EUR at 1 EUR = 1.1 USD.
    const { metrics } = metricsFromSums(addSums(a, scaleMoney(b, 1.1)));
    expect(metrics.adSpend.value).toBe(109); // 10 + 99
    expect(metrics.acos.value).toBe(10.7921); // 109 ÷ (20 + 990)
    expect(metrics.totalOrders.value).toBe(95);
    expect(metrics.listingConversionRate.value).toBe(14);
  });

  it('leaves no marketplace out silently: a source missing in one makes the total missing with its reason', () => {
    const uncovered: MarketplaceSums = {
      ...b,
      orders: { missing: 'not_covered' },
      traffic: { missing: 'not_covered' },
    };
    const { metrics } = metricsFromSums(addSums(a, uncovered));
    expect(metrics.adSpend.value).toBe(100);
    expect(metrics.totalSales).toEqual({ value: null, reason: 'not_covered' });
    expect(metrics.tacos).toEqual({ value: null, reason: 'not_covered' });
    const populating: MarketplaceSums = { ...b, campaigns: { missing: 'populating' } };
    expect(metricsFromSums(addSums(uncovered, populating)).metrics.acos).toEqual({
      value: null,
      reason: 'populating',
    });
  });

  it('reads Listing CVR and Buy Box % back from reports cached before units were kept', () => {
    const old = sumsFromReports({
      campaigns: { missing: 'populating' },
      products: { missing: 'populating' },
      orders: { missing: 'populating' },
      traffic: {
        data: {
          rows: 2,
          sessions: 200,
          pageViews: 400,
          buyBoxPercentage: 90,
          listingConversionRate: 12.5,
          salesByAsin: {},
        },
      },
    });
    const { metrics } = metricsFromSums(old);
    expect(metrics.listingConversionRate.value).toBe(12.5);
    expect(metrics.buyBoxPercentage.value).toBe(90);
  });

  it('says mixed_currencies for an amount only once it exists everywhere; populating or uncovered first', () => {
    // a in USD, b in EUR, no conversion.
    const ready = mixedCurrencyMetrics(addSums(a, b));
    for (const id of ['adSpend', 'acos', 'roas', 'totalSales', 'tacos'] as const)
      expect(ready[id]).toEqual({ value: null, reason: 'mixed_currencies' });
    expect(ready.totalOrders).toEqual({ value: 95, reason: null });
    expect(ready.listingConversionRate).toEqual({ value: 14, reason: null });

    const pending: MarketplaceSums = {
      campaigns: { missing: 'populating' },
      adSpendByAsin: { missing: 'populating' },
      orders: { missing: 'populating' },
      traffic: { missing: 'populating' },
    };
    const populating = mixedCurrencyMetrics(addSums(pending, pending));
    for (const id of ['adSpend', 'acos', 'roas', 'totalSales', 'tacos'] as const)
      expect(populating[id]).toEqual({ value: null, reason: 'populating' });

    // Ads figures arrived in both, Seller Central still populating in one and not covering the other.
    const salesPending = mixedCurrencyMetrics(addSums(a, { ...b, orders: { missing: 'populating' } }));
    expect(salesPending.adSpend).toEqual({ value: null, reason: 'mixed_currencies' });
    expect(salesPending.totalSales).toEqual({ value: null, reason: 'populating' });
    expect(salesPending.tacos).toEqual({ value: null, reason: 'populating' });
    const uncovered = {
      ...pending,
      orders: { missing: 'not_covered' },
      traffic: { missing: 'not_covered' },
    } as const;
    const noSales = mixedCurrencyMetrics(addSums(uncovered, uncovered));
    expect(noSales.totalSales).toEqual({ value: null, reason: 'not_covered' });
    expect(noSales.adSpend).toEqual({ value: null, reason: 'populating' });
    expect(noSales.tacos).toEqual({ value: null, reason: 'not_covered' });
  });
});
