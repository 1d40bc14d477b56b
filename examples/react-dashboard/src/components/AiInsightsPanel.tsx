import { type Metric, useMetric } from '@smart-ads/react';
import { locale } from '../locale';
import { FeaturePanel } from './FeaturePanel';

const available = (metric: Metric) =>
  metric.availability.state === 'available' && metric.value?.value != null;

/** AI Insights (runs on the Advertising connection): a plain-language reading of the figures. */
export function AiInsightsPanel() {
  const roas = useMetric('roas', { locale });
  const acos = useMetric('acos', { locale });
  const tacos = useMetric('tacos', { locale });
  return (
    <FeaturePanel title="AI Insights" feature="aiInsights">
      {available(roas) ? (
        <ul>
          <li>
            Your ads returned {roas.display} their cost over the last 7 days (ACoS {acos.display}).
          </li>
          {available(tacos) ? (
            <li>Advertising cost {tacos.display} of your total sales (TACoS).</li>
          ) : tacos.availability.state === 'unavailable' ? (
            <li>{tacos.availability.message}</li>
          ) : (
            <li>
              {tacos.label}: {tacos.display}
            </li>
          )}
        </ul>
      ) : (
        <p>Insights appear once data from Amazon has arrived.</p>
      )}
    </FeaturePanel>
  );
}
