import type { MetricKey } from '@smart-ads/react';
import { MetricCard } from './MetricCard';

/** The nine headline figures, in the help article's order: Advertising first, then Seller Central, then TACoS. */
const cards: readonly MetricKey[] = [
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

/** The metric cards of the last 7 days. */
export function MetricCards() {
  return (
    <section aria-labelledby="metrics-heading" className="metrics">
      <h2 id="metrics-heading">Last 7 days</h2>
      <div className="cards">
        {cards.map((key) => (
          <MetricCard key={key} metric={key} />
        ))}
      </div>
    </section>
  );
}
