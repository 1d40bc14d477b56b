import type { ErrorCode } from '../contract/error-codes';
import { ConnectionsError } from './connections-error';

/**
 * The server answered with an `application/problem+json` body carrying one of our stable codes
 * (for example `account_limit_reached` with status 409). `detail` is the server's own explanation.
 *
 * @example
 * ```ts
 * import { ProblemError } from '@smart-ads/core';
 * if (error instanceof ProblemError && error.code === 'confirmation_required') openConfirmation();
 * ```
 */
export class ProblemError extends ConnectionsError {
  override readonly name: string = 'ProblemError';

  constructor(code: ErrorCode, status: number, detail: string) {
    super(code, { status, detail });
  }
}
