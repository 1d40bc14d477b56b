import { type Actor, createActor } from 'xstate';
import { connectionsStatusSchema } from '../contract/schemas';
import type { AmazonRegion, ConnectionKind, ConnectionsStatus, MetricsResponse } from '../contract/types';
import { defaultEnvironment } from '../environment/environment.browser';
import type { ConnectionsEnvironment } from '../environment/environment.types';
import { metricCatalogue } from '../metrics/metrics.catalogue';
import { parseCallbackUrl, stripCallbackParams } from '../oauth/callback.parse';
import { callbackKind } from '../oauth/callback.resolve';
import { createTransactionStore } from '../oauth/transaction.store';
import { createHttpTransport } from '../transport/transport.http';
import type { MetricsRange, Transport } from '../transport/transport.types';
import { type ConnectionsSnapshot, type ConnectionsView, connectionsView } from './connections.connect';
import { connectionsMachine } from './connections.machine';
import { readMarketplaceChoice } from './connections.marketplace';
import { sellerCentralRegions } from './connections.rules';
import type { ConnectionsEvent, ConnectionsSettings, IncomingCallback } from './connections.types';

/**
 * Options of {@link createConnections}: a transport (or a `baseUrl`), an environment and any setting.
 *
 * @example
 * ```ts
 * const options: CreateConnectionsOptions = { baseUrl: '/api/amazon', mode: 'popup', supportUrl: '/support' };
 * ```
 */
export interface CreateConnectionsOptions extends Partial<ConnectionsSettings> {
  /**
   * The backend. Give this or `baseUrl`.
   * @default createHttpTransport({ baseUrl })
   */
  readonly transport?: Transport;
  /** Where the backend handler is mounted, for the default HTTP transport (e.g. `/api/amazon`). */
  readonly baseUrl?: string;
  /**
   * The browser APIs.
   * @default createBrowserEnvironment() with a window, an in-memory one without
   */
  readonly environment?: ConnectionsEnvironment;
  /**
   * Start the actor (load status, complete a callback in the URL) right away.
   * @default true
   */
  readonly start?: boolean;
  /**
   * The status the server half already answered for this page (a server-rendered host reads it in-process and
   * hands it to the browser): the engine starts ready with it instead of showing "loading" while it fetches it
   * again, so the server's HTML and the first browser render agree. It is checked against the contract; then
   * kept fresh by the usual status polling.
   *
   * @example
   * ```ts
   * // In a Next.js server component: const status = await serverStatus(); then, in the client component:
   * createConnections({ baseUrl: '/api/amazon', initialStatus: status });
   * ```
   */
  readonly initialStatus?: ConnectionsStatus | null;
}

/**
 * A running connections engine.
 *
 * @example
 * ```ts
 * const connections: Connections = createConnections({ baseUrl: '/api/amazon' });
 * const off = connections.subscribe((view) => render(view));
 * ```
 */
export interface Connections {
  /** The XState actor, for `@xstate/react` or inspection. */
  readonly actor: Actor<typeof connectionsMachine>;
  /** The current snapshot. */
  getSnapshot(): ConnectionsSnapshot;
  /** The view model of the current snapshot (the same object until the snapshot changes). */
  getView(): ConnectionsView;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (view: ConnectionsView) => void): () => void;
  /** Sends an event to the machine. */
  send(event: ConnectionsEvent): void;
  /**
   * Loads metrics through the transport. A figure the server reports as `stale` marks its connection stale
   * (rule 6: the connection shows as stale with reconnect as the action).
   */
  loadMetrics(range: MetricsRange): Promise<MetricsResponse>;
  /** Starts the actor (when created with `start: false`). */
  start(): void;
  /** Stops the actor and its timers. */
  stop(): void;
}

function checkedInitialStatus(value: unknown): ConnectionsStatus {
  const checked = connectionsStatusSchema.safeParse(value);
  if (checked.success) return checked.data;
  const where = checked.error.issues[0]?.path.join('.') || '(root)';
  throw new TypeError(`initialStatus is not a status answer of the server half (at ${where})`);
}

function incomingCallback(environment: ConnectionsEnvironment): IncomingCallback | null {
  const parsed = parseCallbackUrl(environment.currentUrl());
  if (!parsed) return null;
  const store = createTransactionStore(environment.storage, () => environment.now());
  return { kind: callbackKind(parsed, store), parsed, fromPopup: false };
}

/**
 * Creates and starts the connections engine: the main entry for a host without React. When the page is Amazon's
 * return (the URL has `code`/`spapi_oauth_code`/`error` and `state`), the callback is completed on start.
 *
 * @example
 * ```ts
 * import { createConnections } from '@smart-ads/core';
 * const connections = createConnections({ baseUrl: '/api/amazon', supportUrl: '/support' });
 * connections.subscribe((view) => render(view));
 * button.onclick = () => connections.getView().advertising.connect();
 * ```
 */
export function createConnections(options: CreateConnectionsOptions): Connections {
  const {
    transport: givenTransport,
    baseUrl,
    environment: givenEnvironment,
    start = true,
    initialStatus,
    ...settings
  } = options;
  const transport = givenTransport ?? (baseUrl !== undefined ? createHttpTransport({ baseUrl }) : null);
  if (!transport) throw new TypeError('createConnections needs a transport or a baseUrl');
  const environment = givenEnvironment ?? defaultEnvironment();
  const callback = incomingCallback(environment);
  const status = initialStatus ? checkedInitialStatus(initialStatus) : null;
  const actor = createActor(connectionsMachine, {
    input: { transport, environment, settings, callback, status },
  });
  let cachedSnapshot: ConnectionsSnapshot | null = null;
  let cachedView: ConnectionsView | null = null;
  const send = (event: ConnectionsEvent) => actor.send(event);
  const getView = () => {
    const snapshot = actor.getSnapshot();
    if (snapshot !== cachedSnapshot || !cachedView) {
      cachedSnapshot = snapshot;
      cachedView = connectionsView(snapshot, send);
    }
    return cachedView;
  };
  let started = false;
  const connections: Connections = {
    actor,
    getSnapshot: () => actor.getSnapshot(),
    getView,
    subscribe(listener) {
      const subscription = actor.subscribe(() => listener(getView()));
      return () => subscription.unsubscribe();
    },
    send,
    async loadMetrics(range) {
      // The connections these figures are for: a stale answer is about them, not about a reconnect made meanwhile.
      const askedFor = actor.getSnapshot().context.status;
      const response = await transport.getMetrics(range);
      const staleKinds = new Set<ConnectionKind>();
      for (const [key, value] of Object.entries(response.metrics)) {
        if (value?.reason !== 'stale') continue;
        const definition = metricCatalogue[key as keyof typeof metricCatalogue];
        if (definition?.requires.length === 1 && definition.requires[0])
          staleKinds.add(definition.requires[0]);
      }
      for (const kind of staleKinds) {
        const { marketplace } = response;
        const region = marketplace && marketplace !== 'all' ? marketplace.region : undefined;
        const connectedAt = staleConnectedAt(askedFor, kind, region);
        if (connectedAt) actor.send({ type: 'STALE_DETECTED', kind, connectedAt });
      }
      // The server knows more than these figures say (its status has the stale mark): catch up at once.
      if (staleKinds.size) actor.send({ type: 'REFRESH' });
      return response;
    },
    start() {
      if (started) return;
      started = true;
      // The code leaves the address bar and history on start, even if the status fails to load and the exchange
      // never begins. Not at creation: creating an engine must have no side effect (StrictMode creates two).
      if (callback) environment.replaceUrl(stripCallbackParams(environment.currentUrl()));
      actor.start();
      // The seller's marketplace choice comes back on start, not at creation: a server-rendered page (which has
      // no storage) and the browser's first render both show the home marketplace, so hydration agrees.
      const marketplace = readMarketplaceChoice(environment.storage);
      if (marketplace) actor.send({ type: 'SELECT_MARKETPLACE', marketplace });
    },
    stop() {
      actor.stop();
    },
  };
  if (start) connections.start();
  return connections;
}

/**
 * Which authorisation a `stale` figure is about: Advertising's, or the Seller Central authorisation of the answer's
 * region (Amazon authorises Seller Central per region). An all-marketplaces answer over several regions does not
 * say which one: nothing is marked, and the status refresh that follows names it.
 */
function staleConnectedAt(
  status: ConnectionsStatus | null,
  kind: ConnectionKind,
  region: AmazonRegion | undefined,
): string | undefined {
  if (kind === 'advertising') return status?.advertising?.connectedAt;
  const regions = sellerCentralRegions(status);
  if (regions.length <= 1) return regions[0]?.connectedAt;
  return regions.find((entry) => entry.region === region)?.connectedAt;
}
