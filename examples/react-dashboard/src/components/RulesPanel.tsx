import { FeaturePanel } from './FeaturePanel';

const rules = [
  'Pause keywords with ACoS above 40% after 20 clicks',
  'Raise the daily budget by 10% when ROAS stays above 4x for 3 days',
] as const;

/** Rules (run on the Advertising connection): they stop with it. */
export function RulesPanel() {
  return (
    <FeaturePanel title="Rules" feature="rules">
      <ul>
        {rules.map((rule) => (
          <li key={rule}>
            {rule} <span className="pill pill-ready">Active</span>
          </li>
        ))}
      </ul>
    </FeaturePanel>
  );
}
