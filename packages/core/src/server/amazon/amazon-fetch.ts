import type * as z from 'zod/mini';
import { ConnectionsError } from '../../errors/connections-error';

/** How the server half reaches Amazon: `fetch`, or a test's in-process mock. */
export type AmazonFetch = (request: Request) => Promise<Response>;

/**
 * Amazon said the authorization no longer works (401/403 on an API call, `invalid_grant` on refresh):
 * the password changed or the access was revoked. Internal: the token manager turns it into a stale mark.
 */
export class StaleAuthorizationError extends Error {
  override readonly name = 'StaleAuthorizationError';
  constructor() {
    super('Amazon no longer accepts this authorization');
  }
}

/**
 * Gives every request to Amazon a deadline that covers the answer and its whole body: past `timeoutMs` the
 * request is aborted and the call fails with `amazon_unavailable` (retryable). Bodies are read inside the deadline,
 * so a server that sends headers and then stalls cannot hold a request either.
 *
 * @example
 * ```ts
 * const fetch = withDeadline(globalThis.fetch, 4_000);
 * ```
 */
export function withDeadline(fetch: AmazonFetch, timeoutMs: number): AmazonFetch {
  return async (request) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ConnectionsError('amazon_unavailable', {
          detail: `Amazon did not answer within ${timeoutMs / 1000} s.`,
        });
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    expired.catch(() => undefined);
    try {
      const signal = AbortSignal.any([request.signal, controller.signal]);
      const response = await Promise.race([fetch(new Request(request, { signal })), expired]);
      const body = await Promise.race([response.arrayBuffer(), expired]);
      return new Response(response.status === 204 || response.status === 304 ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(response: Response, now: number): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * Sends one request to Amazon and maps failures to typed errors: 429 → `rate_limited` (with
 * Retry-After), 5xx or no answer → `amazon_unavailable`, 401/403 → {@link StaleAuthorizationError}.
 * Other statuses come back for the caller to judge.
 */
export async function sendToAmazon(fetch: AmazonFetch, request: Request, now: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (cause) {
    if (cause instanceof ConnectionsError) throw cause;
    throw new ConnectionsError('amazon_unavailable', { cause });
  }
  if (response.status === 429) {
    await response.body?.cancel();
    throw new ConnectionsError('rate_limited', { retryAfterSeconds: retryAfterSeconds(response, now) });
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new ConnectionsError('amazon_unavailable', { retryAfterSeconds: retryAfterSeconds(response, now) });
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new StaleAuthorizationError();
  }
  return response;
}

/**
 * Reads a JSON body and checks it against `schema`; anything else (HTML, truncated JSON, a missing
 * field) is `amazon_unavailable` with a safe detail, never the body itself.
 */
export async function readAmazonJson<S extends z.ZodMiniType>(
  response: Response,
  schema: S,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new ConnectionsError('amazon_unavailable', { detail: 'Amazon sent a malformed answer.', cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ConnectionsError('amazon_unavailable', {
      detail: 'Amazon sent an answer in an unexpected shape.',
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Fails with `amazon_unavailable` unless the status is 2xx. */
export async function expectOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  await response.body?.cancel();
  throw new ConnectionsError('amazon_unavailable', {
    detail: `Amazon refused the request (HTTP ${response.status}).`,
  });
}
