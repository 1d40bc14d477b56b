// The README's "embedding without React" as a Node script that runs: the engine, the server half and the mock
// Amazon wired together through their public entry points only, no React, no DOM. If this file breaks, the
// README's promise breaks with it.
import {
  createConnections,
  createHttpTransport,
  createMemoryEnvironment,
  createMemoryStorage,
} from '@smart-ads/core';
import { createConnectionsHandler, createSqliteStore } from '@smart-ads/core/server';
import { createMockAmazon } from '@smart-ads/mock-amazon';
import { expect, it } from 'vitest';

const app = 'http://localhost:3000';

async function settle(connections: ReturnType<typeof createConnections>) {
  const busy = ['loading', 'preparing', 'exchanging', 'disconnecting', 'selecting_account'];
  for (let round = 0; round < 200; round++) {
    const view = connections.getView();
    if (view.phase !== 'loading' && !busy.includes(view.advertising.activity)) return view;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the engine did not settle');
}

it('a plain script connects Amazon Advertising against the mock Amazon, and the one-account rule holds before any redirect', async () => {
  // 1. The fake Amazon and the server half (what a host runs on its server).
  const amazon = createMockAmazon();
  const handler = createConnectionsHandler({
    basePath: '/api/amazon',
    getSubscription: () => ({ id: 'demo-subscription' }),
    amazon: {
      clientId: amazon.app.clientId,
      clientSecret: amazon.app.clientSecret,
      applicationId: amazon.app.applicationId,
      redirectUris: { advertising: `${app}/amazon/return`, sellerCentral: `${app}/amazon/return` },
      draftApp: amazon.app.draft,
    },
    baseUrls: amazon.baseUrls,
    fetch: (request) => amazon.fetch(request),
    now: () => amazon.clock.now(),
    store: await createSqliteStore({ filename: ':memory:' }),
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
  });

  // 2. The engine, as a page would create it; here the "page" is an in-memory environment and the transport
  //    calls the handler directly instead of going over HTTP.
  const transport = createHttpTransport({
    baseUrl: `${app}/api/amazon`,
    fetch: (input, init) => handler(new Request(input, init)),
  });
  const storage = createMemoryStorage(); // sessionStorage in a browser: survives the redirect
  const page = (url: string) => {
    const environment = createMemoryEnvironment({ url, storage });
    return { environment, connections: createConnections({ transport, environment }) };
  };

  const dashboard = page(`${app}/dashboard`);
  let view = await settle(dashboard.connections);
  expect(view.advertising.condition).toBe('disconnected');
  expect(view.metrics.adSpend.state).toBe('unavailable');

  // 3. Connect: the engine sends the page to Amazon; the mock's sign-in and consent pages send it back.
  expect(view.advertising.connect()).toEqual({ ok: true });
  await settle(dashboard.connections);
  const authorizeUrl = dashboard.environment.redirects.at(-1);
  expect(authorizeUrl).toBeDefined();
  const callback = await amazon.signIn(authorizeUrl ?? '', amazon.users.default);
  dashboard.connections.stop();

  const back = page(callback.href);
  view = await settle(back.connections);
  expect(view.advertising.condition).toBe('populating');
  expect(view.advertising.accountName).toBe('Acme Home & Kitchen');
  expect(new URL(back.environment.currentUrl()).searchParams.has('code')).toBe(false);
  expect(amazon.calls('lwa.token.authorization_code')).toBe(1);
  expect(view.metrics.totalSales.state).toBe('unavailable'); // Seller Central is not connected yet

  // 4. The one-account rule, before any redirect.
  const again = view.advertising.connect();
  expect(again).toMatchObject({ ok: false, code: 'account_limit_reached' });
  back.connections.stop();
});
