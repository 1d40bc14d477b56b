import type { ConnectionKind, MetricId } from '../contract/types';

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
  adSpend: { key: 'adSpend', label: 'Ad spend', requires: ads, format: 'currency' },
  acos: { key: 'acos', label: 'ACoS', requires: ads, format: 'percent' },
  roas: { key: 'roas', label: 'ROAS', requires: ads, format: 'ratio' },
  totalSales: { key: 'totalSales', label: 'Total Sales', requires: seller, format: 'currency' },
  totalOrders: { key: 'totalOrders', label: 'Total Orders', requires: seller, format: 'count' },
  sessions: { key: 'sessions', label: 'Sessions', requires: seller, format: 'count' },
  buyBoxPercentage: { key: 'buyBoxPercentage', label: 'Buy Box %', requires: seller, format: 'percent' },
  listingConversionRate: {
    key: 'listingConversionRate',
    label: 'Listing CVR',
    requires: seller,
    format: 'percent',
  },
  tacos: { key: 'tacos', label: 'TACoS', requires: both, format: 'percent' },
  asinTacos: { key: 'asinTacos', label: 'Per-ASIN TACoS table', requires: both, format: 'table' },
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
export const metricKeys = Object.keys(metricCatalogue) as readonly MetricKey[];
/**
 * All feature ids.
 *
 * @example
 * ```ts
 * featureIds.filter((id) => view.features[id].enabled);
 * ```
 */
export const featureIds = Object.keys(featureCatalogue) as readonly FeatureId[];
