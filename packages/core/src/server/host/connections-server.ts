import type { ConnectionHistoryEntry, ConnectionsStatus, MetricsResponse } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { type ConnectionsHandler, createConnectionsRuntime } from '../http/connections-handler';
import type { ConnectionsHandlerOptions } from '../http/connections-handler-options';
import { historyEntry } from '../http/history-entry';
import { createEngineLog } from '../http/structured-log';
import { buildStatus } from '../metrics/connections-status';
import type { AccessRecord, EraseResult } from '../storage/connection-store';
import { type AmazonAccess, createAmazonAccess } from './amazon-access';
import { type ConnectionEvents, createConnectionEvents, notifyingStore } from './connection-events';
import { createFeatureGate, type FeatureGate } from './feature-gate';
import { createHealthChecks, type HealthChecks } from './health-checks';
import { createRetention, type Retention, type RetentionLimits } from './retention';

/**
 * Options of {@link createConnectionsServer}: the handler's options, plus how often to look for events written
 * by other app servers sharing the store.
 *
 * @example
 * ```ts
 * const options: ConnectionsServerOptions = { ...handlerOptions, eventPollMs: 1_000 };
 * ```
 */
export interface ConnectionsServerOptions extends ConnectionsHandlerOptions {
  /**
   * Also deliver to `events.subscribe` listeners the events other servers recorded, polling this often (ms).
   * 0: only the events of this server's own changes (one app server). @default 0
   */
  readonly eventPollMs?: number;
  /** How long data is kept by `retention.run()` (each limit defaults as in `defaultRetentionLimits`). */
  readonly retention?: Partial<RetentionLimits>;
}

/**
 * The subscription's connection history, newest first (who did what, when, from which request).
 *
 * @example
 * ```ts
 * const entries = await server.history.list('sub_42', { limit: 20 });
 * ```
 */
export interface ConnectionHistory {
  list(subscriptionId: string, options?: { limit?: number }): Promise<ConnectionHistoryEntry[]>;
}

/**
 * The access audit: every use of a connection's tokens by the host's code, per subscription.
 *
 * @example
 * ```ts
 * const entries = await server.accessAudit.list('sub_42', { limit: 100 }); // newest first
 * ```
 */
export interface AccessAudit {
  list(subscriptionId: string, options?: { limit?: number }): Promise<AccessRecord[]>;
}

/**
 * The connections engine for the whole host: the browser's `handler`, and for the host's own routes and jobs
 * `amazon` (authorized Amazon calls), `gate` (may this subscription run Rules / Apply / show TACoS now),
 * `events` (subscribe, and an outbox read from a cursor), `history` and `healthChecks`.
 *
 * @example
 * ```ts
 * import { createConnectionsServer, createSqliteStore } from '@smart-ads/core/server';
 *
 * const server = createConnectionsServer({ ...handlerOptions, store: await createSqliteStore({ filename: './amazon.db' }) });
 * await server.gate.require('sub_42', 'applyActions');
 * const ads = await server.amazon.connect('sub_42', 'advertising');
 * server.events.subscribe((event) => console.log(event.type, event.subscriptionId));
 * ```
 */
export interface ConnectionsServer {
  readonly handler: ConnectionsHandler;
  readonly amazon: AmazonAccess;
  readonly gate: FeatureGate;
  readonly events: ConnectionEvents;
  readonly history: ConnectionHistory;
  /** Who used which connection's tokens for which Amazon endpoint family, and when (`amazon.connect` calls). */
  readonly accessAudit: AccessAudit;
  readonly healthChecks: HealthChecks;
  /**
   * The dashboard's figures for a date range (`YYYY-MM-DD`, inclusive), from the same report cache as
   * `GET /metrics`: what the host's rules evaluate.
   */
  metrics(subscriptionId: string, range: { from: string; to: string }): Promise<MetricsResponse>;
  /**
   * Erases everything of a subscription (Amazon's Data Protection Policy: a seller who leaves, or asks): its
   * connections and sealed tokens, OAuth transactions, cached reports, events and history and the access audit,
   * in one database transaction, and the tokens cached in this server's memory. Records a final `erased` event
   * without personal data (delivered to `events.subscribe` and the outbox). Idempotent: a second call deletes
   * nothing and answers `{ rows: 0, event: null }`. Login with Amazon offers no API to revoke a refresh token,
   * so nothing is sent to Amazon: the erased tokens are gone from your side, and the seller can remove the app
   * in their Amazon account.
   *
   * @example
   * ```ts
   * const { rows, event } = await server.erase('sub_42'); // event.type === 'erased'
   * ```
   */
  erase(subscriptionId: string): Promise<EraseResult>;
  /** The retention job: deletes cached reports, OAuth transactions, events and access audit past their limits. */
  readonly retention: Retention;
  /**
   * The subscription's status exactly as `GET /status` answers it, read in-process (no HTTP round trip): what a
   * server-rendered page puts in its first HTML and hands to the browser engine as `initialStatus`.
   * `accountLimit` is the plan's, as `getSubscription` gives it (default 1).
   *
   * @example
   * ```ts
   * const status = await server.status('sub_42');
   * // <ConnectionsProvider options={{ baseUrl: '/api/amazon', initialStatus: status }}>
   * ```
   */
  status(subscriptionId: string, options?: { accountLimit?: number }): Promise<ConnectionsStatus>;
  /** Stops the event polling timer (the store is the host's to close). */
  close(): void;
}

/**
 * Creates the {@link ConnectionsServer}: one engine (one token cache, one store) behind the handler and the
 * host's own code. `createConnectionsHandler` stays the way to mount the browser's routes alone.
 *
 * @example
 * ```ts
 * const server = createConnectionsServer(options);
 * http.createServer(toNodeListener(server.handler));
 * ```
 */
export function createConnectionsServer(options: ConnectionsServerOptions): ConnectionsServer {
  const logger = createEngineLog({
    ...(options.log ? { log: options.log } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let events: ConnectionEvents | undefined;
  const store = notifyingStore(options.store, () => {
    events?.deliver().catch(() => undefined);
  });
  events = createConnectionEvents({ store: options.store, logger, pollMs: options.eventPollMs ?? 0 });
  const runtime = createConnectionsRuntime({ ...options, store });
  const feed = events;
  const retention = createRetention(
    async () => (await runtime.engine()).store,
    async () => (await runtime.engine()).now(),
    options.retention,
  );
  return {
    handler: runtime.handler,
    amazon: createAmazonAccess(runtime.engine),
    gate: createFeatureGate(options.store),
    events: feed,
    history: {
      async list(subscriptionId, listOptions = {}) {
        const limit = Math.min(1_000, Math.max(1, listOptions.limit ?? 50));
        return (await options.store.listHistory(subscriptionId, limit)).map(historyEntry);
      },
    },
    accessAudit: {
      async list(subscriptionId, listOptions = {}) {
        const limit = Math.min(1_000, Math.max(1, listOptions.limit ?? 50));
        return (await runtime.engine()).store.listAccess(subscriptionId, limit);
      },
    },
    healthChecks: createHealthChecks(runtime.engine),
    async metrics(subscriptionId, range) {
      const engine = await runtime.engine();
      return engine.metrics.forRange(
        subscriptionId,
        await engine.store.listConnections(subscriptionId),
        range,
      );
    },
    async erase(subscriptionId) {
      if (typeof subscriptionId !== 'string' || subscriptionId === '') {
        throw new ConnectionsError('invalid_request', { detail: 'erase needs a subscription id.' });
      }
      const engine = await runtime.engine();
      const result = await engine.store.eraseSubscription(subscriptionId, engine.now());
      for (const authorizationId of result.authorizationIds) engine.tokens.forget(authorizationId);
      return result;
    },
    retention,
    async status(subscriptionId, statusOptions = {}) {
      const engine = await runtime.engine();
      const subscription = { id: subscriptionId, accountLimit: statusOptions.accountLimit ?? 1 };
      return buildStatus(engine.store, subscription, await engine.store.listConnections(subscriptionId));
    },
    close: () => feed.close(),
  };
}
