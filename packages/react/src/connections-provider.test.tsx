import {
  type Connections,
  ConnectionsProvider,
  createConnections,
  createHttpTransport,
  useConnectionsEngine,
  useConnectionsView,
} from '@smart-ads/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend, server, visit } from '../test/amazon-backend';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

function Phase() {
  const view = useConnectionsView();
  return <p>phase: {view.phase}</p>;
}

/** Hands the provider's engine to the test. */
function Engine({ found }: { found: (engine: Connections) => void }) {
  found(useConnectionsEngine());
  return null;
}

describe('ConnectionsProvider', () => {
  let backend: Backend;
  let statusRequests: number;
  const onRequest = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname === '/api/amazon/status') statusRequests++;
  };
  beforeEach(async () => {
    visit('/dashboard');
    backend = await createBackend();
    statusRequests = 0;
    server.events.on('request:start', onRequest);
  });
  afterEach(async () => {
    server.events.removeListener('request:start', onRequest);
    cleanup();
    await backend.close();
  });

  it('in StrictMode starts one engine: the status is loaded once', async () => {
    render(
      <StrictMode>
        <ConnectionsProvider options={{ transport: backend.transport, environment: backend.environment() }}>
          <Phase />
        </ConnectionsProvider>
      </StrictMode>,
    );
    await screen.findByText('phase: ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusRequests).toBe(1);
  });

  it('stops the engine it created when unmounted, and never stops one the host made', async () => {
    let created: Connections | null = null;
    const owned = render(
      <ConnectionsProvider options={{ transport: backend.transport, environment: backend.environment() }}>
        <Phase />
        <Engine found={(engine) => (created = engine)} />
      </ConnectionsProvider>,
    );
    await screen.findByText('phase: ready');
    const engine = created as Connections | null;
    expect(engine?.actor.getSnapshot().status).toBe('active');
    owned.unmount();
    await waitFor(() => expect(engine?.actor.getSnapshot().status).toBe('stopped'));

    const connections = createConnections({
      transport: createHttpTransport({
        baseUrl: `${window.location.origin}/api/amazon`,
        headers: { 'x-subscription': 'sub_react' },
      }),
      environment: backend.environment(),
      start: false,
    });
    const hosted = render(
      <StrictMode>
        <ConnectionsProvider connections={connections}>
          <Phase />
        </ConnectionsProvider>
      </StrictMode>,
    );
    await screen.findByText('phase: ready');
    hosted.unmount();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connections.actor.getSnapshot().status).toBe('active');
    connections.stop();
  });

  it('hooks outside the provider say what is missing', () => {
    expect(() => render(<Phase />)).toThrow('inside <ConnectionsProvider>');
  });

  it('a provider whose status cannot be loaded shows load_failed', async () => {
    const failing = createHttpTransport({ baseUrl: `${window.location.origin}/api/amazon`, retries: 0 });
    render(
      <ConnectionsProvider options={{ transport: failing, environment: backend.environment() }}>
        <Phase />
      </ConnectionsProvider>,
    );
    await waitFor(() => expect(screen.getByText(/phase:/).textContent).toBe('phase: load_failed'));
  });
});
