// `./dev example next`: the Next.js example on its production build, against the standalone mock Amazon.
// `node server/main.ts [--port 3000] [--mock-port 4010] [--demo-rates]`; Ctrl-C stops both. `--demo-rates` (or
// SMART_ADS_CURRENCY_CONVERSION=demo) converts the all-marketplaces total to US dollars at the demo's fixed rates.
import { parseArgs } from 'node:util';
import { conversionFromSetting } from '@smart-ads/example-react-dashboard/server/demo-rates.ts';
import { startNextExample } from './start-next-example.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'mock-port': { type: 'string', default: process.env.MOCK_AMAZON_PORT ?? '4010' },
    'demo-rates': { type: 'boolean', default: false },
  },
});

const example = await startNextExample({
  port: Number(values.port),
  mockPort: Number(values['mock-port']),
  rulesIntervalMs: 15_000, // the Rules job evaluates the two rules on report data every 15 s
  currencyConversion: conversionFromSetting(
    values['demo-rates'] ? 'demo' : process.env.SMART_ADS_CURRENCY_CONVERSION,
  ),
});
const { users } = example.mock.amazon;
process.stdout.write(
  [
    '',
    `  Smart Ads dashboard (Next.js):  ${example.url}`,
    `  mock Amazon:                    ${example.mock.url}  (control endpoint: ${example.mock.url}/__mock)`,
    '',
    `  Sign in on the mock Amazon pages with ${users.default.email} / ${users.default.password}`,
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
