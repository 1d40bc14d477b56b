import type { MetricsQueryState, MetricsRange } from '@smart-ads/core';
import { useCallback } from 'react';
import { useConnectionsContext } from './connections-context';
import { useStoreSelector } from './use-store-selector';

/** The figures loaded for the dashboard's range, and how to change or reload them. */
export interface Metrics extends MetricsQueryState {
  /** Shows another range (cached ranges show at once). */
  setRange(range: MetricsRange | null): void;
  /** Loads the current range again. */
  reload(): void;
}

const whole = (state: MetricsQueryState) => state;

/**
 * The figures of `GET /metrics` for the provider's `metricsRange`: loaded when the status is known and again on
 * every connect, reconnect, disconnect or data arrival (the old figures stay meanwhile, flagged `stale`).
 * Use it for the per-ASIN TACoS table (`data.asins`); single figures are simpler with {@link useMetric}.
 *
 * @example
 * ```tsx
 * const metrics = useMetrics();
 * {metrics.error && <button onClick={metrics.reload}>{metrics.error.message}</button>}
 * ```
 */
export function useMetrics(): Metrics {
  const { metrics } = useConnectionsContext();
  const state = useStoreSelector(metrics.subscribe, metrics.getState, whole, Object.is);
  const setRange = useCallback((range: MetricsRange | null) => metrics.setRange(range), [metrics]);
  const reload = useCallback(() => metrics.reload(), [metrics]);
  return { ...state, setRange, reload };
}
