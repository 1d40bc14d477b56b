import { type MetricKey, useMarketplace } from '@smart-ads/react';
import { marketplaceLabel } from '../marketplace-label';
import { ConnectRegionButton } from './ConnectRegionButton';
import { MetricCard } from './MetricCard';

/** The nine headline figures, in the help article's order: Advertising first, then Seller Central, then TACoS. */
export const headlineMetrics: readonly Exclude<MetricKey, 'asinTacos'>[] = [
  'adSpend',
  'acos',
  'roas',
  'totalSales',
  'totalOrders',
  'sessions',
  'buyBoxPercentage',
  'listingConversionRate',
  'tacos',
];

/** The metric cards of the last 7 days, in the selected marketplace (named once the account lists several). */
export function MetricCards() {
  const { marketplaces, current } = useMarketplace();
  return (
    <section aria-labelledby="metrics-heading" className="metrics">
      <h2 id="metrics-heading">
        Last 7 days{current && marketplaces.length > 1 ? ` in ${marketplaceLabel(current)}` : ''}
      </h2>
      {/* Seller Central connected, but not for this marketplace's region: say so once, with the way to fix it. */}
      {current && !current.sellerCentral.covered && current.actions.connectSellerCentral.allowed && (
        <div className="region-notice">
          <p>{current.sellerCentral.message}</p>
          <ConnectRegionButton region={current.region} />
        </div>
      )}
      <div className="cards">
        {headlineMetrics.map((key) => (
          <MetricCard key={key} metric={key} />
        ))}
      </div>
    </section>
  );
}
