import { displayMetric, useFeature, useMetric, useMetrics } from '@smart-ads/react';
import { useState } from 'react';
import { locale } from '../locale';
import { FeaturePanel } from './FeaturePanel';

/** What the server's Apply route answered for one product. */
type Applied = { readonly changes: number } | { readonly error: string };

/** Applies a suggestion on the server: the bids of the product's campaigns go down 10% in the Ads API. */
async function applyOnServer(asin: string): Promise<Applied> {
  const response = await fetch('/api/optimiser/apply', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ asin }),
  });
  const body = (await response.json().catch(() => ({}))) as { changes?: unknown[]; detail?: string };
  return response.ok
    ? { changes: body.changes?.length ?? 0 }
    : { error: body.detail ?? 'Apply did not reach Amazon. Try again.' };
}

/**
 * Suggestions with Apply actions (both run on the Advertising connection): the three products that spent most on
 * ads are suggested for a bid review. Apply lowers their bids in Amazon Ads through the example's server.
 */
export function SuggestionsPanel() {
  const { data } = useMetrics();
  const adSpend = useMetric('adSpend', { locale });
  const apply = useFeature('applyActions');
  const [applied, setApplied] = useState<ReadonlyMap<string, Applied | 'applying'>>(new Map());
  const apply1 = (asin: string) => {
    setApplied((previous) => new Map(previous).set(asin, 'applying'));
    void applyOnServer(asin).then((result) => setApplied((previous) => new Map(previous).set(asin, result)));
  };
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
              <ApplyButton
                asin={row.asin}
                state={applied.get(row.asin)}
                enabled={apply.enabled}
                onApply={apply1}
              />
            </li>
          ))}
        </ul>
      )}
    </FeaturePanel>
  );
}

function ApplyButton(props: {
  asin: string;
  state: Applied | 'applying' | undefined;
  enabled: boolean;
  onApply: (asin: string) => void;
}) {
  const { state } = props;
  if (state !== undefined && state !== 'applying' && 'changes' in state) {
    return <span className="applied">Applied: {state.changes} bids lowered</span>;
  }
  return (
    <>
      {state !== undefined && state !== 'applying' ? <span className="stopped">{state.error}</span> : null}
      <button
        type="button"
        disabled={!props.enabled || state === 'applying'}
        onClick={() => props.onApply(props.asin)}
      >
        Apply<span className="visually-hidden"> to {props.asin}</span>
      </button>
    </>
  );
}
