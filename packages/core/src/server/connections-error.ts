import { type ErrorCode, errorCatalogue } from '../contract/error-codes';

/** The HTTP status each error code travels with in a problem response. */
const statusByCode: { readonly [C in ErrorCode]: number } = {
  account_limit_reached: 409,
  account_conflict: 409,
  no_advertising_access: 422,
  no_seller_central_access: 422,
  advertising_required: 409,
  oauth_refused: 422,
  reconnect_loop: 422,
  state_mismatch: 400,
  transaction_expired: 410,
  callback_malformed: 400,
  authorization_code_rejected: 422,
  popup_blocked: 400,
  confirmation_required: 428,
  not_connected: 404,
  data_slow: 503,
  data_still_slow: 503,
  unauthorized: 401,
  invalid_request: 400,
  rate_limited: 429,
  amazon_unavailable: 502,
  network_error: 502,
  server_error: 500,
  unexpected_response: 502,
};

/**
 * A failure of the server half with a stable {@link ErrorCode}. Its message is always the catalogue's
 * human sentence (never a token, code or secret); `detail` may add a safe, more specific sentence.
 *
 * @example
 * ```ts
 * import { ConnectionsError } from '@smart-ads/core/server';
 * try {
 *   await handler(request);
 * } catch (error) {
 *   if (error instanceof ConnectionsError && error.code === 'account_limit_reached') {
 *     // tell the user to disconnect the current account first
 *   }
 * }
 * ```
 */
export class ConnectionsError extends Error {
  override readonly name = 'ConnectionsError';
  /** The stable code hosts may switch on. */
  readonly code: ErrorCode;
  /** The HTTP status of the problem response. */
  readonly status: number;
  /** Whether trying again (possibly after a wait) can succeed. */
  readonly retryable: boolean;
  /** Seconds to wait before retrying, when Amazon said so. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; retryAfterSeconds?: number | undefined; cause?: unknown } = {},
  ) {
    super(options.detail ?? errorCatalogue[code].message, { cause: options.cause });
    this.code = code;
    this.status = statusByCode[code];
    this.retryable = errorCatalogue[code].retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * True when `error` is a {@link ConnectionsError}, optionally with one of the given codes.
 *
 * @example
 * ```ts
 * if (isConnectionsError(error, 'rate_limited')) await wait(error.retryAfterSeconds ?? 1);
 * ```
 */
export function isConnectionsError(error: unknown, ...codes: ErrorCode[]): error is ConnectionsError {
  return error instanceof ConnectionsError && (codes.length === 0 || codes.includes(error.code));
}
