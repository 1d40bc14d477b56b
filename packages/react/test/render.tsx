// Test support: renders a page of the app inside the provider, optionally in StrictMode.
import { ConnectionsProvider, type CreateConnectionsOptions, type MetricsRange } from '@smart-ads/react';
import { render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import type { Backend } from './amazon-backend';

export const range: MetricsRange = { from: '2026-10-01', to: '2026-10-31' };

export function renderPage(
  backend: Backend,
  ui: ReactNode,
  options: { strict: boolean; settings?: Partial<CreateConnectionsOptions> },
) {
  const page = (
    <ConnectionsProvider
      options={{ transport: backend.transport, environment: backend.environment(), statusPollMs: 40, ...options.settings }}
      metricsRange={range}
    >
      {ui}
    </ConnectionsProvider>
  );
  return render(options.strict ? <StrictMode>{page}</StrictMode> : page);
}
