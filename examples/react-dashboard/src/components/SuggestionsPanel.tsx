import { useFeature, useMetrics } from '@smart-ads/react';
import { useState } from 'react';
import { locale } from '../metric-text';
import { FeaturePanel } from './FeaturePanel';

/**
 * Suggestions with Apply actions (both run on the Advertising connection): the three products that spent most on
 * ads are suggested for a bid review. Applying one is local to this demo.
 */
export function SuggestionsPanel() {
  const { data } = useMetrics();
  const apply = useFeature('applyActions');
  const [applied, setApplied] = useState<ReadonlySet<string>>(new Set());
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: data?.currency ?? 'USD' });
  const top = (data?.asins ?? [])
    .flatMap((row) => (row.adSpend.value === null ? [] : [{ asin: row.asin, spend: row.adSpend.value }]))
    .sort((a, b) => b.spend - a.spend)
    .slice(0, 3);
  return (
    <FeaturePanel title="Suggestions" feature="suggestions">
      {top.length === 0 ? (
        <p>Suggestions appear once data from Amazon has arrived.</p>
      ) : (
        <ul className="suggestions">
          {top.map(({ asin, spend }) => (
            <li key={asin}>
              <span>
                Lower the bids of {asin}: it spent {money.format(spend)} on ads in the last 7 days.
              </span>
              {applied.has(asin) ? (
                <span className="applied">Applied</span>
              ) : (
                <button
                  type="button"
                  disabled={!apply.enabled}
                  onClick={() => setApplied((previous) => new Set(previous).add(asin))}
                >
                  Apply<span className="visually-hidden"> to {asin}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </FeaturePanel>
  );
}
