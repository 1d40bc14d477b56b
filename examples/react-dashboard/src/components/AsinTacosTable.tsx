import { sameData, useConnectionsSelector, useMetrics } from '@smart-ads/react';
import { metricText } from '../metric-text';

/** The per-ASIN TACoS table: ad spend, total sales and TACoS of each advertised product. */
export function AsinTacosTable() {
  const availability = useConnectionsSelector((view) => view.metrics, sameData);
  const { data } = useMetrics();
  const rows = data?.asins ?? [];
  const currency = data?.currency ?? null;
  const table = availability.asinTacos;
  return (
    <section aria-labelledby="asin-tacos-heading" className="panel">
      <h2 id="asin-tacos-heading">Per-ASIN TACoS</h2>
      {table.state === 'unavailable' && <p className="hint">{table.message}</p>}
      {availability.adSpend.state === 'unavailable' ? null : rows.length === 0 ? (
        <p>Populating…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">ASIN</th>
              <th scope="col">Ad spend</th>
              <th scope="col">Total Sales</th>
              <th scope="col">TACoS</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.asin}>
                <th scope="row">{row.asin}</th>
                <td>{metricText('adSpend', availability.adSpend, row.adSpend, currency)}</td>
                <td>{metricText('totalSales', availability.totalSales, row.totalSales, currency)}</td>
                <td>{metricText('asinTacos', table, row.tacos, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
