import { useMetric, useMetrics } from '@smart-ads/react';
import { metricText } from '../metric-text';
import { FeaturePanel } from './FeaturePanel';

/** AI Insights (runs on the Advertising connection): a plain-language reading of the figures. */
export function AiInsightsPanel() {
  const { data } = useMetrics();
  const roas = useMetric('roas');
  const acos = useMetric('acos');
  const tacos = useMetric('tacos');
  const currency = data?.currency ?? null;
  const text = (metric: typeof roas) => metricText(metric.key, metric.availability, metric.value, currency);
  const has = (metric: typeof roas) =>
    metric.availability.state === 'available' && metric.value?.value != null;
  return (
    <FeaturePanel title="AI Insights" feature="aiInsights">
      {has(roas) ? (
        <ul>
          <li>
            Your ads returned {text(roas)} their cost over the last 7 days (ACoS {text(acos)}).
          </li>
          {has(tacos) ? (
            <li>Advertising cost {text(tacos)} of your total sales (TACoS).</li>
          ) : (
            <li>Connect Seller Central to compare ad spend with your total sales.</li>
          )}
        </ul>
      ) : (
        <p>Insights appear once data from Amazon has arrived.</p>
      )}
    </FeaturePanel>
  );
}
