import type { ConnectionKind } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import {
  type ConnectionConditions,
  featureAvailability,
  metricAvailability,
} from '../../metrics/metrics.availability';
import {
  type FeatureId,
  featureCatalogue,
  type MetricKey,
  metricCatalogue,
} from '../../metrics/metrics.catalogue';
import { buildStatus } from '../metrics/connections-status';
import type { ConnectionStore } from '../storage/connection-store';

/**
 * What the host may ask the gate about: an optimiser feature of `featureCatalogue` (`rules`, `applyActions`,
 * `suggestions`, `aiInsights`) or a figure of `metricCatalogue` (`tacos`, `totalSales`, …).
 *
 * @example
 * ```ts
 * const what: GatedCapability = 'rules';
 * ```
 */
export type GatedCapability = FeatureId | MetricKey;

/**
 * The gate's answer: allowed, or refused with the reason, the connections concerned, the help article's sentence
 * and the `ConnectionsError` code a route would answer (`not_connected`, `connection_stale`, `data_slow` while a
 * figure's data is still arriving).
 *
 * @example
 * ```ts
 * const decision: GateDecision = await server.gate.check('sub_42', 'rules');
 * if (!decision.allowed) console.log(decision.message); // "Connect Amazon Advertising to see Rules."
 * ```
 */
export type GateDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: 'disconnected' | 'stale' | 'populating';
      readonly connections: readonly ConnectionKind[];
      readonly message: string;
      readonly code: 'not_connected' | 'connection_stale' | 'data_slow';
    };

/**
 * The server-side feature gate, from the same catalogue the browser uses: may this subscription run Rules,
 * Apply an action, show TACoS now, and if not, why. Use it in the host's routes and jobs.
 *
 * @example
 * ```ts
 * await server.gate.require(subscriptionId, 'applyActions'); // throws ConnectionsError when refused
 * ```
 */
export interface FeatureGate {
  /** The decision for `what`, from the connections as stored now. */
  check(subscriptionId: string, what: GatedCapability): Promise<GateDecision>;
  /** Resolves when allowed; otherwise throws a `ConnectionsError` whose `detail` is the decision's message. */
  require(subscriptionId: string, what: GatedCapability): Promise<void>;
}

const isFeature = (what: GatedCapability): what is FeatureId => Object.hasOwn(featureCatalogue, what);

/**
 * Creates the {@link FeatureGate} of a server. Internal.
 *
 * @example
 * ```ts
 * const gate = createFeatureGate(store);
 * ```
 */
export function createFeatureGate(store: ConnectionStore): FeatureGate {
  async function check(subscriptionId: string, what: GatedCapability): Promise<GateDecision> {
    if (!isFeature(what) && !Object.hasOwn(metricCatalogue, what)) {
      throw new ConnectionsError('invalid_request', { detail: `Unknown feature or figure: ${String(what)}` });
    }
    const status = await buildStatus(
      store,
      { id: subscriptionId, accountLimit: 1 },
      await store.listConnections(subscriptionId),
    );
    const condition = (connection: (typeof status)['advertising' | 'sellerCentral']) =>
      !connection
        ? 'disconnected'
        : connection.health === 'stale'
          ? 'stale'
          : connection.data.state === 'ready'
            ? 'ready'
            : 'populating';
    const conditions: ConnectionConditions = {
      advertising: condition(status.advertising),
      sellerCentral: condition(status.sellerCentral),
    };
    const code = (reason: 'disconnected' | 'stale') =>
      reason === 'stale' ? ('connection_stale' as const) : ('not_connected' as const);
    if (isFeature(what)) {
      const feature = featureAvailability(what, conditions);
      if (feature.enabled) return { allowed: true };
      const { reason, connections, message } = feature;
      return { allowed: false, reason, connections, message, code: code(reason) };
    }
    const missing = [
      ...(status.advertising?.data.state === 'populating' ? (status.advertising.data.missing ?? []) : []),
      ...(status.sellerCentral?.data.state === 'populating' ? (status.sellerCentral.data.missing ?? []) : []),
    ];
    const metric = metricAvailability(what, conditions, missing);
    if (metric.state === 'available') return { allowed: true };
    if (metric.state === 'populating') {
      return {
        allowed: false,
        reason: 'populating',
        connections: metric.waitingFor,
        message: `${metricCatalogue[what].label} appears once Amazon's first data has arrived.`,
        code: 'data_slow',
      };
    }
    return {
      allowed: false,
      reason: metric.reason,
      connections: metric.connections,
      message: metric.message,
      code: code(metric.reason),
    };
  }
  return {
    check,
    async require(subscriptionId, what) {
      const decision = await check(subscriptionId, what);
      if (!decision.allowed) throw new ConnectionsError(decision.code, { detail: decision.message });
    },
  };
}
