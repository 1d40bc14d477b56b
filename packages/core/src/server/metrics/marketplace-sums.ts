import type { MetricId, MetricsResponse, MetricValue, MissingReason } from '../../contract/types';
import {
  type AdvertisedProductTotals,
  type CampaignTotals,
  type OrderTotalsPayload,
  round,
  type TrafficTotals,
} from './report-payloads';

/** A source's data, or why there is none. */
export type Fetched<T> = { readonly data: T } | { readonly missing: MissingReason };

/** Sessions-weighted traffic figures that add up across marketplaces (Buy Box % and CVR come from these sums). */
export interface TrafficSums {
  readonly sessions: number;
  readonly units: number;
  /** Σ Buy Box % × its weight (page views, or sessions without them). */
  readonly buyBoxWeighted: number;
  readonly buyBoxWeight: number;
  readonly salesByAsin: Readonly<Record<string, number>>;
}

/**
 * The summable figures behind the nine metrics of one marketplace, or of several added together (money in one
 * currency): ratios are always computed from these sums, never averaged.
 *
 * @example
 * ```ts
 * const both = addSums(sumsOf(us), sumsOf(ca)); // only when US and CA amounts are in one currency (converted)
 * metricsFromSums(both).metrics.acos; // Σ ad spend ÷ Σ ad sales × 100
 * ```
 */
export interface MarketplaceSums {
  readonly campaigns: Fetched<{ readonly adSpend: number; readonly adSales: number }>;
  readonly adSpendByAsin: Fetched<Readonly<Record<string, number>>>;
  readonly orders: Fetched<{ readonly totalSales: number; readonly totalOrders: number }>;
  readonly traffic: Fetched<TrafficSums>;
}

/** The first missing reason wins in this order: a connection that is gone, stale, not covering, populating. */
export function worst(...reasons: MissingReason[]): MissingReason {
  for (const reason of ['disconnected', 'stale', 'not_covered', 'mixed_currencies', 'populating'] as const)
    if (reasons.includes(reason)) return reason;
  return 'populating';
}

const map = <T, U>(fetched: Fetched<T>, pick: (data: T) => U): Fetched<U> =>
  'missing' in fetched ? fetched : { data: pick(fetched.data) };

const value = (v: number): MetricValue => ({ value: round(v), reason: null });
const missing = (reason: MissingReason): MetricValue => ({ value: null, reason });

function figure(fetched: Fetched<number | null>): MetricValue {
  if ('missing' in fetched) return missing(fetched.missing);
  return fetched.data === null ? missing('populating') : value(fetched.data);
}

function ratio(numerator: Fetched<number>, denominator: Fetched<number>, scale: number): MetricValue {
  if ('missing' in numerator || 'missing' in denominator) {
    return missing(
      worst(
        ...('missing' in numerator ? [numerator.missing] : []),
        ...('missing' in denominator ? [denominator.missing] : []),
      ),
    );
  }
  if (denominator.data === 0) return numerator.data === 0 ? value(0) : missing('populating');
  return value((numerator.data / denominator.data) * scale);
}

/** The summable figures of one marketplace from its four cached reports. */
export function sumsFromReports(reports: {
  campaigns: Fetched<CampaignTotals>;
  products: Fetched<AdvertisedProductTotals>;
  orders: Fetched<OrderTotalsPayload>;
  traffic: Fetched<TrafficTotals>;
}): MarketplaceSums {
  return {
    campaigns: map(reports.campaigns, ({ adSpend, adSales }) => ({ adSpend, adSales })),
    adSpendByAsin: map(reports.products, (p) => p.adSpendByAsin),
    orders: map(reports.orders, ({ totalSales, totalOrders }) => ({ totalSales, totalOrders })),
    traffic: map(reports.traffic, (t) => {
      const weight = t.pageViews > 0 ? t.pageViews : t.sessions;
      return {
        sessions: t.sessions,
        // Reports cached before `units` was kept: CVR × sessions gives it back (to the rounding of CVR).
        units: t.units ?? ((t.listingConversionRate ?? 0) * t.sessions) / 100,
        buyBoxWeighted: t.buyBoxWeighted ?? (t.buyBoxPercentage ?? 0) * weight,
        buyBoxWeight: t.buyBoxPercentage === null && t.buyBoxWeighted === undefined ? 0 : weight,
        salesByAsin: t.salesByAsin,
      };
    }),
  };
}

function combine<T>(a: Fetched<T>, b: Fetched<T>, add: (x: T, y: T) => T): Fetched<T> {
  if ('missing' in a || 'missing' in b) {
    return {
      missing: worst(...('missing' in a ? [a.missing] : []), ...('missing' in b ? [b.missing] : [])),
    };
  }
  return { data: add(a.data, b.data) };
}

function addMaps(x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) {
  const out: Record<string, number> = { ...x };
  for (const [key, amount] of Object.entries(y)) out[key] = (out[key] ?? 0) + amount;
  return out;
}

/**
 * Adds two marketplaces' figures (money must be in one currency). A source missing in either makes the sum
 * missing with the worse reason: a total never silently leaves a marketplace out.
 *
 * @example
 * ```ts
 * const total = [us, ca].map(sumsOf).reduce(addSums);
 * ```
 */
export function addSums(a: MarketplaceSums, b: MarketplaceSums): MarketplaceSums {
  return {
    campaigns: combine(a.campaigns, b.campaigns, (x, y) => ({
      adSpend: x.adSpend + y.adSpend,
      adSales: x.adSales + y.adSales,
    })),
    adSpendByAsin: combine(a.adSpendByAsin, b.adSpendByAsin, addMaps),
    orders: combine(a.orders, b.orders, (x, y) => ({
      totalSales: x.totalSales + y.totalSales,
      totalOrders: x.totalOrders + y.totalOrders,
    })),
    traffic: combine(a.traffic, b.traffic, (x, y) => ({
      sessions: x.sessions + y.sessions,
      units: x.units + y.units,
      buyBoxWeighted: x.buyBoxWeighted + y.buyBoxWeighted,
      buyBoxWeight: x.buyBoxWeight + y.buyBoxWeight,
      salesByAsin: addMaps(x.salesByAsin, y.salesByAsin),
    })),
  };
}

/**
 * A marketplace's figures with every amount multiplied by `rate` (a conversion into another currency); counts
 * and percentages stay as they are.
 *
 * @example
 * ```ts
 * const inEuros = scaleMoney(sumsOf(us), 0.92); // 1 USD = 0.92 EUR
 * ```
 */
export function scaleMoney(sums: MarketplaceSums, rate: number): MarketplaceSums {
  const scaleMap = (byAsin: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(byAsin).map(([asin, amount]) => [asin, amount * rate]));
  return {
    campaigns: map(sums.campaigns, (c) => ({ adSpend: c.adSpend * rate, adSales: c.adSales * rate })),
    adSpendByAsin: map(sums.adSpendByAsin, scaleMap),
    orders: map(sums.orders, (o) => ({ ...o, totalSales: o.totalSales * rate })),
    traffic: map(sums.traffic, (t) => ({ ...t, salesByAsin: scaleMap(t.salesByAsin) })),
  };
}

/** Every figure missing for one reason (nothing connected). */
export function missingSums(reason: MissingReason): MarketplaceSums {
  const gone = { missing: reason } as const;
  return { campaigns: gone, adSpendByAsin: gone, orders: gone, traffic: gone };
}

/** The figures that are amounts of money, or ratios of amounts: meaningless when currencies are mixed. */
export const moneyMetrics: readonly MetricId[] = ['adSpend', 'acos', 'roas', 'totalSales', 'tacos'];

/** The sources each money figure is computed from. */
const moneySources: Readonly<Record<string, readonly (keyof MarketplaceSums)[]>> = {
  adSpend: ['campaigns'],
  acos: ['campaigns'],
  roas: ['campaigns'],
  totalSales: ['orders'],
  tacos: ['campaigns', 'orders'],
};

/**
 * The metrics of marketplaces in several currencies added together, without a conversion: counts and
 * percentages as summed; each money figure (and ratio of amounts) `mixed_currencies` once its sources have
 * arrived everywhere, else the reason they have not (`populating` while Amazon prepares them, `not_covered`,
 * `disconnected` or `stale`), so a seller reads what they need rather than a currency mix of figures that do not
 * exist yet.
 *
 * @example
 * ```ts
 * mixedCurrencyMetrics([us, de].map(sumsOf).reduce(addSums)).adSpend;
 * // { value: null, reason: 'mixed_currencies' }, or { value: null, reason: 'populating' } while reports are pending
 * ```
 */
export function mixedCurrencyMetrics(sums: MarketplaceSums): MetricsResponse['metrics'] {
  const { metrics } = metricsFromSums(sums);
  const out: Record<MetricId, MetricValue> = { ...metrics };
  for (const id of moneyMetrics) {
    const reasons = (moneySources[id] ?? []).flatMap((source) => {
      const fetched = sums[source];
      return 'missing' in fetched ? [fetched.missing] : [];
    });
    out[id] = missing(reasons.length > 0 ? worst(...reasons) : 'mixed_currencies');
  }
  return out;
}

/**
 * The nine metrics and the per-ASIN table from summed figures: ACoS = Σ ad spend ÷ Σ ad sales, ROAS the inverse,
 * TACoS = Σ ad spend ÷ Σ total sales, Listing CVR = Σ units ÷ Σ sessions, Buy Box % weighted by page views.
 *
 * @example
 * ```ts
 * const { metrics, asins } = metricsFromSums(sums);
 * metrics.tacos; // { value: 12.5, reason: null } or { value: null, reason: 'not_covered' }
 * ```
 */
export function metricsFromSums(sums: MarketplaceSums): Pick<MetricsResponse, 'metrics' | 'asins'> {
  const adSpend = map(sums.campaigns, (c) => c.adSpend);
  const adSales = map(sums.campaigns, (c) => c.adSales);
  const totalSales = map(sums.orders, (o) => o.totalSales);
  const { traffic } = sums;
  const metrics: Record<MetricId, MetricValue> = {
    adSpend: figure(adSpend),
    acos: ratio(adSpend, adSales, 100),
    roas: ratio(adSales, adSpend, 1),
    totalSales: figure(totalSales),
    totalOrders: figure(map(sums.orders, (o) => o.totalOrders)),
    sessions: figure(map(traffic, (t) => t.sessions)),
    buyBoxPercentage: figure(
      map(traffic, (t) => (t.buyBoxWeight > 0 ? t.buyBoxWeighted / t.buyBoxWeight : null)),
    ),
    listingConversionRate: figure(
      map(traffic, (t) => (t.sessions > 0 ? (t.units / t.sessions) * 100 : null)),
    ),
    tacos: ratio(adSpend, totalSales, 100),
  };

  const spendByAsin = sums.adSpendByAsin;
  const salesByAsin = map(traffic, (t) => t.salesByAsin);
  const asinIds = new Set([
    ...('data' in spendByAsin ? Object.keys(spendByAsin.data) : []),
    ...('data' in salesByAsin ? Object.keys(salesByAsin.data) : []),
  ]);
  const asins = [...asinIds].sort().map((asin) => {
    // An ASIN missing from a report that arrived had none of it (Amazon leaves out ASINs without orders).
    const spend = map(spendByAsin, (byAsin) => byAsin[asin] ?? 0);
    const sales = map(salesByAsin, (byAsin) => byAsin[asin] ?? 0);
    return { asin, adSpend: figure(spend), totalSales: figure(sales), tacos: ratio(spend, sales, 100) };
  });
  return { metrics, asins };
}
