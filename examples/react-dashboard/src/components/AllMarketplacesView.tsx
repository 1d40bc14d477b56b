import {
  displayMetric,
  metricCatalogue,
  sameData,
  useConnectionsSelector,
  useMarketplace,
  useMetrics,
} from '@smart-ads/react';
import { locale } from '../locale';
import { marketplaceLabel } from '../marketplace-label';
import { AsinRows } from './AsinRows';
import { headlineMetrics } from './MetricCards';

/**
 * The all-marketplaces view: the headline figures per currency side by side (amounts in different currencies are
 * never added; ratios come from each currency's sums), the host's conversion with its rate date when it configured
 * one, why a marketplace's Seller Central figures are a dash, and the per-ASIN table of each currency.
 */
export function AllMarketplacesView() {
  const availability = useConnectionsSelector((view) => view.metrics, sameData);
  const { marketplaces } = useMarketplace();
  const metrics = useMetrics();
  const data = metrics.data?.marketplace === 'all' ? metrics.data : null;
  const totals = data?.totals ?? [];
  const conversion = data?.conversion ?? null;
  const countries = (ids: readonly string[]) =>
    ids
      .map((id) => marketplaces.find((marketplace) => marketplace.marketplaceId === id))
      .map((marketplace) => marketplace?.countryCode ?? '?')
      .join(', ');
  const uncovered = marketplaces.flatMap((marketplace) =>
    (['advertising', 'sellerCentral'] as const).flatMap((kind) => {
      const coverage = marketplace[kind];
      return coverage.covered || coverage.reason !== 'not_covered'
        ? []
        : [{ key: `${marketplace.marketplaceId}-${kind}`, message: coverage.message }];
    }),
  );
  const cell = (
    key: (typeof headlineMetrics)[number],
    value: Parameters<typeof displayMetric>[2],
    currency: string | null,
  ) => displayMetric(key, availability[key], value, { locale, currency });
  return (
    <>
      <section aria-labelledby="totals-heading" className="panel all-marketplaces">
        <h2 id="totals-heading">Last 7 days, all marketplaces</h2>
        <p className="hint">
          Each currency has its own column, and its ratios come from that currency's sums
          {conversion
            ? ': only the converted column adds amounts of different currencies.'
            : ': amounts in different currencies are never added together.'}
        </p>
        {totals.length === 0 ? (
          metrics.error ? (
            <p>{metrics.error.message}</p>
          ) : (
            <p className="value">{displayMetric('adSpend', availability.adSpend, null, { locale })}</p>
          )
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Headline figures per currency</caption>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  {totals.map((total) => (
                    <th scope="col" key={total.currency}>
                      {total.currency}
                      <span className="hint"> {countries(total.marketplaceIds)}</span>
                    </th>
                  ))}
                  {conversion && data && (
                    <th scope="col">
                      All, in {conversion.currency}
                      <span className="hint"> converted</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {headlineMetrics.map((key) => (
                  <tr key={key}>
                    <th scope="row">{metricCatalogue[key].label}</th>
                    {totals.map((total) => (
                      <td key={total.currency}>{cell(key, total.metrics[key], total.currency)}</td>
                    ))}
                    {conversion && data && <td>{cell(key, data.metrics[key], conversion.currency)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {conversion && (
          <p className="rate-date">
            The last column converts every amount to {conversion.currency} at the host's rates of{' '}
            {conversion.rateDate} before adding them up; its ratios come from the converted sums.
          </p>
        )}
        {uncovered.map((entry) => (
          <p className="hint" key={entry.key}>
            {entry.message}
          </p>
        ))}
      </section>
      <section aria-labelledby="asin-totals-heading" className="panel">
        <h2 id="asin-totals-heading">Per-ASIN TACoS, per currency</h2>
        {totals.map((total) => (
          <AsinRows
            key={total.currency}
            rows={total.asins}
            currency={total.currency}
            availability={availability}
            caption={`${total.currency}: ${total.marketplaceIds
              .map((id) => marketplaces.find((marketplace) => marketplace.marketplaceId === id))
              .map((marketplace) => (marketplace ? marketplaceLabel(marketplace) : '?'))
              .join(', ')}`}
          />
        ))}
      </section>
    </>
  );
}
