/** One of the mock Amazon's opt-in scenarios, by name, with its JSON arguments (see the mock's README). */
export interface ScenarioCall {
  readonly name: string;
  readonly args?: readonly unknown[];
}

/**
 * Switches a scenario on through the standalone mock's control endpoint (`POST /__mock/scenario`): the same call
 * a person can make with curl while the demo runs.
 *
 * @example
 * ```ts
 * await applyScenario('http://127.0.0.1:4010', { name: 'dataLatency', args: [24] });
 * ```
 */
export async function applyScenario(mockUrl: string, scenario: ScenarioCall): Promise<void> {
  const response = await fetch(`${mockUrl}/__mock/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: scenario.name, args: scenario.args ?? [] }),
  });
  if (!response.ok) {
    throw new Error(
      `mock-amazon refused scenario ${scenario.name}: ${response.status} ${await response.text()}`,
    );
  }
}

/**
 * Parses `name` or `name=<JSON>` (a JSON array is the argument list, anything else one argument), the way the
 * mock's own CLI writes scenarios.
 *
 * @example
 * ```ts
 * parseScenario('dataLatency=24'); // { name: 'dataLatency', args: [24] }
 * ```
 */
export function parseScenario(text: string): ScenarioCall {
  const eq = text.indexOf('=');
  if (eq < 0) return { name: text };
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { name: text.slice(0, eq), args: Array.isArray(value) ? value : [value] };
}
