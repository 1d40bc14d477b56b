// The example's entry: `node server/main.ts [--port 4173] [--mock-port 4010] [--scenario name=<JSON>]… [--demo-rates]`.
// `--demo-rates` (or SMART_ADS_CURRENCY_CONVERSION=demo, or a host's rates as JSON there) converts the
// all-marketplaces total to US dollars at the demo's fixed rates.
// Starts the mock Amazon and the example server, prints where to go and how to sign in; Ctrl-C stops both.
import { parseArgs } from 'node:util';
import { conversionFromSetting } from './demo-rates.ts';
import { parseScenario } from './mock-scenario.ts';
import { startExample } from './start-example.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    'mock-port': { type: 'string', default: process.env.MOCK_AMAZON_PORT ?? '4010' },
    scenario: { type: 'string', multiple: true, default: [] },
    'demo-rates': { type: 'boolean', default: false },
  },
});

const example = await startExample({
  port: Number(values.port),
  mockPort: Number(values['mock-port']),
  scenarios: values.scenario.map(parseScenario),
  rulesIntervalMs: 15_000, // the Rules job evaluates the two rules on report data every 15 s
  currencyConversion: conversionFromSetting(
    values['demo-rates'] ? 'demo' : process.env.SMART_ADS_CURRENCY_CONVERSION,
  ),
});
const { users } = example.mock.amazon;
process.stdout.write(
  [
    '',
    `  Smart Ads dashboard:  ${example.url}`,
    `  mock Amazon:          ${example.mock.url}  (control endpoint: ${example.mock.url}/__mock)`,
    '',
    '  Sign in on the mock Amazon pages with:',
    `    ${users.default.email} / ${users.default.password}   (${users.default.name}: both connections work)`,
    `    ${users.otherAccount.email} / ${users.otherAccount.password}   (a second seller, for switching accounts)`,
    `    ${users.multipleAccounts.email} / ${users.multipleAccounts.password}   (three advertising accounts to pick from)`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void example.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
