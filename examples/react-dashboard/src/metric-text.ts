import {
  displayMetric,
  type MetricAvailability,
  type MetricKey,
  type MetricsResponse,
  metricCatalogue,
} from '@smart-ads/react';

/** The dashboard writes figures in US English. */
export const locale = 'en-US';

type MetricValue = MetricsResponse['metrics'][keyof MetricsResponse['metrics']];

/**
 * A figure as the dashboard writes it: a value, `–` (U+2013) or "Populating…".
 *
 * The server half sends percentages in points (ACoS 38.8 means 38.8 %) while `displayMetric` formats a fraction
 * (0.388 → "38.8%"), so percent figures are converted here until the two agree (reported to the core package).
 */
export function metricText(
  key: MetricKey,
  availability: MetricAvailability,
  value: MetricValue | null | undefined,
  currency: string | null,
): string {
  const points = metricCatalogue[key].format === 'percent' || key === 'asinTacos';
  const shown =
    value && value.value !== null && points ? { value: value.value / 100, reason: null } : (value ?? null);
  return displayMetric(key === 'asinTacos' ? 'tacos' : key, availability, shown, { locale, currency });
}
