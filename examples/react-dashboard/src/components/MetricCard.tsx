import { type MetricKey, useMetric, useMetrics } from '@smart-ads/react';
import { metricText } from '../metric-text';

/** One headline figure: its value, "Populating…", or `–` with the reason under it. */
export function MetricCard({ metric }: { metric: MetricKey }) {
  const { label, availability, value } = useMetric(metric);
  const { data } = useMetrics();
  const id = `metric-${metric}`;
  return (
    <section className="card" aria-labelledby={id} data-state={availability.state}>
      <h3 id={id}>{label}</h3>
      <p className="value">{metricText(metric, availability, value, data?.currency ?? null)}</p>
      {availability.state === 'unavailable' && <p className="hint">{availability.message}</p>}
    </section>
  );
}
