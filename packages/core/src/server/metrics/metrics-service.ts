import { allMarketplaces } from '../../contract/schemas';
import type { MarketplaceCoverage, MetricsResponse, MissingReason } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import type { AdsApiClient } from '../amazon/ads-api-client';
import { type AmazonFetch, StaleAuthorizationError } from '../amazon/amazon-fetch';
import type { SpApiClient } from '../amazon/sp-api-client';
import type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  ConnectionStore,
  JsonValue,
} from '../storage/connection-store';
import { createSingleFlight } from '../tokens/single-flight';
import type { TokenManager } from '../tokens/token-manager';
import { accountMarketplaces, type ResolvedMarketplace } from './account-marketplaces';
import { primaryConnections } from './connections-status';
import { type CurrencyConversion, usableConversion } from './currency-conversion';
import {
  addSums,
  type Fetched,
  type MarketplaceSums,
  metricsFromSums,
  missingSums,
  mixedCurrencyMetrics,
  scaleMoney,
  sumsFromReports,
} from './marketplace-sums';
import type { ReportCache, ReportSource } from './report-cache';
import {
  type AdvertisedProductTotals,
  type CampaignTotals,
  isEmptyPayload,
  type OrderTotalsPayload,
  type TrafficTotals,
} from './report-payloads';
import {
  advertisedProductSource,
  campaignSource,
  type DateRange,
  orderMetricsSource,
  trafficSource,
} from './report-sources';

/**
 * Which marketplace(s) `GET /metrics` is for: a marketplace id of the account, `'all'`, or `undefined` for the
 * account's home marketplace (its first Ads profile).
 *
 * @example
 * ```ts
 * const selection: MarketplaceSelection = 'A1PA6795UKMFR9'; // Germany
 * ```
 */
export type MarketplaceSelection = string | undefined;

/**
 * Computes the nine metrics of the help article and the per-ASIN table from cached Amazon reports, for one
 * marketplace of the account (each figure in its currency) or all of them (per-currency totals, and one total when
 * there is one currency or the host converts). Missing figures are `null` with a reason (`disconnected`, `stale`,
 * `populating`, `not_covered`, `mixed_currencies`), never 0.
 *
 * @example
 * ```ts
 * const body = await metrics.forRange(subscriptionId, connections, { from: '2026-11-01', to: '2026-11-07' }, 'all');
 * body.totals?.map((t) => [t.currency, t.metrics.adSpend.value]); // [['USD', 812.4], ['CAD', 140.2], …]
 * ```
 */
export interface MetricsService {
  forRange(
    subscriptionId: string,
    connections: ConnectionRecord[],
    range: DateRange,
    marketplace?: MarketplaceSelection,
  ): Promise<MetricsResponse>;
}

/** Why a connection's figures are missing where it does not cover the marketplace (`not_covered` by default). */
function uncoveredReason(coverage: MarketplaceCoverage): MissingReason {
  return coverage.covered ? 'not_covered' : coverage.reason;
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
  /** The host's conversion rates for all-marketplaces totals, if it provides them. */
  currencyConversion?: (context: {
    subscriptionId: string;
    currencies: readonly string[];
  }) => CurrencyConversion | null | undefined | Promise<CurrencyConversion | null | undefined>;
}): MetricsService {
  const flights = createSingleFlight();

  async function fetchSource<T>(
    connection: ConnectionRecord | undefined,
    uncovered: MissingReason | null,
    source: () => ReportSource,
  ): Promise<Fetched<T>> {
    // Coverage first: a marketplace no authorisation covers says so, whatever another region's health.
    if (uncovered) return { missing: uncovered };
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

  /** One marketplace's four reports (each cached per source, account, profile or marketplace, and range). */
  async function sumsOf(
    advertising: AdvertisingConnectionRecord,
    { profile, participation, seller, view }: ResolvedMarketplace,
    range: DateRange,
  ): Promise<{ sums: MarketplaceSums; orderCurrency: string | null }> {
    const adsUncovered = profile ? null : 'not_covered';
    const spUncovered = seller && participation ? null : uncoveredReason(view.sellerCentral);
    const [campaigns, products, orders, traffic] = await Promise.all([
      fetchSource<CampaignTotals>(advertising, adsUncovered, () =>
        campaignSource(deps, advertising, profile!, range),
      ),
      fetchSource<AdvertisedProductTotals>(advertising, adsUncovered, () =>
        advertisedProductSource(deps, advertising, profile!, range),
      ),
      fetchSource<OrderTotalsPayload>(seller, spUncovered, () =>
        orderMetricsSource(deps, seller!, participation!, range),
      ),
      fetchSource<TrafficTotals>(seller, spUncovered, () =>
        trafficSource(deps, seller!, participation!, range),
      ),
    ]);
    return {
      sums: sumsFromReports({ campaigns, products, orders, traffic }),
      orderCurrency: 'data' in orders ? orders.data.currency : null,
    };
  }

  async function compute(
    subscriptionId: string,
    connections: ConnectionRecord[],
    range: DateRange,
    selection: MarketplaceSelection,
  ): Promise<MetricsResponse> {
    const { advertising, sellerCentralRegions } = primaryConnections(connections);
    const marketplaces = accountMarketplaces(advertising, sellerCentralRegions);
    const base = { range: { from: range.from, to: range.to } };
    if (!advertising || marketplaces.length === 0) {
      return {
        ...base,
        currency: null,
        ...metricsFromSums(missingSums('disconnected')),
        marketplace: selection === allMarketplaces ? allMarketplaces : null,
      };
    }

    if (selection !== allMarketplaces) {
      const chosen =
        selection === undefined
          ? marketplaces[0]
          : marketplaces.find((m) => m.view.marketplaceId === selection);
      if (!chosen) {
        throw new ConnectionsError('invalid_request', {
          detail: `marketplace must be ${allMarketplaces} or a marketplace of the account: ${marketplaces
            .map((m) => m.view.marketplaceId)
            .join(', ')}.`,
        });
      }
      const { sums, orderCurrency } = await sumsOf(advertising, chosen, range);
      return {
        ...base,
        currency: chosen.view.currency ?? orderCurrency,
        ...metricsFromSums(sums),
        marketplace: chosen.view,
      };
    }

    const each = await Promise.all(
      marketplaces.map(async (m) => ({ m, ...(await sumsOf(advertising, m, range)) })),
    );
    const byCurrency = new Map<string, typeof each>();
    for (const entry of each) {
      const currency = entry.m.view.currency ?? entry.orderCurrency;
      if (currency) byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), entry]);
    }
    const totals = [...byCurrency].map(([currency, members]) => ({
      currency,
      marketplaceIds: members.map((e) => e.m.view.marketplaceId),
      ...metricsFromSums(members.map((e) => e.sums).reduce(addSums)),
    }));
    const all = {
      ...base,
      marketplace: allMarketplaces,
      marketplaces: each.map((e) => ({
        marketplace: e.m.view,
        metrics: metricsFromSums(e.sums).metrics,
      })),
      totals,
    } as const;
    const [only] = totals;
    if (totals.length === 1 && only) {
      return { ...all, currency: only.currency, metrics: only.metrics, asins: only.asins };
    }

    const currencies = totals.map((t) => t.currency);
    const conversion = usableConversion(
      await deps.currencyConversion?.({ subscriptionId, currencies }),
      currencies,
      deps.warn,
    );
    if (conversion) {
      const converted = each
        .map((e) => scaleMoney(e.sums, conversion.rates[e.m.view.currency ?? e.orderCurrency ?? ''] ?? 1))
        .reduce(addSums);
      return { ...all, currency: conversion.currency, ...metricsFromSums(converted), conversion };
    }
    // Several currencies and no rates: counts and percentages add up, amounts (and ratios of them) do not.
    const metrics = mixedCurrencyMetrics(each.map((e) => e.sums).reduce(addSums));
    return { ...all, currency: null, metrics, asins: [] };
  }

  return {
    forRange(subscriptionId, connections, range, marketplace) {
      const key = JSON.stringify([
        subscriptionId,
        range.from,
        range.to,
        marketplace ?? null,
        connections.map((c) => c.authorizationId),
      ]);
      return flights.run(key, () => compute(subscriptionId, connections, range, marketplace));
    },
  };
}
