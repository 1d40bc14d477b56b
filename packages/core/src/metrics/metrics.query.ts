import type { ErrorCode } from '../contract/error-codes';
import type { MetricsResponse } from '../contract/types';
import { toConnectionsError } from '../errors/to-connections-error';
import type { Connections } from '../machine/connections.create';
import type { MetricsRange } from '../transport/transport.types';

/** Why the last load failed: stable code, human message, whether a retry can help. */
export interface MetricsQueryError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

/** What the dashboard knows about the figures of the current range. */
export interface MetricsQueryState {
  /** The range being shown; `null` until one is set. */
  readonly range: MetricsRange | null;
  /**
   * The marketplace `data` is for (a `marketplaceId` or `'all'`): the range's own, else the engine's selected
   * marketplace; `null` for the server's home marketplace (no marketplace listed yet).
   */
  readonly marketplace: string | null;
  /** `idle`: nothing to load (no range, status not loaded, nothing connected); `loading`; `success`; `error`. */
  readonly status: 'idle' | 'loading' | 'success' | 'error';
  /** The figures of `range`, possibly from before the last connection change (see `stale`). */
  readonly data: MetricsResponse | null;
  /** `data` was loaded before a connection changed: a reload is running or failed. */
  readonly stale: boolean;
  readonly error: MetricsQueryError | null;
}

/** Options of {@link createMetricsQuery}. */
export interface MetricsQueryOptions {
  /**
   * The first range to load.
   * @default null (nothing is loaded until `setRange`)
   */
  readonly range?: MetricsRange | null;
  /**
   * While the server answers some figure as `populating`, how often the range is loaded again. Milliseconds.
   * @default the engine's `statusPollMs` (30000)
   */
  readonly pollMs?: number;
  /**
   * Once every figure has arrived, how often the range is loaded again. The server only learns that Amazon
   * stopped answering (a password change, revoked access: rule 6) when it calls Amazon, so asking now and then is
   * what makes a stale connection show without a reload of the page. `null` turns it off. Milliseconds.
   * @default 300000 (5 minutes)
   */
  readonly refreshMs?: number | null;
}

/** A small subscribable store of the figures loaded through `connections.loadMetrics`. */
export interface MetricsQuery {
  /** The current state (the same object until something changes). */
  getState(): MetricsQueryState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Shows another range: from the cache when it is fresh, else loaded. A range without `marketplace` follows the
   * engine's selected marketplace (`view.selectMarketplace`).
   */
  setRange(range: MetricsRange | null): void;
  /** Loads the current range again. */
  reload(): void;
  /** Starts following the connections (loads on connect, reconnect, disconnect and data arrival). */
  start(): void;
  /** Stops following them; a load in flight is ignored. */
  stop(): void;
}

interface CacheEntry {
  readonly data: MetricsResponse;
  readonly signature: string;
}

const idle: MetricsQueryState = {
  range: null,
  marketplace: null,
  status: 'idle',
  data: null,
  stale: false,
  error: null,
};

function rangeKey(range: MetricsRange): string {
  return `${range.from}/${range.to}/${range.marketplace ?? ''}`;
}

function queryError(error: unknown): MetricsQueryError {
  const { code, message, retryable } = toConnectionsError(error);
  return { code, message, retryable };
}

/** Some figure is still on its way: of the answer, or (all marketplaces) of one marketplace or one currency. */
function isPopulating(data: MetricsResponse): boolean {
  const tables = [
    data,
    ...(data.totals ?? []),
    ...(data.marketplaces ?? []).map((entry) => ({ metrics: entry.metrics, asins: [] })),
  ];
  return tables.some(
    ({ metrics, asins }) =>
      Object.values(metrics).some((value) => value?.reason === 'populating') ||
      asins.some((row) =>
        [row.adSpend, row.totalSales, row.tacos].some((value) => value.reason === 'populating'),
      ),
  );
}

/**
 * What the figures depend on: `null` while status is not loaded or nothing is connected, else the condition and
 * `connectedAt` of both connections (a reconnect, a disconnect, data arriving or a stale connection change it).
 */
function signatureOf(connections: Pick<Connections, 'getSnapshot' | 'getView'>): string | null {
  const view = connections.getView();
  if (view.phase !== 'ready') return null;
  const advertising = view.advertising.condition;
  const sellerCentral = view.sellerCentral.condition;
  if (advertising === 'disconnected' && sellerCentral === 'disconnected') return null;
  const status = connections.getSnapshot().context.status;
  return [
    advertising,
    status?.advertising?.connectedAt ?? '',
    sellerCentral,
    status?.sellerCentral?.connectedAt ?? '',
  ].join('|');
}

/** The marketplace the figures of `range` are for: its own, else the engine's selected one. */
function marketplaceOf(range: MetricsRange | null, connections: Pick<Connections, 'getView'>): string | null {
  return range?.marketplace ?? connections.getView().selectedMarketplace;
}

/**
 * Loads and caches the figures of `GET /metrics` for a dashboard, following the connections: a connect, a
 * reconnect, a disconnect, data arriving or a connection going stale marks every cached range stale and reloads
 * the one shown (keeping its old figures meanwhile, flagged `stale`). While the server answers a figure as
 * `populating`, the range is loaded again every `pollMs`. Ranges are cached, so going back to one is instant
 * while nothing changed. The figures are for the engine's selected marketplace and cached per marketplace:
 * switching back shows the cached figures at once, and an answer that arrives after the seller switched never
 * shows under the new marketplace. Framework-free: React and other hosts only subscribe.
 *
 * @example
 * ```ts
 * import { createConnections, createMetricsQuery } from '@smart-ads/core';
 * const connections = createConnections({ baseUrl: '/api/amazon' });
 * const metrics = createMetricsQuery(connections, { range: { from: '2026-11-01', to: '2026-11-30' } });
 * metrics.subscribe(() => render(metrics.getState().data));
 * metrics.start();
 * ```
 */
export function createMetricsQuery(
  connections: Pick<Connections, 'getSnapshot' | 'getView' | 'subscribe' | 'loadMetrics'>,
  options: MetricsQueryOptions = {},
): MetricsQuery {
  const cache = new Map<string, CacheEntry>();
  const listeners = new Set<() => void>();
  let state: MetricsQueryState = { ...idle, range: options.range ?? null };
  let signature: string | null = null;
  let marketplace: string | null = null;
  let request = 0;
  let unsubscribe: (() => void) | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  const pollMs = options.pollMs ?? connections.getSnapshot().context.deps.settings.statusPollMs;
  const refreshMs = options.refreshMs === undefined ? 300_000 : options.refreshMs;

  const stopPolling = () => {
    if (pollTimer !== null) clearTimeout(pollTimer);
    pollTimer = null;
  };

  /** Loads again later: soon while figures are populating, every `refreshMs` once they have all arrived. */
  const scheduleNext = (data: MetricsResponse) => {
    const wait = isPopulating(data) ? pollMs : refreshMs;
    if (wait !== null) pollTimer = setTimeout(() => load(true), wait);
  };

  const set = (next: MetricsQueryState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const load = (force: boolean) => {
    stopPolling();
    const range = state.range;
    marketplace = marketplaceOf(range, connections);
    if (!range || signature === null || !unsubscribe) {
      request++;
      if (state.status !== 'idle' || state.data !== null) set({ ...idle, range, marketplace });
      return;
    }
    const asked: MetricsRange = marketplace === null ? range : { ...range, marketplace };
    const key = rangeKey(asked);
    const cached = cache.get(key);
    const shown = { range, marketplace };
    if (cached && cached.signature === signature && !force) {
      request++;
      set({ ...shown, status: 'success', data: cached.data, stale: false, error: null });
      scheduleNext(cached.data);
      return;
    }
    const id = ++request;
    const wanted = signature;
    set({
      ...shown,
      status: 'loading',
      data: cached?.data ?? null,
      stale: cached !== undefined,
      error: null,
    });
    connections.loadMetrics(asked).then(
      (data) => {
        cache.set(key, { data, signature: wanted });
        // A later load (another range, another marketplace, a reload) owns the state now.
        if (id !== request) return;
        set({ ...shown, status: 'success', data, stale: wanted !== signature, error: null });
        scheduleNext(data);
      },
      (error: unknown) => {
        if (id !== request) return;
        set({ ...state, status: 'error', error: queryError(error), stale: state.data !== null });
      },
    );
  };

  const follow = () => {
    const next = signatureOf(connections);
    if (next === signature && marketplaceOf(state.range, connections) === marketplace) return;
    signature = next;
    load(false);
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setRange(range) {
      if (range && state.range && rangeKey(range) === rangeKey(state.range)) return;
      state = { ...state, range };
      load(false);
    },
    reload() {
      load(true);
    },
    start() {
      if (unsubscribe) return;
      unsubscribe = connections.subscribe(follow);
      signature = signatureOf(connections);
      load(false);
    },
    stop() {
      stopPolling();
      unsubscribe?.();
      unsubscribe = null;
      request++;
    },
  };
}
