import { getResponse, type HttpHandler } from 'msw';
import {
  type AmazonBaseUrls,
  type AmazonRegion,
  amazonProductionBaseUrls,
  normalizeBaseUrls,
} from './base-urls.js';
import { type ClockMode, createClock, type MockClock } from './clock.js';
import type { MockAmazonApp, MockContext } from './context.js';
import { MockAmazonError } from './errors/mock-amazon-error.js';
import { UnhandledRequestError } from './errors/unhandled-request-error.js';
import { createHandlers } from './handlers/all-handlers.js';
import { createScenarios, type MockAmazonScenarios } from './scenarios.js';
import { driveSignIn, type SignInOptions } from './sign-in.js';
import { createState, LOG_LIMIT } from './state/create-state.js';
import type { LogEntry } from './state/types.js';
import { type ReadyMadeUserKey, seedWorld, type World } from './world/seed-world.js';

/**
 * The app credentials the mock accepts unless told otherwise (documented in the README).
 *
 * @example
 * ```ts
 * createConnectionsHandler({ lwa: { clientId: defaultMockApp.clientId, clientSecret: defaultMockApp.clientSecret } });
 * ```
 */
export const defaultMockApp: MockAmazonApp = {
  clientId: 'amzn1.application-oa2-client.5ad5a11ed0c0ffee5ad5a11ed0c0ffee',
  clientSecret: 'amzn1.oa2-cs.v1.mock-amazon-client-secret-not-a-real-secret-0000000000',
  applicationId: 'amzn1.sellerapps.app.5ad5a11e-d0c0-4fee-8ad5-a11ed0c0ffee',
  redirectUris: [],
  name: 'Smart Ads',
  draft: true,
};

/**
 * Options of `createMockAmazon`.
 *
 * @example
 * ```ts
 * createMockAmazon({ seed: 7, now: Date.UTC(2026, 10, 20), app: { redirectUris: ['https://app.example/cb'] } });
 * ```
 */
export interface CreateMockAmazonOptions {
  /** Where the mock's Amazon lives. @default amazonProductionBaseUrls (so MSW intercepts Amazon's real hosts) */
  baseUrls?: AmazonBaseUrls;
  /** The registered app. @default defaultMockApp; `redirectUris: []` allows any http(s) loopback URL */
  app?: Partial<MockAmazonApp>;
  /** Seed of the world's ids and figures. @default 1 */
  seed?: number;
  /** Start time of the mock clock (ms since epoch). @default Date.now() when created */
  now?: number;
  /** `frozen` moves only by `clock.advance/set`; `running` also moves with real time. @default 'frozen' */
  clock?: ClockMode;
}

/**
 * A ready-made user's sign-in (the password follows `scenarios.changePassword`).
 *
 * @example
 * ```ts
 * const { email, password } = amazon.users.default; // user_good@example.com / pass_good
 * ```
 */
export interface MockAmazonUser {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly description: string;
}

/**
 * One answered request in the log.
 *
 * @example
 * ```ts
 * const last: MockAmazonLogEntry | undefined = amazon.log.at(-1); // { method, url, status, endpoint, region, at, requestId }
 * ```
 */
export type MockAmazonLogEntry = Readonly<LogEntry>;

/**
 * A stateful fake of Login with Amazon, the Amazon Ads API and the Selling Partner API.
 *
 * @example
 * ```ts
 * const amazon: MockAmazon = createMockAmazon();
 * const callback = await amazon.signIn(authorizeUrlFromYourApp);
 * expect(amazon.calls('lwa.token.refresh_token')).toBe(1);
 * ```
 */
export interface MockAmazon {
  /** MSW handlers for `setupServer` / `setupWorker` (and the standalone server). */
  readonly handlers: HttpHandler[];
  /** Runs a request through the same handlers in-process. Redirects are returned, not followed. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The credentials a server half should be configured with. */
  readonly app: Readonly<MockAmazonApp>;
  /** Where each service lives. */
  readonly baseUrls: Required<AmazonBaseUrls>;
  /** Ready-made users (all with password `pass_good`). */
  readonly users: Readonly<Record<ReadyMadeUserKey, MockAmazonUser>>;
  /** The seeded world (accounts, profiles, sellers, products, campaigns), read-only. */
  readonly world: World;
  /**
   * Drives sign-in + consent through the real pages as a browser would, and returns the final redirect URL (with
   * code and state, or `error=access_denied`). Works for an LWA `/ap/oa` URL and a Seller Central consent URL.
   * Throws `SignInError` when Amazon's pages stop the flow (wrong password, MD5101, no seller account, …).
   */
  signIn(authorizeUrl: string | URL, options?: SignInOptions): Promise<URL>;
  /** Builds a Login with Amazon authorize URL for this mock's app. */
  authorizeUrl(options: {
    region?: AmazonRegion;
    redirectUri: string;
    state?: string;
    scope?: string;
    codeChallenge?: string;
  }): string;
  /** Builds a Seller Central consent URL for this mock's app. */
  sellerCentralConsentUrl(options: {
    region?: AmazonRegion;
    redirectUri?: string;
    state?: string;
    beta?: boolean;
  }): string;
  /** Opt-in failures and slowness. */
  readonly scenarios: MockAmazonScenarios;
  /** The mock's clock (frozen by default). */
  readonly clock: MockClock;
  /** The answered requests, oldest first (the most recent 10 000; `calls()` counts them all). */
  readonly log: readonly MockAmazonLogEntry[];
  /** How many requests an endpoint (or an endpoint prefix such as `'lwa.token'` or `'ads'`) answered. */
  calls(endpoint: string, filter?: { region?: AmazonRegion; status?: number }): number;
  /** Exact counts per endpoint name, e.g. `{ 'ads.profiles': 3, 'lwa.token.refresh_token': 1 }`. */
  callCounts(): Record<string, number>;
  /** Back to the seeded state: no grants, tokens, reports, log or scenarios; the clock at its start. */
  reset(): void;
}

/**
 * Creates a mock Amazon with seeded, deterministic data.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockAmazon } from '@smart-ads/mock-amazon';
 *
 * const amazon = createMockAmazon();
 * const server = setupServer(...amazon.handlers);
 * beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
 * afterEach(() => amazon.reset());
 * afterAll(() => server.close());
 * ```
 */
export function createMockAmazon(options: CreateMockAmazonOptions = {}): MockAmazon {
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new MockAmazonError('INVALID_OPTION', 'seed must be a finite number');
  const world = seedWorld(seed);
  const app: MockAmazonApp = {
    ...defaultMockApp,
    ...options.app,
    redirectUris: [...(options.app?.redirectUris ?? [])],
  };
  const baseUrls = normalizeBaseUrls(options.baseUrls ?? amazonProductionBaseUrls);
  const clock = createClock(options.now ?? Date.now(), options.clock ?? 'frozen');
  const ctx: MockContext = { world, app, baseUrls, clock, state: createState(world) };
  const handlers = createHandlers(ctx);
  const scenarios = createScenarios(ctx, world.byKey.default.email);

  const send = async (request: Request): Promise<Response> => {
    const response = await getResponse(handlers, request);
    if (!response) throw new UnhandledRequestError(request.method, request.url);
    return response;
  };
  const pageHosts = [...Object.values(baseUrls.authorize), ...Object.values(baseUrls.sellerCentral)];
  const isAmazonPage = (url: URL) => pageHosts.some((base) => url.href.startsWith(`${base}/`));

  const users = Object.fromEntries(
    world.users.map((user) => [
      user.key,
      {
        email: user.email,
        get password() {
          return ctx.state.users.get(user.email.toLowerCase())?.password ?? user.password;
        },
        name: user.name,
        description: user.description,
      },
    ]),
  ) as Record<ReadyMadeUserKey, MockAmazonUser>;

  return {
    handlers,
    app,
    baseUrls,
    users,
    world,
    scenarios,
    clock,
    fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      return send(request);
    },
    signIn(authorizeUrl, signInOptions = {}) {
      return driveSignIn(
        send,
        String(authorizeUrl),
        {
          email: signInOptions.email ?? users.default.email,
          // Without a password, the user's current one (it follows scenarios.changePassword).
          password:
            signInOptions.password ??
            ctx.state.users.get((signInOptions.email ?? users.default.email).toLowerCase())?.password ??
            '',
          consent: signInOptions.consent ?? true,
        },
        isAmazonPage,
      );
    },
    authorizeUrl({
      region = 'na',
      redirectUri,
      state,
      scope = 'advertising::campaign_management',
      codeChallenge,
    }) {
      const query = new URLSearchParams({
        client_id: app.clientId,
        scope,
        response_type: 'code',
        redirect_uri: redirectUri,
      });
      if (state !== undefined) query.set('state', state);
      if (codeChallenge !== undefined) {
        query.set('code_challenge', codeChallenge);
        query.set('code_challenge_method', 'S256');
      }
      return `${baseUrls.authorize[region]}/ap/oa?${query}`;
    },
    sellerCentralConsentUrl({ region = 'na', redirectUri, state, beta = app.draft }) {
      const query = new URLSearchParams({ application_id: app.applicationId });
      if (state !== undefined) query.set('state', state);
      if (beta) query.set('version', 'beta');
      if (redirectUri !== undefined) query.set('redirect_uri', redirectUri);
      return `${baseUrls.sellerCentral[region]}/apps/authorize/consent?${query}`;
    },
    get log() {
      const { log } = ctx.state;
      return log.length > LOG_LIMIT ? log.slice(-LOG_LIMIT) : log;
    },
    calls(endpoint, filter = {}) {
      let total = 0;
      for (const [key, count] of ctx.state.counts) {
        const [name = '', region, status] = key.split('|');
        if (endpoint !== '*' && name !== endpoint && !name.startsWith(`${endpoint}.`)) continue;
        if (filter.region !== undefined && region !== filter.region) continue;
        if (filter.status !== undefined && status !== String(filter.status)) continue;
        total += count;
      }
      return total;
    },
    callCounts() {
      const counts: Record<string, number> = {};
      for (const [key, count] of ctx.state.counts) {
        const name = key.split('|')[0] ?? '';
        counts[name] = (counts[name] ?? 0) + count;
      }
      return counts;
    },
    reset() {
      ctx.state = createState(world);
      clock.reset();
    },
  };
}
