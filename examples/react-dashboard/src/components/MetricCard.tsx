import { type MetricKey, useMetric } from '@smart-ads/react';
import { locale } from '../locale';

/**
 * One headline figure: its value, "Populating…", or `–` with the reason under it. With `coverageExplained` (the
 * page says once above the cards why the marketplace is not covered, and how to fix it), a not-covered card keeps
 * only the reason's first clause instead of repeating the whole sentence on every card.
 */
export function MetricCard({
  metric,
  coverageExplained = false,
}: {
  metric: MetricKey;
  coverageExplained?: boolean;
}) {
  const { label, availability, display } = useMetric(metric, { locale });
  const hint =
    availability.state !== 'unavailable'
      ? null
      : coverageExplained && availability.reason === 'not_covered'
        ? `${availability.message.split(':')[0]}.`
        : availability.message;
  const id = `metric-${metric}`;
  return (
    <section className="card" aria-labelledby={id} data-state={availability.state}>
      <h3 id={id}>{label}</h3>
      <p className="value">{display}</p>
      {hint && <p className="hint">{hint}</p>}
    </section>
  );
}
