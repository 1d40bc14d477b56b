import { ConnectionsError, isConnectionsError } from './connections-error';

/**
 * Turns anything thrown into a {@link ConnectionsError}: our own errors pass through, anything else becomes
 * `server_error` with the original kept as `cause`.
 *
 * @example
 * ```ts
 * const error = toConnectionsError(caught);
 * console.log(error.code, error.retryable);
 * ```
 */
export function toConnectionsError(value: unknown): ConnectionsError {
  if (isConnectionsError(value)) return value;
  return new ConnectionsError('server_error', { cause: value });
}
