import type { FeatureAvailability, FeatureId } from '@smart-ads/core';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';

/**
 * One feature flag; re-renders only when it changes.
 *
 * @example
 * ```tsx
 * const rules = useFeature('rules');
 * if (!rules.enabled) return <p>{rules.message}</p>;
 * ```
 */
export function useFeature(id: FeatureId): FeatureAvailability {
  return useConnectionsSelector((view) => view.features[id], sameData);
}
