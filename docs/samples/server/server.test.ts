// The server README's samples, run as written against the standalone mock Amazon over HTTP: the handler with the
// environment a host sets, mounted on Node's http, Express, Hono and a Next.js route; both kinds connect through
// Amazon's real sign-in and consent pages (signInOverHttp), Seller Central included (the draft app).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultMockApp,
  type MockAmazonServer,
  SignInError,
  signInOverHttp,
  startMockAmazonServer,
} from '@smart-ads/mock-amazon/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const auth = { authorization: 'Bearer token-of-a-signed-in-user' };
let mock: MockAmazonServer;
let folder: string;
const startedIn = process.cwd();

beforeAll(async () => {
  mock = await startMockAmazonServer({ clock: 'running' });
  folder = await mkdtemp(join(tmpdir(), 'smart-ads-samples-'));
  process.chdir(folder); // the sample keeps its SQLite file in ./data
  Object.assign(process.env, {
    AMAZON_TOKEN_KEY: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64'),
    LWA_CLIENT_ID: defaultMockApp.clientId,
    LWA_CLIENT_SECRET: defaultMockApp.clientSecret,
    SP_API_APPLICATION_ID: defaultMockApp.applicationId,
    SP_API_DRAFT_APP: 'true',
    APP_ORIGIN: 'http://localhost:3000',
    AMAZON_MOCK_URL: mock.url,
    PORT: '0',
  });
});
afterAll(async () => {
  process.chdir(startedIn);
  await mock.close();
  await rm(folder, { recursive: true, force: true });
});

async function call(base: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T>(response: Promise<Response>): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${answer.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Connects `kind` as a browser would: /authorize, Amazon's pages over HTTP, then /callback with what came back. */
async function connect(base: string, kind: 'advertising' | 'sellerCentral') {
  const { authorizeUrl } = await json<{ authorizeUrl: string }>(
    call(base, '/authorize', { kind, returnTo: '/dashboard' }),
  );
  expect(new URL(authorizeUrl).origin).toBe(mock.url);
  const back = (await signInOverHttp(authorizeUrl)).searchParams;
  return json<{ outcome: string; status: Record<string, unknown> }>(
    call(base, '/callback', {
      kind,
      state: back.get('state'),
      code: back.get(kind === 'advertising' ? 'code' : 'spapi_oauth_code'),
      ...(kind === 'sellerCentral' ? { sellingPartnerId: back.get('selling_partner_id') } : {}),
    }),
  );
}

describe('the server README', () => {
  it('the handler on Node http connects both kinds against the standalone mock, Seller Central included', async () => {
    const { server } = await import('./node-http');
    await new Promise((resolve) => (server.listening ? resolve(null) : server.once('listening', resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/amazon`;
    try {
      expect(await call(base, '/status').then((r) => r.status)).toBe(200);
      expect((await fetch(`${base}/status`)).status).toBe(401); // no session, no subscription
      const advertising = await connect(base, 'advertising');
      expect(advertising).toMatchObject({
        outcome: 'connected',
        status: { advertising: { kind: 'advertising' } },
      });
      const sellerCentral = await connect(base, 'sellerCentral');
      expect(sellerCentral).toMatchObject({
        outcome: 'connected',
        status: { sellerCentral: { kind: 'sellerCentral' } },
      });
      // Seller Central's consent page was asked with version=beta: the draft app the mock's app is.
      const consent = mock.amazon.log.find((entry) => entry.endpoint === 'sellercentral.consent');
      expect(new URL(consent?.url ?? 'http://x').searchParams.get('version')).toBe('beta');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
    }
  });

  it('Express, Hono and a Next.js route answer through the same handler', async () => {
    const express = await import('./express');
    const listening = express.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const port = (listening.address() as AddressInfo).port;
      const status = await json<{ subscription: unknown }>(
        call(`http://127.0.0.1:${port}/api/amazon`, '/status'),
      );
      expect(status).toHaveProperty('subscription');
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }

    const hono = await import('./hono');
    const viaHono = await hono.app.fetch(
      new Request('http://localhost:3000/api/amazon/status', { headers: auth }),
    );
    expect(viaHono.status).toBe(200);

    const route = await import('./next-app/app/api/amazon/[...path]/route');
    expect(route.runtime).toBe('nodejs');
    const viaNext = await route.GET(
      new Request('http://localhost:3000/api/amazon/status', { headers: auth }),
    );
    expect(viaNext.status).toBe(200);
    expect(
      (
        await route.POST(
          new Request('http://localhost:3000/api/amazon/nothing', { method: 'POST', headers: auth }),
        )
      ).status,
    ).toBe(404);
  });

  it('without draftApp, a draft app dead-ends on Seller Central\'s "We are sorry!" page (MD1000)', async () => {
    vi.resetModules();
    process.env.SP_API_DRAFT_APP = 'false';
    try {
      const { amazonHandler } = await import('./amazon-handler');
      const base = 'http://localhost:3000/api/amazon';
      const post = (path: string, body: unknown) =>
        json<{ authorizeUrl: string }>(
          amazonHandler(
            new Request(`${base}${path}`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            }),
          ),
        );
      const { authorizeUrl } = await post('/authorize', { kind: 'sellerCentral', returnTo: '/' });
      expect(new URL(authorizeUrl).searchParams.has('version')).toBe(false);
      const error = await signInOverHttp(authorizeUrl).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SignInError);
      expect((error as SignInError).pageCode).toBe('MD1000');
    } finally {
      process.env.SP_API_DRAFT_APP = 'true';
    }
  });

  it('a host job applies a bid through the access API, is refused after the disconnect, and reads the outbox', async () => {
    const { amazonServer, applyKeywordBid, followConnectionEvents, scheduleHealthChecks } = await import(
      './host-jobs'
    );
    const { toNodeListener } = await import('@smart-ads/core/server');
    const server = createServer(toNodeListener(amazonServer.handler)).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/amazon`;
    const seen: string[] = [];
    let saved = 0;
    try {
      await call(base, '/disconnect', { kind: 'advertising', confirmed: true }); // a clean start
      await connect(base, 'advertising');
      const ads = await amazonServer.amazon.connect('subscription-1', 'advertising');
      const listed = await ads.fetch('/sp/keywords/list', {
        method: 'POST',
        headers: {
          'content-type': 'application/vnd.spKeyword.v3+json',
          accept: 'application/vnd.spKeyword.v3+json',
        },
        body: JSON.stringify({ stateFilter: { include: ['ENABLED'] } }),
      });
      const [keyword] = ((await listed.json()) as { keywords: { keywordId: string; bid: number }[] })
        .keywords;
      expect(keyword).toBeDefined();
      expect(await applyKeywordBid('subscription-1', keyword?.keywordId ?? '', 0.77)).toBe(true);
      const updates = () => mock.amazon.calls('ads.sp.keywords.update');
      expect(updates()).toBe(1);

      const stop = await followConnectionEvents(
        {
          load: async () => 0,
          save: async (position) => {
            saved = position;
          },
        },
        async (event) => {
          seen.push(event.type);
        },
      );
      await call(base, '/disconnect', { kind: 'advertising', confirmed: true });
      await amazonServer.events.deliver();
      const refused = await applyKeywordBid('subscription-1', keyword?.keywordId ?? '', 0.5).catch(
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({
        code: 'not_connected',
        detail: 'Connect Amazon Advertising to see Apply actions.',
      });
      expect(updates()).toBe(1);
      expect(seen).toContain('connected');
      expect(seen.at(-1)).toBe('disconnected');
      expect(saved).toBeGreaterThan(0);
      stop();
      clearInterval(scheduleHealthChecks());
    } finally {
      amazonServer.close();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
    }
  });
});
