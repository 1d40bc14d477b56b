import { type MetricKey, useMetric } from '@smart-ads/react';
import { locale } from '../locale';

/** One headline figure: its value, "Populating…", or `–` with the reason under it. */
export function MetricCard({ metric }: { metric: MetricKey }) {
  const { label, availability, display } = useMetric(metric, { locale });
  const id = `metric-${metric}`;
  return (
    <section className="card" aria-labelledby={id} data-state={availability.state}>
      <h3 id={id}>{label}</h3>
      <p className="value">{display}</p>
      {availability.state === 'unavailable' && <p className="hint">{availability.message}</p>}
    </section>
  );
}
