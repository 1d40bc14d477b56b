import { AiInsightsPanel } from './AiInsightsPanel';
import { AsinTacosTable } from './AsinTacosTable';
import { MetricCards } from './MetricCards';
import { RulesPanel } from './RulesPanel';
import { SuggestionsPanel } from './SuggestionsPanel';

/** The Ads Optimiser dashboard: the figures, the optimiser's panels and the per-ASIN TACoS table. */
export function DashboardPage() {
  return (
    <main className="page">
      <h1>Ads Optimiser</h1>
      <MetricCards />
      <div className="columns">
        <SuggestionsPanel />
        <AiInsightsPanel />
        <RulesPanel />
      </div>
      <AsinTacosTable />
    </main>
  );
}
