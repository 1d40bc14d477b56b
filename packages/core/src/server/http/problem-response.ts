import { errorCatalogue } from '../../contract/error-codes';
import { problemContentType } from '../../contract/paths';
import type { Problem } from '../../contract/types';
import type { ConnectionsError } from '../../errors/connections-error';
import { problemStatusByCode } from './problem-status';

/**
 * Turns a {@link ConnectionsError} into an `application/problem+json` response (RFC 9457) matching the
 * contract's `problemSchema`. Adds `Retry-After` when Amazon asked for a wait.
 *
 * @example
 * ```ts
 * return problemResponse(new ConnectionsError('unauthorized')); // 401, code "unauthorized"
 * ```
 */
export function problemResponse(error: ConnectionsError): Response {
  const status = problemStatusByCode[error.code];
  const body: Problem = {
    type: `https://smart-ads.invalid/problems/${error.code}`,
    title: errorCatalogue[error.code].message,
    status,
    code: error.code,
    detail: error.detail,
    retryable: error.retryable,
  };
  const headers = new Headers({ 'content-type': problemContentType, 'cache-control': 'no-store' });
  if (error.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(Math.ceil(error.retryAfterSeconds)));
  return new Response(JSON.stringify(body), { status, headers });
}
