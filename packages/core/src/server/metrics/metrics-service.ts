import type { MetricId, MetricsResponse, MetricValue, MissingReason } from '../../contract/types';
import type { AdsApiClient } from '../amazon/ads-api-client';
import { type AmazonFetch, StaleAuthorizationError } from '../amazon/amazon-fetch';
import { marketplaceCurrency } from '../amazon/marketplace-currency';
import type { SpApiClient } from '../amazon/sp-api-client';
import type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  ConnectionStore,
  JsonValue,
  SellerCentralConnectionRecord,
} from '../storage/connection-store';
import { createSingleFlight } from '../tokens/single-flight';
import type { TokenManager } from '../tokens/token-manager';
import type { ReportCache, ReportSource } from './report-cache';
import {
  type AdvertisedProductTotals,
  type CampaignTotals,
  isEmptyPayload,
  type OrderTotalsPayload,
  round,
  type TrafficTotals,
} from './report-payloads';
import {
  advertisedProductSource,
  campaignSource,
  type DateRange,
  orderMetricsSource,
  trafficSource,
} from './report-sources';

/** A source's data, or why there is none. */
type Fetched<T> = { readonly data: T } | { readonly missing: MissingReason };

const value = (v: number): MetricValue => ({ value: round(v), reason: null });
const missing = (reason: MissingReason): MetricValue => ({ value: null, reason });

/** The first missing reason wins in this order: a connection that is gone, then stale, then populating. */
function worst(...reasons: MissingReason[]): MissingReason {
  for (const reason of ['disconnected', 'stale', 'populating'] as const)
    if (reasons.includes(reason)) return reason;
  return 'populating';
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

const map = <T, U>(fetched: Fetched<T>, pick: (data: T) => U): Fetched<U> =>
  'missing' in fetched ? fetched : { data: pick(fetched.data) };

/**
 * Computes the nine metrics of the help article and the per-ASIN table from cached Amazon reports.
 * Missing figures are `null` with a reason (`disconnected`, `stale`, `populating`), never 0.
 *
 * @example
 * ```ts
 * const body = await metrics.forRange(subscriptionId, connections, { from: '2026-11-01', to: '2026-11-07' });
 * body.metrics.tacos; // { value: 12.5, reason: null } or { value: null, reason: 'disconnected' }
 * ```
 */
export interface MetricsService {
  forRange(
    subscriptionId: string,
    connections: ConnectionRecord[],
    range: DateRange,
  ): Promise<MetricsResponse>;
}

/** Creates a {@link MetricsService}. */
export function createMetricsService(deps: {
  store: ConnectionStore;
  tokens: TokenManager;
  reports: ReportCache;
  ads: AdsApiClient;
  sp: SpApiClient;
  fetch: AmazonFetch;
  now: () => number;
  warn: (message: string) => void;
}): MetricsService {
  const flights = createSingleFlight();

  async function fetchSource<T>(
    connection: ConnectionRecord | undefined,
    source: () => ReportSource,
  ): Promise<Fetched<T>> {
    if (!connection) return { missing: 'disconnected' };
    if (connection.health === 'stale') return { missing: 'stale' };
    const built = source();
    let payload: JsonValue | null;
    try {
      payload = (await deps.reports.get(built)).payload;
    } catch (error) {
      if (error instanceof StaleAuthorizationError) return { missing: 'stale' };
      // Throttled or failing: serve what we had, else "populating"; Retry-After is kept in the store.
      deps.warn(`Amazon data for ${built.key.source} could not be refreshed: ${(error as Error).name}`);
      payload = (await deps.store.getReport(built.key))?.payload ?? null;
    }
    if (payload === null || isEmptyPayload(payload)) return { missing: 'populating' };
    return { data: payload as T };
  }

  async function compute(connections: ConnectionRecord[], range: DateRange): Promise<MetricsResponse> {
    const advertising = connections.find((c): c is AdvertisingConnectionRecord => c.kind === 'advertising');
    const seller = connections.find(
      (c): c is SellerCentralConnectionRecord =>
        c.kind === 'sellerCentral' && c.parentAccountId === advertising?.accountId,
    );
    const profile = advertising?.account.marketplaces[0];
    const sellerMarketplace =
      seller?.marketplaces.find((m) => m.id === profile?.marketplaceId) ?? seller?.marketplaces[0];
    const adsDeps = { ...deps };
    const adsConnection = profile ? advertising : undefined;
    const spConnection = sellerMarketplace ? seller : undefined;

    const [campaigns, products, orders, traffic] = await Promise.all([
      fetchSource<CampaignTotals>(adsConnection, () =>
        campaignSource(adsDeps, advertising!, profile!, range),
      ),
      fetchSource<AdvertisedProductTotals>(adsConnection, () =>
        advertisedProductSource(adsDeps, advertising!, profile!, range),
      ),
      fetchSource<OrderTotalsPayload>(spConnection, () =>
        orderMetricsSource(adsDeps, seller!, sellerMarketplace!.id, range),
      ),
      fetchSource<TrafficTotals>(spConnection, () =>
        trafficSource(adsDeps, seller!, sellerMarketplace!.id, range),
      ),
    ]);

    const adSpend = map(campaigns, (c) => c.adSpend);
    const adSales = map(campaigns, (c) => c.adSales);
    const totalSales = map(orders, (o) => o.totalSales);
    const figure = (fetched: Fetched<number | null>): MetricValue =>
      'missing' in fetched
        ? missing(fetched.missing)
        : fetched.data === null
          ? missing('populating')
          : value(fetched.data);

    const metrics: Record<MetricId, MetricValue> = {
      adSpend: figure(adSpend),
      acos: ratio(adSpend, adSales, 100),
      roas: ratio(adSales, adSpend, 1),
      totalSales: figure(totalSales),
      totalOrders: figure(map(orders, (o) => o.totalOrders)),
      sessions: figure(map(traffic, (t) => t.sessions)),
      buyBoxPercentage: figure(map(traffic, (t) => t.buyBoxPercentage)),
      listingConversionRate: figure(map(traffic, (t) => t.listingConversionRate)),
      tacos: ratio(adSpend, totalSales, 100),
    };

    const spendByAsin = map(products, (p) => p.adSpendByAsin);
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

    const currency =
      ('data' in orders ? orders.data.currency : null) ??
      (profile ? marketplaceCurrency(profile.countryCode) : null) ??
      sellerMarketplace?.currencyCode ??
      null;
    return { range: { from: range.from, to: range.to }, currency, metrics, asins };
  }

  return {
    forRange(subscriptionId, connections, range) {
      const key = JSON.stringify([
        subscriptionId,
        range.from,
        range.to,
        connections.map((c) => c.authorizationId),
      ]);
      return flights.run(key, () => compute(connections, range));
    },
  };
}
