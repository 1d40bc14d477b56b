// Test support: renders a page of the app inside the provider, optionally in StrictMode.
import { ConnectionsProvider, type CreateConnectionsOptions, type MetricsRange } from '@smart-ads/react';
import { render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import type { Backend } from './amazon-backend';

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** The last 28 days before today (the mock's clock runs from now). */
export const range: MetricsRange = { from: day(28), to: day(1) };

export function renderPage(
  backend: Backend,
  ui: ReactNode,
  options: { strict: boolean; settings?: Partial<CreateConnectionsOptions> },
) {
  const page = (
    <ConnectionsProvider
      options={{
        transport: backend.transport,
        environment: backend.environment(),
        statusPollMs: 40,
        ...options.settings,
      }}
      metricsRange={range}
    >
      {ui}
    </ConnectionsProvider>
  );
  return render(options.strict ? <StrictMode>{page}</StrictMode> : page);
}
