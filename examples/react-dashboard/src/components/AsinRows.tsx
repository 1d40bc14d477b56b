import { type ConnectionsView, displayMetric, type MetricsResponse } from '@smart-ads/react';
import { locale } from '../locale';

/** The rows of a per-ASIN TACoS table: ad spend, total sales and TACoS of each product, in `currency`. */
export function AsinRows({
  rows,
  currency,
  availability,
  caption,
}: {
  readonly rows: MetricsResponse['asins'];
  readonly currency: string | null;
  readonly availability: ConnectionsView['metrics'];
  readonly caption?: string;
}) {
  const options = { locale, currency };
  return (
    <table>
      {caption && <caption>{caption}</caption>}
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
            <td>{displayMetric('adSpend', availability.adSpend, row.adSpend, options)}</td>
            <td>{displayMetric('totalSales', availability.totalSales, row.totalSales, options)}</td>
            <td>{displayMetric('asinTacos', availability.asinTacos, row.tacos, options)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
