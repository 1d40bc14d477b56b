import { type Metric, useMetric } from '@smart-ads/react';
import { locale } from '../locale';
import { FeaturePanel } from './FeaturePanel';

const available = (metric: Metric) =>
  metric.availability.state === 'available' && metric.value?.value != null;

/**
 * AI Insights (runs on the Advertising connection): a plain-language reading of the figures. Only readings are
 * listed; a figure an insight would need but cannot have yet (TACoS without Seller Central, or still populating)
 * is a note under the list, not an insight.
 */
export function AiInsightsPanel() {
  const roas = useMetric('roas', { locale });
  const acos = useMetric('acos', { locale });
  const tacos = useMetric('tacos', { locale });
  if (!available(roas)) {
    return (
      <FeaturePanel title="AI Insights" feature="aiInsights">
        <p>Insights appear once data from Amazon has arrived.</p>
      </FeaturePanel>
    );
  }
  const { availability } = tacos;
  return (
    <FeaturePanel title="AI Insights" feature="aiInsights">
      <ul>
        <li>
          Your ads returned {roas.display} their cost over the last 7 days (ACoS {acos.display}).
        </li>
        {available(tacos) && <li>Advertising cost {tacos.display} of your total sales (TACoS).</li>}
      </ul>
      {availability.state === 'unavailable' && (
        <p className="hint insight-note">No TACoS insight: {availability.message}</p>
      )}
      {availability.state === 'populating' && (
        <p className="hint insight-note">The TACoS insight appears once Seller Central data has arrived.</p>
      )}
    </FeaturePanel>
  );
}
