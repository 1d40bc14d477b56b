import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { toNodeListener } from './node-listener';

let h: Harness;
let server: Server;
let origin: string;
beforeAll(async () => {
  h = await createHarness();
  server = createServer(toNodeListener(h.handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

describe('toNodeListener', () => {
  it('serves the contract over node:http, bodies and headers included', async () => {
    const started = await fetch(`${origin}/api/amazon/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-subscription': 'sub_http' },
      body: JSON.stringify({ kind: 'advertising', returnTo: '/dashboard' }),
    });
    expect(started.status).toBe(200);
    expect(started.headers.get('cache-control')).toBe('no-store');
    expect(new URL(((await started.json()) as { authorizeUrl: string }).authorizeUrl).pathname).toBe(
      '/ap/oa',
    );

    const refused = await fetch(`${origin}/api/amazon/status`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');

    const outside = await fetch(`${origin}/elsewhere`, { headers: { 'x-subscription': 'sub_http' } });
    expect(outside.status).toBe(404);
  });
});
