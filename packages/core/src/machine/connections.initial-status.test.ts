import { describe, expect, it } from 'vitest';
import {
  advertisingConnection,
  createFakeBackend,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { flush } from '../../test/harness';
import { createMemoryEnvironment } from '../environment/environment.memory';
import { createConnections } from './connections.create';

// A server-rendered host reads the status in-process and hands it to the engine in the browser: the page's first
// render (on the server, then while hydrating) must already show the connections, and agree on both sides.
describe('starting from the status the server read (initialStatus)', () => {
  const connected = statusOf(advertisingConnection(), sellerCentralConnection({ data: 'populating' }));

  it('shows the connections before it is started, and does not load the status again', async () => {
    const backend = createFakeBackend({ status: connected });
    const engine = createConnections({
      transport: backend,
      environment: createMemoryEnvironment({ url: 'https://app.example/' }),
      initialStatus: connected,
      start: false,
    });
    // Not started: what a server render and the hydrating render both see.
    const view = engine.getView();
    expect(view.phase).toBe('ready');
    expect(view.advertising.condition).toBe('ready');
    expect(view.advertising.accountName).toBe('Acme Outdoor');
    expect(view.sellerCentral.condition).toBe('populating');
    engine.start();
    await flush();
    expect(backend.calls.filter((call) => call.method === 'getStatus')).toEqual([]);
    expect(engine.getView().advertising.actions.disconnect.allowed).toBe(true);
    engine.stop();
  });

  it('keeps the status fresh afterwards: the next poll shows what changed on the server', async () => {
    const backend = createFakeBackend({ status: connected });
    const engine = createConnections({
      transport: backend,
      environment: createMemoryEnvironment({ url: 'https://app.example/' }),
      initialStatus: connected,
      statusPollMs: 20,
    });
    backend.status = statusOf(advertisingConnection({ health: 'stale' }), null);
    await expect.poll(() => engine.getView().advertising.condition, { timeout: 2_000 }).toBe('stale');
    expect(engine.getView().sellerCentral.condition).toBe('disconnected');
    engine.stop();
  });

  it('without it, a page starts by loading the status as before', async () => {
    const backend = createFakeBackend({ status: connected });
    const engine = createConnections({
      transport: backend,
      environment: createMemoryEnvironment({ url: 'https://app.example/' }),
      start: false,
    });
    expect(engine.getView().phase).toBe('loading');
    engine.start();
    await expect.poll(() => engine.getView().phase).toBe('ready');
    expect(backend.calls.filter((call) => call.method === 'getStatus')).toHaveLength(1);
    engine.stop();
  });

  it('refuses a value that is not a status answer, naming where it is wrong', () => {
    const broken = { ...connected, advertising: { ...connected.advertising, health: 'fine' } };
    expect(() =>
      createConnections({
        transport: createFakeBackend(),
        environment: createMemoryEnvironment({ url: 'https://app.example/' }),
        initialStatus: broken as never,
        start: false,
      }),
    ).toThrow(/initialStatus is not a status answer of the server half \(at advertising\.health\)/);
  });
});
