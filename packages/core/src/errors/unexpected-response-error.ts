import { ConnectionsError } from './connections-error';

/**
 * The server answered with something this version does not understand: a body that is not JSON, or JSON that
 * fails the contract's schema. Code `unexpected_response`. The machine keeps its previous state.
 * `issues` lists the failing paths only (never the values, which may be secrets).
 *
 * @example
 * ```ts
 * import { UnexpectedResponseError } from '@smart-ads/core';
 * if (error instanceof UnexpectedResponseError) console.warn('contract drift at', error.issues);
 * ```
 */
export class UnexpectedResponseError extends ConnectionsError {
  override readonly name: string = 'UnexpectedResponseError';
  /** The route that answered, for example `GET /status`. */
  declare readonly route: string;
  /** Where the answer departs from the schema, as dotted paths (`advertising.account.name`). */
  declare readonly issues: readonly string[];

  constructor(route: string, issues: readonly string[], status: number, cause?: unknown) {
    super('unexpected_response', cause === undefined ? { status } : { status, cause });
    this.route = route;
    this.issues = issues;
  }
}
