import type { ConnectionsView } from '@smart-ads/core';
import { useConnectionsSelector } from './use-connections-selector';

const whole = (view: ConnectionsView) => view;

/**
 * The whole view model (`connectionsView(snapshot, send)` of `@smart-ads/core`): both connections, every figure's
 * availability, the feature flags, the last refusal. Re-renders on every change of the engine; prefer the
 * narrower hooks in components that show one thing.
 *
 * @example
 * ```tsx
 * const view = useConnectionsView();
 * if (view.phase === 'load_failed') return <button onClick={view.retryLoad}>{view.loadTrouble?.message}</button>;
 * ```
 */
export function useConnectionsView(): ConnectionsView {
  return useConnectionsSelector(whole);
}
