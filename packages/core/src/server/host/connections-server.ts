import type { ConnectionHistoryEntry, MetricsResponse } from '../../contract/types';
import { type ConnectionsHandler, createConnectionsRuntime } from '../http/connections-handler';
import type { ConnectionsHandlerOptions } from '../http/connections-handler-options';
import { historyEntry } from '../http/history-entry';
import { type AmazonAccess, createAmazonAccess } from './amazon-access';
import { type ConnectionEvents, createConnectionEvents, notifyingStore } from './connection-events';
import { createFeatureGate, type FeatureGate } from './feature-gate';
import { createHealthChecks, type HealthChecks } from './health-checks';

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
  readonly healthChecks: HealthChecks;
  /**
   * The dashboard's figures for a date range (`YYYY-MM-DD`, inclusive), from the same report cache as
   * `GET /metrics`: what the host's rules evaluate.
   */
  metrics(subscriptionId: string, range: { from: string; to: string }): Promise<MetricsResponse>;
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
  const logger = options.logger ?? {
    warn: (message: string) => console.warn(`[smart-ads] ${message}`),
    error: (message: string) => console.error(`[smart-ads] ${message}`),
  };
  let events: ConnectionEvents | undefined;
  const store = notifyingStore(options.store, () => {
    events?.deliver().catch(() => undefined);
  });
  events = createConnectionEvents({ store: options.store, logger, pollMs: options.eventPollMs ?? 0 });
  const runtime = createConnectionsRuntime({ ...options, store, logger });
  const feed = events;
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
    healthChecks: createHealthChecks(runtime.engine),
    async metrics(subscriptionId, range) {
      const engine = await runtime.engine();
      return engine.metrics.forRange(
        subscriptionId,
        await engine.store.listConnections(subscriptionId),
        range,
      );
    },
    close: () => feed.close(),
  };
}
