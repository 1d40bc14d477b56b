// Test support: the handler wired to an in-process mock Amazon, with helpers that drive the real flows.
import { createMockAmazon, type MockAmazon } from '@smart-ads/mock-amazon';
import { expect } from 'vitest';
import type { AmazonRegion, ConnectionKind } from '../../src/contract/types';
import {
  type ConnectionsServer,
  type ConnectionsServerOptions,
  createConnectionsServer,
} from '../../src/server/host/connections-server';
import type { ConnectionsHandler } from '../../src/server/http/connections-handler';
import type { ConnectionsHandlerOptions } from '../../src/server/http/connections-handler-options';
import type { ConnectionStore } from '../../src/server/storage/connection-store';
import { createSqliteStore } from '../../src/server/storage/sqlite-store';

/** The return URL registered for both kinds in the tests. */
export const returnUrl = 'http://localhost:3000/amazon/return';
/** The mock's start: dates in tests are relative to it. */
export const startOfTests = Date.parse('2026-11-20T12:00:00Z');

/** One answer of the handler, as a browser would see it. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

/** The handler on a mock Amazon, plus everything a test needs to watch. */
export interface Harness {
  readonly amazon: MockAmazon;
  readonly store: ConnectionStore;
  readonly handler: ConnectionsHandler;
  /** The whole server (`createConnectionsServer`) whose handler is {@link handler}. */
  readonly host: ConnectionsServer;
  /** Every response body the handler sent. */
  readonly bodies: string[];
  /** Every access and refresh token Amazon issued to the handler. */
  readonly issuedTokens: Set<string>;
  /** Every message the handler logged. */
  readonly logged: string[];
  call(method: 'GET' | 'POST', path: string, body?: unknown, subscription?: string | null): Promise<Answer>;
  /** Another app server (or this one after a restart): a new handler on the same mock Amazon, store and key. */
  server(overrides?: Partial<ConnectionsServerOptions>): {
    handler: ConnectionsHandler;
    host: ConnectionsServer;
    call: Harness['call'];
  };
  /** `/authorize`, sign-in on the mock's pages, and the redirect's parameters (the callback is not sent). */
  signIn(
    kind: ConnectionKind,
    options?: {
      email?: string;
      password?: string;
      subscription?: string;
      region?: AmazonRegion;
      consent?: boolean;
    },
  ): Promise<{ state: string; code: string; sellingPartnerId: string | null; redirect: URL }>;
  /** The whole connect flow: authorize, sign in, callback. */
  connect(
    kind: ConnectionKind,
    options?: { email?: string; password?: string; subscription?: string; region?: AmazonRegion },
  ): Promise<Answer>;
  close(): Promise<void>;
}

/** Builds a harness; `overrides` change handler options, `store` replaces the in-memory SQLite store. */
export async function createHarness(
  overrides: Partial<ConnectionsHandlerOptions> & { accountLimit?: number } = {},
): Promise<Harness> {
  const amazon = createMockAmazon({ now: startOfTests });
  const store = overrides.store ?? (await createSqliteStore({ filename: ':memory:' }));
  const bodies: string[] = [];
  const issuedTokens = new Set<string>();
  const logged: string[] = [];
  const amazonFetch = async (request: Request) => {
    const response = await amazon.fetch(request);
    if (new URL(request.url).pathname.endsWith('/auth/o2/token') && response.ok) {
      const body = (await response.clone().json()) as { access_token?: string; refresh_token?: string };
      if (body.access_token) issuedTokens.add(body.access_token);
      if (body.refresh_token) issuedTokens.add(body.refresh_token);
    }
    return response;
  };
  const encryptionKey = crypto.getRandomValues(new Uint8Array(32));
  const hostFor = (more: Partial<ConnectionsServerOptions>) =>
    createConnectionsServer({
      basePath: '/api/amazon',
      store,
      encryptionKey,
      amazon: {
        clientId: amazon.app.clientId,
        clientSecret: amazon.app.clientSecret,
        applicationId: amazon.app.applicationId,
        redirectUris: { advertising: returnUrl, sellerCentral: returnUrl },
        draftApp: amazon.app.draft,
      },
      baseUrls: amazon.baseUrls,
      fetch: amazonFetch,
      now: () => amazon.clock.now(),
      logger: { warn: (m) => logged.push(m), error: (m) => logged.push(m) },
      getSubscription: (request) => {
        const id = request.headers.get('x-subscription');
        const actor = request.headers.get('x-user');
        return id ? { id, accountLimit: overrides.accountLimit ?? 1, ...(actor ? { actor } : {}) } : null;
      },
      ...overrides,
      ...more,
    });

  const callWith =
    (target: ConnectionsHandler): Harness['call'] =>
    async (method, path, body, subscription = 'sub_1') => {
      const headers = new Headers();
      if (subscription !== null) headers.set('x-subscription', subscription);
      let payload: string | undefined;
      if (body !== undefined) {
        headers.set('content-type', 'application/json');
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const response = await target(
        new Request(`http://localhost:3000/api/amazon${path}`, {
          method,
          headers,
          ...(payload ? { body: payload } : {}),
        }),
      );
      const text = await response.text();
      bodies.push(text);
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    };
  const host = hostFor({});
  const handler = host.handler;
  const call = callWith(handler);

  const signIn: Harness['signIn'] = async (kind, options = {}) => {
    const started = await call(
      'POST',
      '/authorize',
      { kind, returnTo: '/dashboard', ...(options.region ? { region: options.region } : {}) },
      options.subscription ?? 'sub_1',
    );
    expect(started.status, started.text).toBe(200);
    const { authorizeUrl } = started.body as { authorizeUrl: string };
    const user = Object.values(amazon.users).find((u) => u.email === options.email);
    const password = options.password ?? user?.password;
    const redirect = await amazon.signIn(authorizeUrl, {
      ...(options.email ? { email: options.email } : {}),
      ...(password ? { password } : {}),
      ...(options.consent !== undefined ? { consent: options.consent } : {}),
    });
    const query = redirect.searchParams;
    return {
      state: query.get('state') ?? '',
      code: query.get(kind === 'advertising' ? 'code' : 'spapi_oauth_code') ?? '',
      sellingPartnerId: query.get('selling_partner_id'),
      redirect,
    };
  };

  const connect: Harness['connect'] = async (kind, options = {}) => {
    const { state, code, sellingPartnerId } = await signIn(kind, options);
    return call(
      'POST',
      '/callback',
      kind === 'advertising' ? { kind, state, code } : { kind, state, code, sellingPartnerId },
      options.subscription ?? 'sub_1',
    );
  };

  return {
    amazon,
    store,
    handler,
    host,
    bodies,
    issuedTokens,
    logged,
    call,
    server: (more = {}) => {
      const another = hostFor(more);
      return { handler: another.handler, host: another, call: callWith(another.handler) };
    },
    signIn,
    connect,
    close: () => {
      host.close();
      return store.close();
    },
  };
}

/** A date `days` before the tests' start, `YYYY-MM-DD`. */
export function daysAgo(days: number): string {
  return new Date(startOfTests - days * 86_400_000).toISOString().slice(0, 10);
}
