import type { AmazonRegion } from './base-urls.js';
import type { MockContext } from './context.js';
import { MockAmazonError } from './errors/mock-amazon-error.js';
import { findUser, revokeGrants } from './state/auth.js';
import { defaultAdsReports, defaultSpReports } from './state/create-state.js';
import type { ReportBehaviour } from './state/types.js';

/**
 * Which report API a report scenario applies to. @default 'all'
 *
 * @example
 * ```ts
 * amazon.scenarios.emptyReports('spapi' satisfies ReportApi);
 * ```
 */
export type ReportApi = 'ads' | 'spapi' | 'all';

/**
 * How many matching requests a fault hits: a count, or `'always'` until cleared. @default 1
 *
 * @example
 * ```ts
 * amazon.scenarios.serverErrors('spapi', { times: 'always' });
 * ```
 */
export type FaultTimes = number | 'always';

const HOUR = 3_600_000;

/**
 * Opt-in failures and slowness, all undone by `amazon.reset()` (or `scenarios.clear()`). Targets are endpoint
 * names or their prefixes: `'lwa.token'`, `'ads'`, `'ads.reports.create'`, `'spapi.orderMetrics'`, `'*'`.
 *
 * @example
 * ```ts
 * amazon.scenarios.changePassword(amazon.users.default.email); // refresh -> invalid_grant
 * amazon.scenarios.throttle('spapi.reports.create', { times: 2 }); // two 429s, then normal
 * amazon.scenarios.dataLatency(24); // reports are empty for 24 h after a connection
 * ```
 */
export interface MockAmazonScenarios {
  /** Revokes the user's grants (all, or one kind / region): refresh -> `invalid_grant`, calls -> 401 / 403. Returns how many. */
  revokeAuthorization(
    email: string,
    options?: { kind?: 'advertising' | 'sellingPartner'; region?: AmazonRegion },
  ): number;
  /** Changes the user's password (the help article's stale connection): every earlier grant stops working. Returns the new password. */
  changePassword(email: string, newPassword?: string): string;
  /** The next `times` matching requests get 429 (`Retry-After` where Amazon sends it). */
  throttle(target: string, options?: { times?: FaultTimes; retryAfterSeconds?: number }): void;
  /** The next `times` matching requests fail with `status` (500 by default) and Amazon's error body. */
  serverErrors(target: string, options?: { times?: FaultTimes; status?: number }): void;
  /** Turns on Amazon's documented SP-API token buckets (rate, burst) on the mock clock. */
  rateLimits(enabled?: boolean): void;
  /** Reports take `polls` status reads and/or `hours` of mock time to finish. */
  slowReports(options: { api?: ReportApi; polls?: number; hours?: number }): void;
  /** Reports take `hours` of mock time to finish (shortcut for `slowReports({ hours })`). */
  reportDelay(hours: number, api?: ReportApi): void;
  /** Completed reports contain no rows. */
  emptyReports(api?: ReportApi): void;
  /** Reports end FAILED (Ads) / FATAL (SP-API). */
  failReports(api?: ReportApi): void;
  /** Data shows up only `hours` after the user connected: reports are empty and order metrics zero until then. */
  dataLatency(hours: number, options?: { api?: ReportApi | 'sales' }): void;
  /** Every code issued so far expires now (as if 5 minutes had passed). Returns how many. */
  expireAuthorizationCodes(): number;
  /** Every access token issued so far expires now (as if an hour had passed). Returns how many. */
  expireAccessTokens(): number;
  /** Skips the sign-in and consent pages: `/ap/oa` and Seller Central consent redirect at once (for browser demos). `false` turns it off. */
  autoSignIn(options?: { email?: string; consent?: boolean } | false): void;
  /** Turns every scenario off (grants, tokens and reports stay). */
  clear(): void;
}

/**
 * The scenario names, for the control endpoint and the CLI.
 *
 * @example
 * ```ts
 * scenarioNames.includes('dataLatency'); // true
 * ```
 */
export const scenarioNames = [
  'revokeAuthorization',
  'changePassword',
  'throttle',
  'serverErrors',
  'rateLimits',
  'slowReports',
  'reportDelay',
  'emptyReports',
  'failReports',
  'dataLatency',
  'expireAuthorizationCodes',
  'expireAccessTokens',
  'autoSignIn',
  'clear',
] as const satisfies readonly (keyof MockAmazonScenarios)[];

function times(value: FaultTimes | undefined): number {
  if (value === 'always') return Number.POSITIVE_INFINITY;
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || value < 1)
    throw new MockAmazonError('INVALID_OPTION', 'times must be a positive integer or "always"');
  return value;
}

/** Builds the scenarios API over the mock's context. */
export function createScenarios(ctx: MockContext, defaultEmail: string): MockAmazonScenarios {
  const reports = (api: ReportApi | undefined, change: (b: ReportBehaviour) => void) => {
    if (api !== 'spapi') change(ctx.state.scenarios.reports.ads);
    if (api !== 'ads') change(ctx.state.scenarios.reports.spapi);
  };
  const user = (email: string) => {
    const record = findUser(ctx, email);
    if (!record) throw new MockAmazonError('UNKNOWN_USER', `No mock Amazon user ${email}`);
    return record;
  };
  return {
    revokeAuthorization(email, options = {}) {
      user(email);
      return revokeGrants(ctx, email, options.kind, options.region);
    },
    changePassword(email, newPassword = 'pass_new') {
      const record = user(email);
      record.password = newPassword;
      record.passwordVersion += 1;
      return newPassword;
    },
    throttle(target, options = {}) {
      ctx.state.scenarios.faults.push({
        kind: 'throttle',
        target,
        remaining: times(options.times),
        status: 429,
        retryAfterSeconds: options.retryAfterSeconds ?? 1,
      });
    },
    serverErrors(target, options = {}) {
      const status = options.status ?? 500;
      if (status < 500 || status > 599)
        throw new MockAmazonError('INVALID_OPTION', 'status must be a 5xx code');
      ctx.state.scenarios.faults.push({
        kind: 'serverError',
        target,
        remaining: times(options.times),
        status,
        retryAfterSeconds: 0,
      });
    },
    rateLimits(enabled = true) {
      ctx.state.scenarios.rateLimits = enabled;
      ctx.state.buckets.clear();
    },
    slowReports({ api, polls, hours }) {
      reports(api, (b) => {
        if (polls !== undefined) b.polls = Math.max(1, polls);
        if (hours !== undefined) b.processingMs = hours * HOUR;
      });
    },
    reportDelay(hours, api) {
      reports(api, (b) => {
        b.processingMs = hours * HOUR;
      });
    },
    emptyReports(api) {
      reports(api, (b) => {
        b.empty = true;
      });
    },
    failReports(api) {
      reports(api, (b) => {
        b.fail = true;
      });
    },
    dataLatency(hours, options = {}) {
      const api = options.api ?? 'all';
      if (api === 'all' || api === 'sales') ctx.state.scenarios.salesDataLatencyMs = hours * HOUR;
      if (api !== 'sales') {
        reports(api, (b) => {
          b.dataLatencyMs = hours * HOUR;
        });
      }
    },
    expireAuthorizationCodes() {
      const now = ctx.clock.now();
      for (const code of ctx.state.codes.values()) code.expiresAt = Math.min(code.expiresAt, now);
      return ctx.state.codes.size;
    },
    expireAccessTokens() {
      const now = ctx.clock.now();
      for (const token of ctx.state.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
      return ctx.state.accessTokens.size;
    },
    autoSignIn(options = {}) {
      if (options === false) {
        ctx.state.scenarios.autoSignIn = null;
        return;
      }
      const email = options.email ?? defaultEmail;
      user(email);
      ctx.state.scenarios.autoSignIn = { email, consent: options.consent ?? true };
    },
    clear() {
      ctx.state.scenarios.faults = [];
      ctx.state.scenarios.rateLimits = false;
      ctx.state.scenarios.reports = { ads: { ...defaultAdsReports }, spapi: { ...defaultSpReports } };
      ctx.state.scenarios.salesDataLatencyMs = 0;
      ctx.state.scenarios.autoSignIn = null;
      ctx.state.buckets.clear();
    },
  };
}

/** Runs a scenario by name with JSON arguments (control endpoint, CLI). */
export function runScenario(scenarios: MockAmazonScenarios, name: string, args: unknown[]): unknown {
  if (!(scenarioNames as readonly string[]).includes(name)) {
    throw new MockAmazonError(
      'UNKNOWN_SCENARIO',
      `Unknown scenario ${name}; known: ${scenarioNames.join(', ')}`,
    );
  }
  const fn = scenarios[name as keyof MockAmazonScenarios] as (...a: unknown[]) => unknown;
  return fn(...args);
}
