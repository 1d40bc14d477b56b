import { AsyncLocalStorage } from 'node:async_hooks';
import type { AmazonBaseUrls } from '../amazon/amazon-base-urls';
import type { AmazonFetch } from '../amazon/amazon-fetch';
import type { Telemetry } from './telemetry';

/**
 * The fields of one log line: plain values only. The server half never puts a token, an authorization code,
 * a secret, a `state`, a URL query or an account's name in them.
 *
 * @example
 * ```ts
 * const fields: LogFields = { requestId: 'req_1', route: 'GET /status', status: 200, durationMs: 3.2 };
 * ```
 */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Where the server half writes what happened, one call per line: the shape of `console` (message, then fields).
 * `debug` is optional (each Amazon call is logged at `debug`). Adapting pino takes one line per level, as pino
 * wants the fields first: `info: (message, fields) => pino.info(fields, message)`.
 *
 * @example
 * ```ts
 * const log: ConnectionsLog = {
 *   debug: (message, fields) => console.debug(message, fields),
 *   info: (message, fields) => console.info(message, fields),
 *   warn: (message, fields) => console.warn(message, fields),
 *   error: (message, fields) => console.error(message, fields),
 * };
 * ```
 */
export interface ConnectionsLog {
  debug?(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}

/**
 * The log the engine writes to: every line carries the fields of the request it serves (request id,
 * subscription, route) without each caller passing them. Internal.
 *
 * @example
 * ```ts
 * engine.log.warn('Amazon data could not be refreshed', { code: 'rate_limited' });
 * ```
 */
export interface EngineLog {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * What every line written while serving one request (or one host call) carries.
 *
 * @example
 * ```ts
 * withLogContext({ requestId: 'req_1', subscriptionId: 'sub_1', route: 'GET /metrics' }, () => work());
 * ```
 */
export interface LogContext {
  readonly requestId: string;
  readonly subscriptionId?: string;
  readonly route?: string;
  readonly actor?: string;
}

const contexts = new AsyncLocalStorage<{ fields: Record<string, string> }>();

/**
 * Runs `work` with `context` added to every log line it causes (Amazon calls included).
 *
 * @example
 * ```ts
 * await withLogContext({ requestId }, () => handle(request));
 * ```
 */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  const fields: Record<string, string> = { ...(contexts.getStore()?.fields ?? {}) };
  for (const [key, value] of Object.entries(context)) if (typeof value === 'string') fields[key] = value;
  return contexts.run({ fields }, work);
}

/**
 * Adds to the current context (the subscription once the request is authenticated).
 *
 * @example
 * ```ts
 * addLogContext({ subscriptionId: subscription.id });
 * ```
 */
export function addLogContext(context: Partial<LogContext>): void {
  const store = contexts.getStore();
  if (!store) return;
  for (const [key, value] of Object.entries(context))
    if (typeof value === 'string') store.fields[key] = value;
}

/** The old `logger` option's shape: one message, warnings and errors only. */
interface MessageLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** `key=value` pairs appended to a message for the old one-string `logger`. */
function inline(message: string, fields: LogFields): string {
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${String(value)}`);
  return pairs.length === 0 ? message : `${message} ${pairs.join(' ')}`;
}

const consoleLog: ConnectionsLog = {
  info: (message, fields) => console.info(`[smart-ads] ${message}`, fields),
  warn: (message, fields) => console.warn(`[smart-ads] ${message}`, fields),
  error: (message, fields) => console.error(`[smart-ads] ${message}`, fields),
};

/**
 * The engine's log on the host's `log` (structured), or its older `logger` (`{ warn, error }`, one string: the
 * fields are appended as `key=value`, and info/debug lines are dropped as before), or the console (info and up).
 *
 * @example
 * ```ts
 * const log = createEngineLog({ log: options.log, logger: options.logger });
 * ```
 */
export function createEngineLog(options: { log?: ConnectionsLog; logger?: MessageLogger }): EngineLog {
  const target: ConnectionsLog =
    options.log ??
    (options.logger
      ? {
          info: () => undefined,
          warn: (message, fields) => options.logger?.warn(inline(message, fields)),
          error: (message, fields) => options.logger?.error(inline(message, fields)),
        }
      : consoleLog);
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: LogFields = {}) => {
      const line = target[level];
      if (!line) return;
      try {
        line.call(target, message, { ...(contexts.getStore()?.fields ?? {}), ...fields });
      } catch {
        // a failing logger never fails a request
      }
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** The header where Amazon names its own id of a request (Ads API, SP-API, Login with Amazon). */
const amazonRequestIdHeaders = ['x-amzn-requestid', 'x-amz-request-id', 'x-amz-rid'];

/**
 * Which Amazon service and endpoint family a URL is (`lwa:/auth/o2/token`, `ads:/sp/keywords`,
 * `sp-api:/reports`), from the configured hosts; the path keeps only its first two name segments (no ids, no
 * query).
 *
 * @example
 * ```ts
 * amazonEndpoint(baseUrls, 'https://advertising-api.amazon.com/sp/keywords/list'); // 'ads:/sp/keywords'
 * ```
 */
export function amazonEndpoint(baseUrls: AmazonBaseUrls, url: string): string {
  const services: [string, Readonly<Record<string, string>>][] = [
    ['lwa', baseUrls.token],
    ['ads', baseUrls.ads],
    ['sp-api', baseUrls.spApi],
    ['seller-central', baseUrls.sellerCentral],
    ['lwa-authorize', baseUrls.authorize],
  ];
  let best = { service: 'amazon', prefix: '' };
  for (const [service, hosts] of services) {
    for (const host of Object.values(hosts)) {
      const prefix = host.replace(/\/+$/, '');
      if ((url === prefix || url.startsWith(`${prefix}/`)) && prefix.length > best.prefix.length) {
        best = { service, prefix };
      }
    }
  }
  const rest = best.prefix ? url.slice(best.prefix.length) : new URL(url).pathname;
  return `${best.service}:${pathFamily(rest)}`;
}

/**
 * The first name segments of a path (at most two): lower-case start, letters, at most a trailing digit (`v2`);
 * ids, dates and UUIDs end it.
 *
 * @example
 * ```ts
 * pathFamily('/reports/2021-06-30/reports/1'); // '/reports'
 * ```
 */
export function pathFamily(path: string): string {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  const names: string[] = [];
  for (const segment of pathname.split('/').filter(Boolean)) {
    if (names.length === 2 || !/^[a-z][a-zA-Z]{0,40}\d?$/.test(segment)) break;
    names.push(segment);
  }
  return `/${names.join('/')}`;
}

/**
 * Logs each request to Amazon at `debug` (`amazon call`: endpoint family, method, status, Amazon's request id,
 * duration), and at `warn` when Amazon throttled (429), failed (5xx) or did not answer. Never the URL's query,
 * a header or a body.
 *
 * @example
 * ```ts
 * const fetch = loggingAmazonFetch(withDeadline(globalThis.fetch, 4_000), log, baseUrls);
 * ```
 */
export function loggingAmazonFetch(
  fetch: AmazonFetch,
  log: EngineLog,
  baseUrls: AmazonBaseUrls,
  telemetry?: Telemetry,
): AmazonFetch {
  return async (request) => {
    const started = performance.now();
    const endpoint = amazonEndpoint(baseUrls, request.url);
    const base = { endpoint, method: request.method };
    const span = telemetry?.amazonCall(endpoint, request.method);
    // Login with Amazon: a refresh, and Amazon refusing a grant (`invalid_grant`), are counted.
    const grant =
      telemetry && endpoint.startsWith('lwa:') && request.method === 'POST'
        ? new URLSearchParams(await request.clone().text()).get('grant_type')
        : null;
    if (grant === 'refresh_token') telemetry?.count('token_refreshes');
    try {
      const response = await fetch(request);
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const amazonRequestId =
        amazonRequestIdHeaders.map((name) => response.headers.get(name)).find((value) => value) ?? null;
      const fields = { ...base, status: response.status, amazonRequestId, durationMs };
      if (response.status === 429 || response.status >= 500) log.warn('amazon call', fields);
      else log.debug('amazon call', fields);
      if (telemetry) {
        span?.end(response.status, amazonRequestId);
        telemetry.amazonLatency(durationMs, { endpoint, status: response.status });
        if (response.status === 429) telemetry.count('amazon_rate_limited', { endpoint });
        if (grant && response.status >= 400 && (await response.clone().text()).includes('invalid_grant')) {
          telemetry.count('invalid_grant', { grant_type: grant });
        }
      }
      return response;
    } catch (error) {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const code =
        typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
          ? error.code
          : 'amazon_unavailable';
      log.warn('amazon call failed', { ...base, status: null, code, durationMs });
      span?.end(null, null);
      telemetry?.amazonLatency(durationMs, { endpoint, status: 0 });
      throw error;
    }
  };
}

/**
 * One Amazon call as metrics see it (status null: no answer).
 *
 * @example
 * ```ts
 * const call: AmazonCallRecord = { endpoint: 'ads:/sp/keywords', status: 200, durationMs: 84 };
 * ```
 */
export interface AmazonCallRecord {
  readonly endpoint: string;
  readonly status: number | null;
  readonly durationMs: number;
}
