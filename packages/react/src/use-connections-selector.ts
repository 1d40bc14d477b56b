import type { ConnectionsView } from '@smart-ads/core';
import { useConnectionsContext } from './connections-context';
import { useStoreSelector } from './use-store-selector';

/**
 * Reads a part of the view model; the component re-renders only when that part changes by `isEqual`
 * (default `Object.is`; use {@link sameData} when the selector returns an object built from the view).
 *
 * @example
 * ```tsx
 * import { sameData, useConnectionsSelector } from '@smart-ads/react';
 * const rules = useConnectionsSelector((view) => view.features.rules, sameData);
 * const phase = useConnectionsSelector((view) => view.phase);
 * ```
 */
export function useConnectionsSelector<T>(
  selector: (view: ConnectionsView) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const { connections } = useConnectionsContext();
  return useStoreSelector(connections.subscribe, connections.getView, selector, isEqual);
}
