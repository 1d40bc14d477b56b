import { displayMetric, useFeature, useMetric, useMetrics } from '@smart-ads/react';
import { useState } from 'react';
import { locale } from '../locale';
import { FeaturePanel } from './FeaturePanel';

/**
 * Suggestions with Apply actions (both run on the Advertising connection): the three products that spent most on
 * ads are suggested for a bid review. Applying one is local to this demo.
 */
export function SuggestionsPanel() {
  const { data } = useMetrics();
  const adSpend = useMetric('adSpend', { locale });
  const apply = useFeature('applyActions');
  const [applied, setApplied] = useState<ReadonlySet<string>>(new Set());
  const options = { locale, currency: data?.currency ?? null };
  const top = (data?.asins ?? [])
    .filter((row) => row.adSpend.value !== null)
    .sort((a, b) => (b.adSpend.value ?? 0) - (a.adSpend.value ?? 0))
    .slice(0, 3);
  return (
    <FeaturePanel title="Suggestions" feature="suggestions">
      {adSpend.availability.state !== 'available' || top.length === 0 ? (
        <p>Suggestions appear once data from Amazon has arrived.</p>
      ) : (
        <ul className="suggestions">
          {top.map((row) => (
            <li key={row.asin}>
              <span>
                Lower the bids of {row.asin}: it spent{' '}
                {displayMetric('adSpend', adSpend.availability, row.adSpend, options)} on ads in the last 7
                days.
              </span>
              {applied.has(row.asin) ? (
                <span className="applied">Applied</span>
              ) : (
                <button
                  type="button"
                  disabled={!apply.enabled}
                  onClick={() => setApplied((previous) => new Set(previous).add(row.asin))}
                >
                  Apply<span className="visually-hidden"> to {row.asin}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </FeaturePanel>
  );
}
