import { displayMetric, sameData, useConnectionsSelector, useMetrics } from '@smart-ads/react';
import { locale } from '../locale';
import { AsinRows } from './AsinRows';

/**
 * The per-ASIN TACoS table: ad spend, total sales and TACoS of each advertised product. Without rows it shows
 * what the table's availability says (`–` with the reason, or "Populating…"), why the figures could not be
 * loaded, or that there is nothing to list. The figures are the selected marketplace's, in its currency.
 */
export function AsinTacosTable() {
  const availability = useConnectionsSelector((view) => view.metrics, sameData);
  const metrics = useMetrics();
  const options = { locale, currency: metrics.data?.currency ?? null };
  const table = availability.asinTacos;
  const rows = availability.adSpend.state === 'unavailable' ? [] : (metrics.data?.asins ?? []);
  const loaded = metrics.status === 'success' && table.state === 'available';
  return (
    <section aria-labelledby="asin-tacos-heading" className="panel">
      <h2 id="asin-tacos-heading">Per-ASIN TACoS</h2>
      {table.state === 'unavailable' && <p className="hint">{table.message}</p>}
      {rows.length > 0 ? (
        <AsinRows rows={rows} currency={metrics.data?.currency ?? null} availability={availability} />
      ) : metrics.error ? (
        <div className="notice-actions">
          <p>{metrics.error.message}</p>
          {metrics.error.retryable && (
            <button type="button" className="secondary" onClick={metrics.reload}>
              Try again
            </button>
          )}
        </div>
      ) : loaded ? (
        <p>No advertised products in the last 7 days.</p>
      ) : (
        <p className="value">{displayMetric('asinTacos', table, null, options)}</p>
      )}
    </section>
  );
}
