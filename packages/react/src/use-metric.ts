import type { MetricsQueryState } from '@smart-ads/core';
import {
  type DisplayMetricOptions,
  displayMetric,
  type MetricAvailability,
  type MetricKey,
  type MetricValue,
  metricCatalogue,
} from '@smart-ads/core';
import { useMemo } from 'react';
import { useConnectionsContext } from './connections-context';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';
import { useStoreSelector } from './use-store-selector';

/** One figure: whether it can be shown, its value and the text to show. */
export interface Metric {
  readonly key: MetricKey;
  /** The help article's name ("Total Sales"). */
  readonly label: string;
  /** `available`, `populating` (connected, data not arrived) or `unavailable` with the reason and a sentence. */
  readonly availability: MetricAvailability;
  /** The figure from `GET /metrics`; `null` before it is loaded (and always for the per-ASIN table). */
  readonly value: MetricValue | null;
  /** What to print: the number, the populating label, or `–` (U+2013) when it cannot be computed. */
  readonly display: string;
  /** There is no value yet and the figures of the range are being loaded. */
  readonly loading: boolean;
}

/** Options of {@link useMetric}: how numbers are written (`currency` comes from the server's answer). */
export type MetricOptions = Omit<DisplayMetricOptions, 'currency'>;

interface Loaded {
  readonly value: MetricValue | null;
  readonly currency: string | null;
  readonly loading: boolean;
}

/**
 * One figure's availability and display value. Re-renders only when that figure changes: its availability
 * (a connection it needs changed), its value, or whether it is waiting for its first value.
 *
 * @example
 * ```tsx
 * function TotalSales() {
 *   const metric = useMetric('totalSales', { locale: 'en-US' });
 *   return <p title={metric.availability.state === 'unavailable' ? metric.availability.message : undefined}>{metric.label}: {metric.display}</p>;
 * }
 * ```
 */
export function useMetric(key: MetricKey, options: MetricOptions = {}): Metric {
  const { metrics } = useConnectionsContext();
  const availability = useConnectionsSelector((view) => view.metrics[key], sameData);
  const loaded = useStoreSelector(
    metrics.subscribe,
    metrics.getState,
    (state: MetricsQueryState): Loaded => {
      const value = key === 'asinTacos' ? null : (state.data?.metrics[key] ?? null);
      return {
        value,
        currency: state.data?.currency ?? null,
        loading: value === null && state.status === 'loading',
      };
    },
    sameData,
  );
  const { locale, populatingLabel } = options;
  return useMemo(() => {
    const display = displayMetric(key, availability, loaded.value, {
      ...(locale !== undefined ? { locale } : {}),
      ...(populatingLabel !== undefined ? { populatingLabel } : {}),
      currency: loaded.currency,
    });
    return {
      key,
      label: metricCatalogue[key].label,
      availability,
      value: loaded.value,
      display,
      loading: loaded.loading,
    };
  }, [key, availability, loaded, locale, populatingLabel]);
}
