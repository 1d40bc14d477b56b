import { ConnectionsError } from './connections-error';

/**
 * No answer came back: the network failed or the request timed out. Code `network_error`; nothing was changed
 * on our side of the request, although the server may have received it.
 *
 * @example
 * ```ts
 * import { NetworkFailureError } from '@smart-ads/core';
 * if (error instanceof NetworkFailureError && error.timedOut) showSlowNetworkHint();
 * ```
 */
export class NetworkFailureError extends ConnectionsError {
  override readonly name: string = 'NetworkFailureError';
  /** True when the request took longer than the transport's `timeout`. */
  declare readonly timedOut: boolean;

  constructor(timedOut: boolean, cause?: unknown) {
    super('network_error', cause === undefined ? {} : { cause });
    this.timedOut = timedOut;
  }
}
