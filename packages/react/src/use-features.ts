import type { ConnectionsView } from '@smart-ads/core';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';

const features = (view: ConnectionsView) => view.features;

/**
 * Every optimiser feature flag (Suggestions, Apply actions, AI Insights, Rules): enabled, or disabled with the
 * reason (Advertising disconnected or stale) and a sentence for the user.
 *
 * @example
 * ```tsx
 * const features = useFeatures();
 * <button disabled={!features.applyActions.enabled}>Apply</button>
 * ```
 */
export function useFeatures(): ConnectionsView['features'] {
  return useConnectionsSelector(features, sameData);
}
