import {
  displayMetric,
  type MetricAvailability,
  type MetricKey,
  type MetricsResponse,
} from '@smart-ads/react';

/** The dashboard writes figures in US English. */
export const locale = 'en-US';

type MetricValue = MetricsResponse['metrics'][keyof MetricsResponse['metrics']];

/** A figure as the dashboard writes it: a value, `–` (U+2013) or "Populating…". */
export function metricText(
  key: MetricKey,
  availability: MetricAvailability,
  value: MetricValue | null | undefined,
  currency: string | null,
): string {
  return displayMetric(key === 'asinTacos' ? 'tacos' : key, availability, value ?? null, {
    locale,
    currency,
  });
}
