import { useEffect, useState } from 'react';
import { FeaturePanel } from './FeaturePanel';

/** What `GET /api/optimiser/rules` answers: the rules and what the server-side job did with them. */
interface RulesAnswer {
  readonly rules: readonly { readonly id: string; readonly text: string }[];
  readonly state: 'active' | 'stopped' | 'waiting';
  readonly message: string | null;
  readonly fired: readonly { readonly rule: string; readonly at: string; readonly changes: number }[];
}

/** Rules (run on the Advertising connection, by a job on the example's server): they stop with it. */
export function RulesPanel() {
  const [answer, setAnswer] = useState<RulesAnswer | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetch('/api/optimiser/rules', { headers: { accept: 'application/json' } })
        .then((response) => (response.ok ? (response.json() as Promise<RulesAnswer>) : null))
        .then((body) => {
          if (live && body) setAnswer(body);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 2_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
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
