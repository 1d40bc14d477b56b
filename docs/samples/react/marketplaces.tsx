'use client';
import {
  ConnectionsProvider,
  displayMetric,
  MetricValue,
  metricCatalogue,
  useConnectionsView,
  useMarketplace,
  useMetrics,
} from '@smart-ads/react';

const day = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const last7Days = { from: isoDay(Date.now() - 7 * day), to: isoDay(Date.now() - day) };

export function MarketplacesApp() {
  return (
    <ConnectionsProvider options={{ baseUrl: '/api/amazon' }} metricsRange={last7Days}>
      <MarketplaceSwitcher />
      <Figures />
    </ConnectionsProvider>
  );
}

// The home marketplace until the seller chooses; the choice survives reloads and the sign-in round trip.
function MarketplaceSwitcher() {
  const { marketplaces, selected, select } = useMarketplace();
  if (marketplaces.length < 2 || selected === null) return null;
  return (
    <label>
      Marketplace{' '}
      <select value={selected} onChange={(event) => select(event.target.value)}>
        {marketplaces.map((marketplace) => (
          <option key={marketplace.marketplaceId} value={marketplace.marketplaceId}>
            {marketplace.countryCode} ({marketplace.currency})
          </option>
        ))}
        <option value="all">All marketplaces</option>
      </select>
    </label>
  );
}

function Figures() {
  const { selected } = useMarketplace();
  return selected === 'all' ? <TotalsPerCurrency /> : <SalesAndSpend />;
}

// One marketplace: every figure in its currency. Where Seller Central does not cover it (authorised for North
// America, Germany chosen) its figures are the dash, with the reason as the title.
function SalesAndSpend() {
  return (
    <dl>
      <dt>Ad spend</dt>
      <dd>
        <MetricValue metric="adSpend" locale="en-US" />
      </dd>
      <dt>Total Sales</dt>
      <dd>
        <MetricValue metric="totalSales" locale="en-US" />
      </dd>
    </dl>
  );
}

// Every marketplace: amounts in different currencies are never added; one column per currency.
function TotalsPerCurrency() {
  const { data } = useMetrics();
  const availability = useConnectionsView().metrics;
  return (
    <table>
      <tbody>
        {(['adSpend', 'totalSales'] as const).map((key) => (
          <tr key={key}>
            <th scope="row">{metricCatalogue[key].label}</th>
            {(data?.totals ?? []).map((total) => (
              <td key={total.currency}>
                {displayMetric(key, availability[key], total.metrics[key], {
                  locale: 'en-US',
                  currency: total.currency,
                })}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
