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
  // Seller Central connected, but not for this marketplace's region: said once above the cards, with the fix.
  const coverage = current?.sellerCentral;
  const regionNotice =
    current && coverage && !coverage.covered && current.actions.connectSellerCentral.allowed
      ? { message: coverage.message, region: current.region }
      : null;
  return (
    <section aria-labelledby="metrics-heading" className="metrics">
      <h2 id="metrics-heading">
        Last 7 days{current && marketplaces.length > 1 ? ` in ${marketplaceLabel(current)}` : ''}
      </h2>
      {regionNotice && (
        <div className="region-notice">
          <p>{regionNotice.message}</p>
          <ConnectRegionButton region={regionNotice.region} />
        </div>
      )}
      <div className="cards">
        {headlineMetrics.map((key) => (
          <MetricCard key={key} metric={key} coverageExplained={regionNotice !== null} />
        ))}
      </div>
    </section>
  );
}
