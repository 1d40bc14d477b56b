import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type * as z from 'zod/mini';
import type { ErrorCode } from '../contract/error-codes';
import { contractRoutes } from '../contract/paths';
import {
  authorizeResponseSchema,
  callbackResponseSchema,
  connectionsStatusSchema,
  disconnectResponseSchema,
  metricsResponseSchema,
  problemSchema,
  selectAccountResponseSchema,
} from '../contract/schemas';
import { ConnectionsError } from '../errors/connections-error';
import { NetworkFailureError } from '../errors/network-failure-error';
import { ProblemError } from '../errors/problem-error';
import { UnexpectedResponseError } from '../errors/unexpected-response-error';
import type { RequestOptions, Transport } from './transport.types';

/**
 * Headers to add to every request, or a function asked before each request (for short-lived tokens).
 *
 * @example
 * ```ts
 * const headers: HeadersOption = async () => ({ authorization: `Bearer ${await getToken()}` });
 * ```
 */
export type HeadersOption =
  | Readonly<Record<string, string>>
  | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/**
 * Options of {@link createHttpTransport}.
 *
 * @example
 * ```ts
 * createHttpTransport({ baseUrl: '/api/amazon', timeout: 5000, retries: 3 });
 * ```
 */
export interface HttpTransportOptions {
  /** Where the host mounted the backend handler, for example `/api/amazon` or `https://api.example/amazon`. */
  readonly baseUrl: string;
  /**
   * The fetch implementation (an SSR framework's, an instrumented one, msw's interceptor sees the global one).
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Extra headers (a CSRF token, a bearer token provider…). A function is called before every request.
   * @default {}
   */
  readonly headers?: HeadersOption;
  /**
   * Per-attempt timeout in milliseconds.
   * @default 10000
   */
  readonly timeout?: number;
  /**
   * How many times an idempotent request (GET status, GET metrics) is retried after a network error, a timeout,
   * 408, 429, 500, 502, 503 or 504, with exponential backoff and `Retry-After` honoured. POSTs are never retried.
   * @default 2
   */
  readonly retries?: number;
  /**
   * The longest wait a `Retry-After` header may impose, in milliseconds.
   * @default 30000
   */
  readonly maxRetryAfter?: number;
}

function statusCode(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 404 || status === 422) return 'invalid_request';
  if (status === 502 || status === 504) return 'amazon_unavailable';
  if (status >= 500) return 'server_error';
  return 'unexpected_response';
}

function issuePaths(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
}

async function toError(error: unknown, route: string): Promise<ConnectionsError> {
  if (error instanceof ConnectionsError) return error;
  if (error instanceof HTTPError) {
    const problem = problemSchema.safeParse(error.data);
    if (problem.success) {
      return new ProblemError(problem.data.code as ErrorCode, error.response.status, problem.data.detail);
    }
    const status = error.response.status;
    const code = statusCode(status);
    if (code === 'unexpected_response')
      return new UnexpectedResponseError(route, ['(status)'], status, error);
    return new ConnectionsError(code, { status, cause: error });
  }
  // A timeout, an abort or a failed fetch: no answer came back.
  return new NetworkFailureError(error instanceof TimeoutError, error);
}

/**
 * The {@link Transport} over HTTP with ky: timeouts, retries with backoff for idempotent requests only (never
 * the callback or a disconnect), `Retry-After` honoured, every answer validated against the contract. A body that
 * is not JSON or fails the schema rejects with {@link UnexpectedResponseError}; a problem+json answer rejects with
 * {@link ProblemError} carrying the server's code; no answer rejects with {@link NetworkFailureError}.
 *
 * @example
 * ```ts
 * import { createHttpTransport } from '@smart-ads/core';
 * const transport = createHttpTransport({
 *   baseUrl: '/api/amazon',
 *   headers: () => ({ 'x-csrf-token': readCsrfCookie() }),
 * });
 * const status = await transport.getStatus();
 * ```
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const api: KyInstance = ky.create({
    prefix: options.baseUrl,
    timeout: options.timeout ?? 10_000,
    credentials: 'same-origin',
    retry: {
      limit: options.retries ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfter ?? 30_000,
      backoffLimit: 5_000,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const headers = async (): Promise<Record<string, string>> => {
    const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
    return { accept: 'application/json', ...extra };
  };

  async function call<S extends z.ZodMiniType>(
    route: { readonly method: string; readonly path: string },
    schema: S,
    init: { json?: unknown; searchParams?: Record<string, string>; signal?: AbortSignal | undefined },
  ): Promise<z.infer<S>> {
    const name = `${route.method} ${route.path}`;
    let response: Response;
    try {
      response = await api(route.path.slice(1), {
        method: route.method.toLowerCase(),
        headers: await headers(),
        ...(init.json === undefined ? {} : { json: init.json }),
        ...(init.searchParams ? { searchParams: init.searchParams } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      throw await toError(error, name);
    }
    let body: unknown;
    try {
      const text = await response.text();
      body = JSON.parse(text) as unknown;
    } catch (error) {
      throw new UnexpectedResponseError(name, ['(body is not JSON)'], response.status, error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UnexpectedResponseError(name, issuePaths(parsed.error), response.status);
    return parsed.data;
  }

  const signalOf = (requestOptions: RequestOptions | undefined) => requestOptions?.signal;

  return {
    getStatus: (requestOptions) =>
      call(contractRoutes.status, connectionsStatusSchema, { signal: signalOf(requestOptions) }),
    authorize: (request, requestOptions) =>
      call(contractRoutes.authorize, authorizeResponseSchema, {
        json: request,
        signal: signalOf(requestOptions),
      }),
    callback: (request) => call(contractRoutes.callback, callbackResponseSchema, { json: request }),
    selectAccount: (request) =>
      call(contractRoutes.selectAccount, selectAccountResponseSchema, { json: request }),
    disconnect: (request) => call(contractRoutes.disconnect, disconnectResponseSchema, { json: request }),
    getMetrics: (range, requestOptions) =>
      call(contractRoutes.metrics, metricsResponseSchema, {
        searchParams: {
          from: range.from,
          to: range.to,
          ...(range.marketplace ? { marketplace: range.marketplace } : {}),
        },
        signal: signalOf(requestOptions),
      }),
  };
}
