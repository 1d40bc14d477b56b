// Test support for the samples that run in jsdom: the real server half (createConnectionsHandler) on the mock
// Amazon, both reached through MSW at the page's own origin, as a browser page reaches its host's /api/amazon.
import { Buffer, Blob as NodeBlob } from 'node:buffer';
import { createConnectionsHandler, createSqliteStore } from '@smart-ads/core/server';
import { createMockAmazon, type MockAmazon } from '@smart-ads/mock-amazon';
import { http } from 'msw';
import { setupServer } from 'msw/node';

// jsdom's ArrayBuffer, Uint8Array and Blob are not Node's: the server half's PKCE and the mock's gzip need Node's.
// In a real app the server half runs in Node; here it shares the page's globals.
globalThis.ArrayBuffer = Buffer.alloc(0).buffer.constructor as ArrayBufferConstructor;
globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor as Uint8ArrayConstructor;
globalThis.Blob = NodeBlob as typeof Blob;

// A browser resolves a relative URL (`/api/amazon/status`) against the page; Node's fetch and Request, which jsdom
// pages use here, do not. Resolve them the browser's way, so `baseUrl: '/api/amazon'` works as it does in a page.
const NodeRequest = globalThis.Request;
const nodeFetch = globalThis.fetch;
const absolute = (input: RequestInfo | URL) =>
  typeof input === 'string' ? new URL(input, window.location.href).href : input;
globalThis.Request = class extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(absolute(input), init);
  }
} as typeof Request;
globalThis.fetch = (input, init) => nodeFetch(absolute(input), init);

/** One MSW server per test file. */
export const server = setupServer();

/** The page's origin (jsdom's), where the host's API lives. */
export const origin = window.location.origin;

export interface BrowserBackend {
  readonly amazon: MockAmazon;
  /** Every authorize URL the server half handed out, newest last (jsdom cannot follow a redirect to Amazon). */
  readonly authorizeUrls: string[];
  /** Connects `kind` without a UI: /authorize, Amazon's pages, /callback. */
  connect(kind: 'advertising' | 'sellerCentral'): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fresh mock Amazon and server half (in-memory SQLite) and routes `${origin}/api/amazon/*` to it. */
export async function startBrowserBackend(): Promise<BrowserBackend> {
  const amazon = createMockAmazon({ clock: 'running' });
  const store = await createSqliteStore({ filename: ':memory:' });
  const returnUrl = `${origin}/amazon/return`;
  const handler = createConnectionsHandler({
    basePath: '/api/amazon',
    store,
    encryptionKey: new Uint8Array(32).fill(3),
    amazon: {
      clientId: amazon.app.clientId,
      clientSecret: amazon.app.clientSecret,
      applicationId: amazon.app.applicationId,
      draftApp: amazon.app.draft,
      redirectUris: { advertising: returnUrl, sellerCentral: returnUrl },
    },
    baseUrls: amazon.baseUrls,
    now: () => amazon.clock.now(),
    reports: { pollIntervalMs: 0 },
    logger: { warn: () => {}, error: (message) => console.error(`[server half] ${message}`) },
    getSubscription: () => ({ id: 'subscription-1', accountLimit: 1 }),
  });
  const authorizeUrls: string[] = [];
  // Requests still in flight when a test ends (an engine preparing a sign-in as it unmounts) finish before the
  // store closes.
  const inFlight = new Set<Promise<unknown>>();
  server.resetHandlers(
    ...amazon.handlers,
    http.all(`${origin}/api/amazon/*`, async ({ request }) => {
      const answer = handler(request);
      inFlight.add(answer);
      const response = await answer.finally(() => inFlight.delete(answer));
      if (new URL(request.url).pathname.endsWith('/authorize') && response.ok) {
        authorizeUrls.push(((await response.clone().json()) as { authorizeUrl: string }).authorizeUrl);
      }
      return response;
    }),
  );
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${origin}/api/amazon${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ authorizeUrl: string }>;
  };
  return {
    amazon,
    authorizeUrls,
    async connect(kind) {
      const { authorizeUrl } = await api('/authorize', { kind, returnTo: '/' });
      const back = (await amazon.signIn(authorizeUrl)).searchParams;
      await api('/callback', {
        kind,
        state: back.get('state'),
        code: back.get(kind === 'advertising' ? 'code' : 'spapi_oauth_code'),
        ...(kind === 'sellerCentral' ? { sellingPartnerId: back.get('selling_partner_id') } : {}),
      });
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      await store.close();
    },
  };
}
