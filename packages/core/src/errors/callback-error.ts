import type { ErrorCode } from '../contract/error-codes';
import type { ConnectionKind } from '../contract/types';
import { ConnectionsError, type ConnectionsErrorOptions } from './connections-error';

/**
 * The return from Amazon's sign-in could not complete a connection: the user refused (`oauth_refused`), the
 * `state` did not match (`state_mismatch`), the transaction expired (`transaction_expired`), the answer was
 * malformed (`callback_malformed`), the exchange was refused, or it failed twice in a row (`reconnect_loop`).
 *
 * @example
 * ```ts
 * import { CallbackError } from '@smart-ads/core';
 * if (error instanceof CallbackError && error.code === 'reconnect_loop') showCredentialsAdvice();
 * ```
 */
export class CallbackError extends ConnectionsError {
  override readonly name: string = 'CallbackError';
  /** The connection the callback was for. */
  declare readonly kind: ConnectionKind;

  constructor(code: ErrorCode, kind: ConnectionKind, options: ConnectionsErrorOptions = {}) {
    super(code, options);
    this.kind = kind;
  }
}
