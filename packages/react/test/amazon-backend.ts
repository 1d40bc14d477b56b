// Test support: the real server half (createConnectionsHandler) on the mock Amazon, reached by the browser
// transport through MSW, and a browser environment whose full-page redirects are recorded (jsdom cannot navigate).

import { Buffer, Blob as NodeBlob } from 'node:buffer';
import {
  type ConnectionKind,
  type ConnectionsEnvironment,
  createBrowserEnvironment,
  createHttpTransport,
  type Transport,
} from '@smart-ads/core';
import { createConnectionsHandler, createSqliteStore } from '@smart-ads/core/server';
import { createMockAmazon, type MockAmazon } from '@smart-ads/mock-amazon';
import { http } from 'msw';
import { setupServer } from 'msw/node';

// The server half and the mock run here inside jsdom's window, whose ArrayBuffer and Uint8Array are not Node's
// (WebCrypto returns Node's, and `instanceof` checks in oauth4webapi fail: PKCE throws) and whose Blob has no
// working stream() for CompressionStream (the mock's gzipped reports fail). In a real app both run in Node;
// give them Node's constructors back here.
const nodeBytes = Buffer.alloc(0);
globalThis.ArrayBuffer = nodeBytes.buffer.constructor as ArrayBufferConstructor;
globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor as Uint8ArrayConstructor;
globalThis.Blob = NodeBlob as typeof Blob;

/** The page's origin in jsdom. */
export const origin = window.location.origin;
/** The return URL registered for both kinds. */
export const returnPath = '/amazon/return';
const apiBase = `${origin}/api/amazon`;
const subscription = 'sub_react';

/** One MSW server per test file; each test installs a fresh mock Amazon and server half with {@link createBackend}. */
export const server = setupServer();

export interface Backend {
  readonly amazon: MockAmazon;
  readonly transport: Transport;
  /** Every URL the page was sent to with a full-page redirect. */
  readonly redirects: string[];
  /** A fresh browser environment for a page load (redirects recorded). */
  environment(): ConnectionsEnvironment;
  /** Connects `kind` through the real flow without the UI (authorize, Amazon's pages, callback). */
  connect(kind: ConnectionKind, email?: string): Promise<void>;
  /** Amazon's answer to the last redirect: the URL the browser comes back to. */
  signInOnAmazon(options?: { email?: string; consent?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

async function api(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${apiBase}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-subscription': subscription, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Builds a mock Amazon and the server half on an in-memory SQLite store, and routes MSW to both. */
export async function createBackend(): Promise<Backend> {
  const amazon = createMockAmazon({ clock: 'running' });
  const store = await createSqliteStore({ filename: ':memory:' });
  const handler = createConnectionsHandler({
    basePath: '/api/amazon',
    store,
    encryptionKey: new Uint8Array(32).fill(7),
    amazon: {
      clientId: amazon.app.clientId,
      clientSecret: amazon.app.clientSecret,
      applicationId: amazon.app.applicationId,
      redirectUris: { advertising: `${origin}${returnPath}`, sellerCentral: `${origin}${returnPath}` },
      draftApp: amazon.app.draft,
    },
    baseUrls: amazon.baseUrls,
    now: () => amazon.clock.now(),
    // Amazon's report jobs move on at every poll, with the mock's clock running in real time.
    reports: { pollIntervalMs: 0 },
    logger: { warn: () => {}, error: (message) => console.error(`[server half] ${message}`) },
    getSubscription: (request) => {
      const id = request.headers.get('x-subscription');
      return id ? { id, accountLimit: 1 } : null;
    },
  });
  server.resetHandlers(
    ...amazon.handlers,
    http.all(`${apiBase}/*`, ({ request }) => handler(request)),
  );
  const redirects: string[] = [];
  const transport = createHttpTransport({ baseUrl: apiBase, headers: { 'x-subscription': subscription } });
  return {
    amazon,
    transport,
    redirects,
    environment: () => ({ ...createBrowserEnvironment(), redirect: (url) => redirects.push(url) }),
    async connect(kind, email) {
      const { authorizeUrl } = (await api('/authorize', { kind, returnTo: '/dashboard' })) as {
        authorizeUrl: string;
      };
      const back = await amazon.signIn(authorizeUrl, email ? { email } : {});
      const query = back.searchParams;
      await api(
        '/callback',
        kind === 'advertising'
          ? { kind, state: query.get('state'), code: query.get('code') }
          : {
              kind,
              state: query.get('state'),
              code: query.get('spapi_oauth_code'),
              sellingPartnerId: query.get('selling_partner_id'),
            },
      );
    },
    async signInOnAmazon(options = {}) {
      const url = redirects.at(-1);
      if (!url) throw new Error('the page did not go to Amazon');
      const user = Object.values(amazon.users).find((candidate) => candidate.email === options.email);
      return amazon.signIn(url, {
        ...(options.email ? { email: options.email } : {}),
        ...(user ? { password: user.password } : {}),
        ...(options.consent !== undefined ? { consent: options.consent } : {}),
      });
    },
    close: () => store.close(),
  };
}

/** Puts the page at `path` (same origin), as a page load would. */
export function visit(path: string): void {
  window.history.replaceState(null, '', path);
}
