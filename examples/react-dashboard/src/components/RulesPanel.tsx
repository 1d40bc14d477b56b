import { usePolledJson } from '../use-polled-json';
import { FeaturePanel } from './FeaturePanel';

/** What `GET /api/optimiser/rules` answers: the rules and what the server-side job did with them. */
interface RulesAnswer {
  readonly rules: readonly { readonly id: string; readonly text: string }[];
  readonly state: 'active' | 'stopped' | 'waiting';
  readonly message: string | null;
  readonly fired: readonly { readonly rule: string; readonly at: string; readonly changes: number }[];
}

/** The example's own server answers this route (same origin, its own code). */
const asRulesAnswer = (body: unknown) => body as RulesAnswer;

/** Rules (run on the Advertising connection, by a job on the example's server): they stop with it. */
export function RulesPanel() {
  const answer = usePolledJson('/api/optimiser/rules', asRulesAnswer);
  return (
    <FeaturePanel title="Rules" feature="rules">
      <ul>
        {(answer?.rules ?? []).map((rule) => {
          const fired = answer?.fired.find((f) => f.rule === rule.id);
          return (
            <li key={rule.id}>
              {rule.text}
              {fired ? <span className="rule-fired"> (fired: {fired.changes} bids changed)</span> : null}{' '}
              <span className="pill pill-ready">Active</span>
            </li>
          );
        })}
      </ul>
    </FeaturePanel>
  );
}
