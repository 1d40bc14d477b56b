import { type ErrorCode, errorCatalogue } from '../contract/error-codes';

/**
 * Options of {@link ConnectionsError}.
 *
 * @example
 * ```ts
 * new ConnectionsError('server_error', { status: 500, cause: error });
 * ```
 */
export interface ConnectionsErrorOptions {
  /** The underlying error, kept for debugging; never shown to the user. */
  readonly cause?: unknown;
  /** The HTTP status the server answered with, when there was an answer. */
  readonly status?: number;
  /** A safe, more specific sentence than the code's message (server side: the problem's `detail`). */
  readonly detail?: string;
  /** Seconds to wait before retrying, when Amazon said so (server side: the `Retry-After` header). */
  readonly retryAfterSeconds?: number | undefined;
}

/**
 * The base class of every error the engine reports. `code` is stable (switch on it, log it, translate it),
 * `message` is the help article's sentence for that code, `retryable` says whether trying again can help.
 * Messages never contain tokens, codes, `state` values or URLs.
 *
 * @example
 * ```ts
 * import { ConnectionsError } from '@smart-ads/core';
 * try {
 *   await transport.disconnect({ kind: 'advertising', confirmed: true });
 * } catch (error) {
 *   if (error instanceof ConnectionsError && error.retryable) showRetryButton(error.message);
 * }
 * ```
 */
export class ConnectionsError extends Error {
  override readonly name: string = 'ConnectionsError';
  /** The stable code, one of {@link ErrorCode}. */
  declare readonly code: ErrorCode;
  /** Whether trying the same thing again (possibly after a wait) can succeed. */
  declare readonly retryable: boolean;
  /** The HTTP status, when the error came from a server answer. */
  declare readonly status: number | undefined;
  /** A safe, more specific sentence than `message`, when there is one; never a token, code or secret. */
  declare readonly detail: string;
  /** Seconds to wait before retrying, when Amazon said so. */
  declare readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: ConnectionsErrorOptions = {}) {
    super(errorCatalogue[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = errorCatalogue[code].retryable;
    this.status = options.status;
    this.detail = options.detail ?? this.message;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * True when `value` is a {@link ConnectionsError} (or a subclass, across bundle copies too), optionally with one
 * of the given codes.
 *
 * @example
 * ```ts
 * if (isConnectionsError(error, 'account_limit_reached')) askToDisconnectFirst();
 * ```
 */
export function isConnectionsError(value: unknown, ...codes: ErrorCode[]): value is ConnectionsError {
  return isAnyConnectionsError(value) && (codes.length === 0 || codes.includes(value.code));
}

function isAnyConnectionsError(value: unknown): value is ConnectionsError {
  if (value instanceof ConnectionsError) return true;
  if (!(value instanceof Error)) return false;
  const candidate = value as Error & { code?: unknown; retryable?: unknown };
  return (
    typeof candidate.code === 'string' &&
    Object.hasOwn(errorCatalogue, candidate.code) &&
    typeof candidate.retryable === 'boolean'
  );
}
