import {
  type Connections,
  type CreateConnectionsOptions,
  createConnections,
  createMetricsQuery,
  defaultEnvironment,
  type MetricsRange,
} from '@smart-ads/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ConnectionsContext, type ConnectionsContextValue, type ReturnStore } from './connections-context';

/** Props of {@link ConnectionsProvider}: the engine's options, or an engine the host made. */
export type ConnectionsProviderProps = {
  readonly children?: ReactNode;
  /**
   * The date range of the figures (`GET /metrics`). Changing it shows the cached figures of the new range or
   * loads them.
   * @default null (no figures are loaded; availability, dashes and "populating" still show)
   */
  readonly metricsRange?: MetricsRange | null;
  /**
   * How often figures that have all arrived are loaded again (see `createMetricsQuery`'s `refreshMs`): this is
   * what shows a connection that went stale on Amazon's side while the page stays open. `null` turns it off.
   * @default 300000 (5 minutes)
   */
  readonly metricsRefreshMs?: number | null;
} & (
  | {
      /**
       * Options of `createConnections` (a `transport` or a `baseUrl`, `mode: 'popup'`, `supportUrl`…). Read once,
       * on the first render; the provider owns the engine it creates (starts it, stops it on unmount).
       */
      readonly options: CreateConnectionsOptions;
      readonly connections?: never;
    }
  | {
      /** An engine the host created (`createConnections`); the provider starts it if needed and never stops it. */
      readonly connections: Connections;
      readonly options?: never;
    }
);

interface Engine extends ConnectionsContextValue {
  readonly owned: boolean;
}

function createReturnStore(): ReturnStore {
  let path: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => path,
    set(next) {
      path = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function createEngine(props: ConnectionsProviderProps): Engine {
  const returned = createReturnStore();
  const range = props.metricsRange ?? null;
  let connections: Connections;
  if (props.connections) {
    connections = props.connections;
  } else {
    const { onReturn, environment: given, ...options } = props.options;
    const environment = given ?? defaultEnvironment();
    connections = createConnections({
      ...options,
      environment,
      // Created stopped: StrictMode may render twice, only the kept engine is started (in an effect).
      start: false,
      onReturn: (path) => {
        (onReturn ?? environment.replaceUrl)(path);
        returned.set(path);
      },
    });
  }
  return {
    connections,
    metrics: createMetricsQuery(connections, {
      range,
      ...(props.metricsRefreshMs !== undefined ? { refreshMs: props.metricsRefreshMs } : {}),
    }),
    callbackKind: connections.getView().callbackKind,
    returned,
    owned: !props.connections,
  };
}

/**
 * Makes the connections engine available to the hooks below it. Give it `options` (it creates the engine, with
 * the browser's environment when there is a `window`) or an engine you created (`connections`). Safe in server
 * rendering (nothing starts before an effect) and in StrictMode (one started engine; the simulated unmount does
 * not stop it, so an Amazon callback in the URL is exchanged once).
 *
 * @example
 * ```tsx
 * import { ConnectionsProvider } from '@smart-ads/react';
 *
 * export function App() {
 *   return (
 *     <ConnectionsProvider
 *       options={{ baseUrl: '/api/amazon', mode: 'popup', supportUrl: '/support' }}
 *       metricsRange={{ from: '2026-11-01', to: '2026-11-30' }}
 *     >
 *       <Dashboard />
 *     </ConnectionsProvider>
 *   );
 * }
 * ```
 */
export function ConnectionsProvider(props: ConnectionsProviderProps): ReactNode {
  const [engine] = useState(() => createEngine(props));
  const stopTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const from = props.metricsRange?.from;
  const to = props.metricsRange?.to;

  useEffect(() => {
    if (stopTimer.current !== null) clearTimeout(stopTimer.current);
    stopTimer.current = null;
    engine.connections.start();
    engine.metrics.start();
    return () => {
      engine.metrics.stop();
      // Deferred: StrictMode's simulated unmount is followed at once by a remount, which cancels it.
      if (engine.owned) stopTimer.current = setTimeout(() => engine.connections.stop(), 0);
    };
  }, [engine]);

  useEffect(() => {
    engine.metrics.setRange(from !== undefined && to !== undefined ? { from, to } : null);
  }, [engine, from, to]);

  return <ConnectionsContext.Provider value={engine}>{props.children}</ConnectionsContext.Provider>;
}
