import { useMarketplace } from '@smart-ads/react';
import { AiInsightsPanel } from './AiInsightsPanel';
import { AllMarketplacesView } from './AllMarketplacesView';
import { AsinTacosTable } from './AsinTacosTable';
import { MetricCards } from './MetricCards';
import { RulesPanel } from './RulesPanel';
import { SuggestionsPanel } from './SuggestionsPanel';

/**
 * The Ads Optimiser dashboard: the figures, the optimiser's panels and the per-ASIN TACoS table, for the marketplace
 * chosen in the top bar; with "All marketplaces", the per-currency totals and a per-ASIN table per currency.
 */
export function DashboardPage() {
  const all = useMarketplace().selected === 'all';
  return (
    <main className="page">
      <h1>Ads Optimiser</h1>
      {all ? <AllMarketplacesView /> : <MetricCards />}
      <div className="columns">
        <SuggestionsPanel />
        <AiInsightsPanel />
        <RulesPanel />
      </div>
      {!all && <AsinTacosTable />}
    </main>
  );
}
