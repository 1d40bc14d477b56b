import type { Connections } from '@smart-ads/core';
import { useConnectionsContext } from './connections-context';

/**
 * The engine of the nearest {@link ConnectionsProvider}: for hosts that need `send`, `loadMetrics` or the XState
 * actor directly.
 *
 * @example
 * ```tsx
 * const connections = useConnectionsEngine();
 * useEffect(() => connections.actor.subscribe((snapshot) => log(snapshot.value)).unsubscribe, [connections]);
 * ```
 */
export function useConnectionsEngine(): Connections {
  return useConnectionsContext().connections;
}
