'use client';

import '@smart-ads/example-react-dashboard/src/styles.css';
import type { ConnectionsStatus } from '@smart-ads/core';
import { App } from '@smart-ads/example-react-dashboard/src/App';
import type { AppConfig } from '@smart-ads/example-react-dashboard/src/app-config';
import { AppServicesContext } from '@smart-ads/example-react-dashboard/src/app-context';
import { createRouter, type Router } from '@smart-ads/example-react-dashboard/src/router';
import { ConnectionsProvider, type MetricsRange } from '@smart-ads/react';
import { StrictMode, useState } from 'react';

/** What the server page hands the interactive part. */
export interface DashboardAppProps {
  /** The path being rendered (the server has no `window.location`). */
  readonly path: string;
  readonly config: AppConfig;
  /** The reporting period, decided once on the server so the browser renders the same figures. */
  readonly range: MetricsRange;
  /** The subscription's status as the server read it for this request. */
  readonly status: ConnectionsStatus | null;
}

/** On the server: a router that only knows the path being rendered. */
function serverRouter(path: string): Router {
  return {
    getPath: () => path,
    subscribe: () => () => {},
    navigate: () => {},
    replace: () => {},
  };
}

/**
 * The same dashboard as the Vite example (its `App` and components, shared, not copied) inside Next.js: the
 * engine's provider started from the status the server read (so the server's HTML and the hydrating render agree),
 * the example's router over `window.history` (Next.js keeps its own router in step with `pushState`), and the
 * settings the server page read.
 */
export function DashboardApp({ path, config, range, status }: DashboardAppProps) {
  const [router] = useState(() => (typeof window === 'undefined' ? serverRouter(path) : createRouter()));
  return (
    <StrictMode>
      <AppServicesContext.Provider value={{ config, router }}>
        <ConnectionsProvider
          options={{
            baseUrl: '/api/amazon',
            // The server's HTML already shows these connections; the engine starts from them (no "Loading…").
            initialStatus: status,
            dataSlowAfterMs: config.dataSlowAfterMs,
            statusPollMs: config.statusPollMs,
            supportUrl: config.supportUrl,
            onReturn: (to) => router.replace(to),
          }}
          metricsRefreshMs={config.metricsPollMs}
          metricsRange={range}
        >
          <App />
        </ConnectionsProvider>
      </AppServicesContext.Provider>
    </StrictMode>
  );
}
