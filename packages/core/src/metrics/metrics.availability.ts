import type { ConnectionKind, DataSource } from '../contract/types';
import {
  dataSourceKinds,
  type FeatureId,
  featureCatalogue,
  featureIds,
  type MetricKey,
  metricCatalogue,
  metricKeys,
} from './metrics.catalogue';

/**
 * What the dashboard can rely on for one connection, derived from the machine's snapshot.
 *
 * @example
 * ```ts
 * const condition: ConnectionCondition = view.sellerCentral.condition ?? 'disconnected';
 * ```
 */
export type ConnectionCondition = 'disconnected' | 'populating' | 'ready' | 'stale';

/**
 * The condition of both connections.
 *
 * @example
 * ```ts
 * const conditions: ConnectionConditions = { advertising: 'ready', sellerCentral: 'populating' };
 * ```
 */
export type ConnectionConditions = { readonly [K in ConnectionKind]: ConnectionCondition };

/**
 * Whether a figure can be shown from the conditions of the two connections alone: `available`; `populating`
 * (connected, data not arrived yet: neither a dash nor zero); `unavailable` with the reason (a missing or a stale
 * connection): shown as a dash.
 *
 * @example
 * ```ts
 * const availability: ConnectionMetricAvailability = metricAvailability('tacos', conditions);
 * ```
 */
export type ConnectionMetricAvailability =
  | { readonly state: 'available' }
  | { readonly state: 'populating'; readonly waitingFor: readonly ConnectionKind[] }
  | {
      readonly state: 'unavailable';
      readonly reason: 'disconnected' | 'stale';
      /** The connections that are missing (for `disconnected`) or stale (for `stale`). */
      readonly connections: readonly ConnectionKind[];
      /** A sentence for a tooltip. */
      readonly message: string;
    };

/**
 * Whether a figure can be shown in the selected marketplace: {@link ConnectionMetricAvailability}, or
 * `unavailable` with the reason `not_covered` when a connection it needs is connected but does not cover that
 * marketplace (Seller Central authorised for North America, Germany chosen): shown as a dash with the status's
 * sentence.
 *
 * @example
 * ```ts
 * const availability: MetricAvailability = view.metrics.tacos;
 * if (availability.state === 'unavailable') tooltip(availability.message);
 * ```
 */
export type MetricAvailability =
  | ConnectionMetricAvailability
  | {
      readonly state: 'unavailable';
      readonly reason: 'not_covered';
      /** The connections that do not cover the marketplace. */
      readonly connections: readonly ConnectionKind[];
      /** The status's sentence for the marketplace, e.g. "Seller Central is not connected for Germany: …". */
      readonly message: string;
    };

/**
 * Whether a feature can be used, and why not.
 *
 * @example
 * ```ts
 * const rules: FeatureAvailability = view.features.rules;
 * if (!rules.enabled) disableRulesTab(rules.message);
 * ```
 */
export type FeatureAvailability =
  | { readonly enabled: true }
  | {
      readonly enabled: false;
      readonly reason: 'disconnected' | 'stale';
      readonly connections: readonly ConnectionKind[];
      readonly message: string;
    };

/**
 * The names the help article uses for the two connections.
 *
 * @example
 * ```ts
 * connectionLabels.sellerCentral; // 'Seller Central'
 * ```
 */
export const connectionLabels: { readonly [K in ConnectionKind]: string } = {
  advertising: 'Amazon Advertising',
  sellerCentral: 'Seller Central',
};

function missingMessage(
  reason: 'disconnected' | 'stale',
  kinds: readonly ConnectionKind[],
  what: string,
  conditions: ConnectionConditions,
) {
  // Seller Central is a layer of the Advertising account: with both missing, Advertising comes first.
  const order = kinds.includes('sellerCentral') && conditions.advertising === 'disconnected';
  const names = (order ? connectionKinds : kinds).map((kind) => connectionLabels[kind]);
  return reason === 'stale'
    ? names.length > 1
      ? `The ${names.join(' and ')} connections stopped working: reconnect them to see ${what}.`
      : `The ${names.join(' and ')} connection stopped working: reconnect it to see ${what}.`
    : `Connect ${names.join(order ? ', then ' : ' and ')}${order ? ',' : ''} to see ${what}.`;
}

const connectionKinds = ['advertising', 'sellerCentral'] as const;

function requirement(requires: readonly ConnectionKind[], conditions: ConnectionConditions) {
  const missing = requires.filter((kind) => conditions[kind] === 'disconnected');
  if (missing.length > 0) return { reason: 'disconnected' as const, connections: missing };
  const stale = requires.filter((kind) => conditions[kind] === 'stale');
  if (stale.length > 0) return { reason: 'stale' as const, connections: stale };
  return null;
}

/**
 * The availability of one figure from the conditions of the two connections. `missing` names the data sources of
 * populating connections that have not sent data yet (default: all of them): a figure whose own sources have
 * arrived is available while another source of its connection is still populating.
 *
 * @example
 * ```ts
 * metricAvailability('totalSales', { advertising: 'ready', sellerCentral: 'disconnected' });
 * // { state: 'unavailable', reason: 'disconnected', connections: ['sellerCentral'], message: 'Connect Seller Central to see Total Sales.' }
 * metricAvailability('totalSales', { advertising: 'ready', sellerCentral: 'populating' }, ['salesAndTraffic']);
 * // { state: 'available' }: orders arrived, only Sessions, Buy Box % and Listing CVR wait
 * ```
 */
export function metricAvailability(
  key: MetricKey,
  conditions: ConnectionConditions,
  missing?: readonly DataSource[],
): ConnectionMetricAvailability {
  const definition = metricCatalogue[key];
  const blocked = requirement(definition.requires, conditions);
  if (blocked) {
    return {
      state: 'unavailable',
      ...blocked,
      message: missingMessage(blocked.reason, blocked.connections, definition.label, conditions),
    };
  }
  const waitingFor = definition.requires.filter(
    (kind) =>
      conditions[kind] === 'populating' &&
      definition.sources.some(
        (source) => dataSourceKinds[source] === kind && (missing?.includes(source) ?? true),
      ),
  );
  return waitingFor.length > 0 ? { state: 'populating', waitingFor } : { state: 'available' };
}

/**
 * The availability of every figure.
 *
 * @example
 * ```ts
 * const metrics = metricsAvailability({ advertising: 'populating', sellerCentral: 'disconnected' });
 * metrics.adSpend.state; // 'populating'
 * ```
 */
export function metricsAvailability(
  conditions: ConnectionConditions,
  missing?: readonly DataSource[],
): {
  readonly [K in MetricKey]: ConnectionMetricAvailability;
} {
  const result = {} as { [K in MetricKey]: ConnectionMetricAvailability };
  for (const key of metricKeys) result[key] = metricAvailability(key, conditions, missing);
  return result;
}

/**
 * Whether one optimiser feature can be used: features run while Advertising is connected (also while its data
 * is still populating) and stop when it is disconnected or stale.
 *
 * @example
 * ```ts
 * featureAvailability('rules', { advertising: 'disconnected', sellerCentral: 'disconnected' }).enabled; // false
 * ```
 */
export function featureAvailability(id: FeatureId, conditions: ConnectionConditions): FeatureAvailability {
  const definition = featureCatalogue[id];
  const blocked = requirement(definition.requires, conditions);
  if (!blocked) return { enabled: true };
  return {
    enabled: false,
    ...blocked,
    message: missingMessage(blocked.reason, blocked.connections, definition.label, conditions),
  };
}

/**
 * Every feature's availability.
 *
 * @example
 * ```ts
 * featuresAvailability({ advertising: 'ready', sellerCentral: 'disconnected' }).suggestions.enabled; // true
 * ```
 */
export function featuresAvailability(conditions: ConnectionConditions): {
  readonly [F in FeatureId]: FeatureAvailability;
} {
  const result = {} as { [F in FeatureId]: FeatureAvailability };
  for (const id of featureIds) result[id] = featureAvailability(id, conditions);
  return result;
}
