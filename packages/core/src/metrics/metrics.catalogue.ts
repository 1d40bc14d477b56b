import type { ConnectionKind, DataSource, MetricId } from '../contract/types';

/**
 * A figure of the dashboard: the nine metrics of the contract plus the per-ASIN TACoS table.
 *
 * @example
 * ```ts
 * const key: MetricKey = 'asinTacos';
 * ```
 */
export type MetricKey = MetricId | 'asinTacos';

/**
 * How a figure is written.
 *
 * @example
 * ```ts
 * metricCatalogue.roas.format; // 'ratio'
 * ```
 */
export type MetricFormat = 'currency' | 'percent' | 'ratio' | 'count' | 'table';

/**
 * One figure and the connection(s) it needs.
 *
 * @example
 * ```ts
 * const definition: MetricDefinition = metricCatalogue.totalSales; // requires ['sellerCentral']
 * ```
 */
export interface MetricDefinition {
  readonly key: MetricKey;
  /** The help article's name. */
  readonly label: string;
  /** Every connection the figure is computed from. */
  readonly requires: readonly ConnectionKind[];
  /** The Amazon data it is computed from: it is populating until each of them has arrived. */
  readonly sources: readonly DataSource[];
  readonly format: MetricFormat;
}

/**
 * The optimiser features; all of them run on the Advertising connection.
 *
 * @example
 * ```ts
 * const id: FeatureId = 'aiInsights';
 * ```
 */
export type FeatureId = 'suggestions' | 'applyActions' | 'aiInsights' | 'rules';

/**
 * One feature and the connection(s) it needs.
 *
 * @example
 * ```ts
 * const definition: FeatureDefinition = featureCatalogue.suggestions;
 * ```
 */
export interface FeatureDefinition {
  readonly id: FeatureId;
  readonly label: string;
  readonly requires: readonly ConnectionKind[];
}

const ads = ['advertising'] as const;
const seller = ['sellerCentral'] as const;
const both = ['advertising', 'sellerCentral'] as const;
const campaigns = ['campaigns'] as const;
const orders = ['orders'] as const;
const traffic = ['salesAndTraffic'] as const;

/**
 * Every Amazon data source and the connection it comes through: Ads reports (campaigns, advertised products) and
 * Seller Central's Sales API (orders) and sales-and-traffic report.
 *
 * @example
 * ```ts
 * dataSourceKinds.salesAndTraffic; // 'sellerCentral'
 * ```
 */
export const dataSourceKinds: { readonly [S in DataSource]: ConnectionKind } = {
  campaigns: 'advertising',
  advertisedProducts: 'advertising',
  orders: 'sellerCentral',
  salesAndTraffic: 'sellerCentral',
};

/**
 * Every data source, Advertising's first.
 *
 * @example
 * ```ts
 * dataSources.filter((source) => dataSourceKinds[source] === 'sellerCentral'); // ['orders', 'salesAndTraffic']
 * ```
 */
export const dataSources = /* @__PURE__ */ Object.keys(dataSourceKinds) as readonly DataSource[];

/**
 * Every figure named in the help article with the connections it needs (rule 1): ad spend, ACoS and ROAS come
 * from Amazon Advertising; Total Sales, Total Orders, Sessions, Buy Box % and Listing CVR from Seller Central;
 * TACoS (ad spend ÷ total sales), headline and per-ASIN table, needs both.
 *
 * @example
 * ```ts
 * import { metricCatalogue } from '@smart-ads/core';
 * metricCatalogue.tacos.requires; // ['advertising', 'sellerCentral']
 * ```
 */
export const metricCatalogue: { readonly [K in MetricKey]: MetricDefinition } = {
  adSpend: { key: 'adSpend', label: 'Ad spend', requires: ads, sources: campaigns, format: 'currency' },
  acos: { key: 'acos', label: 'ACoS', requires: ads, sources: campaigns, format: 'percent' },
  roas: { key: 'roas', label: 'ROAS', requires: ads, sources: campaigns, format: 'ratio' },
  totalSales: {
    key: 'totalSales',
    label: 'Total Sales',
    requires: seller,
    sources: orders,
    format: 'currency',
  },
  totalOrders: {
    key: 'totalOrders',
    label: 'Total Orders',
    requires: seller,
    sources: orders,
    format: 'count',
  },
  sessions: { key: 'sessions', label: 'Sessions', requires: seller, sources: traffic, format: 'count' },
  buyBoxPercentage: {
    key: 'buyBoxPercentage',
    label: 'Buy Box %',
    requires: seller,
    sources: traffic,
    format: 'percent',
  },
  listingConversionRate: {
    key: 'listingConversionRate',
    label: 'Listing CVR',
    requires: seller,
    sources: traffic,
    format: 'percent',
  },
  tacos: {
    key: 'tacos',
    label: 'TACoS',
    requires: both,
    sources: ['campaigns', 'orders'],
    format: 'percent',
  },
  asinTacos: {
    key: 'asinTacos',
    label: 'Per-ASIN TACoS table',
    requires: both,
    sources: ['advertisedProducts', 'salesAndTraffic'],
    format: 'table',
  },
};

/**
 * Every optimiser feature of the help article: they all need Amazon Advertising (rule 1, rule 4).
 *
 * @example
 * ```ts
 * import { featureCatalogue } from '@smart-ads/core';
 * featureCatalogue.rules.requires; // ['advertising']
 * ```
 */
export const featureCatalogue: { readonly [F in FeatureId]: FeatureDefinition } = {
  suggestions: { id: 'suggestions', label: 'Suggestions', requires: ads },
  applyActions: { id: 'applyActions', label: 'Apply actions', requires: ads },
  aiInsights: { id: 'aiInsights', label: 'AI Insights', requires: ads },
  rules: { id: 'rules', label: 'Rules', requires: ads },
};

/**
 * All figure keys, in dashboard order.
 *
 * @example
 * ```ts
 * for (const key of metricKeys) console.log(metricCatalogue[key].label);
 * ```
 */
export const metricKeys = /* @__PURE__ */ Object.keys(metricCatalogue) as readonly MetricKey[];
/**
 * All feature ids.
 *
 * @example
 * ```ts
 * featureIds.filter((id) => view.features[id].enabled);
 * ```
 */
export const featureIds = /* @__PURE__ */ Object.keys(featureCatalogue) as readonly FeatureId[];
