import { parseArgs } from 'node:util';
import type { ClockMode } from './clock.js';
import { MockAmazonError } from './errors/mock-amazon-error.js';
import type { StartMockAmazonServerOptions } from './node-server.js';

/** What the `mock-amazon` command was asked to do. */
export interface CliCommand {
  help: boolean;
  server: StartMockAmazonServerOptions;
  scenarios: { name: string; args: unknown[] }[];
}

/** The `mock-amazon` usage text. */
export const usage = `Usage: mock-amazon serve [options]

Starts a standalone mock of Login with Amazon, the Amazon Ads API and the SP-API.

Options:
  --port <n>              port to listen on (default 4010; 0 picks a free one)
  --host <host>           interface to bind (default 127.0.0.1)
  --seed <n>              seed of the generated accounts and figures (default 1)
  --now <iso|ms>          start time of the mock clock (default: now)
  --clock <mode>          running (default: moves with real time) or frozen
  --scenario <s>          a scenario to switch on, repeatable: name or name=<JSON args>
                          e.g. --scenario emptyReports --scenario 'dataLatency=24'
                               --scenario 'throttle=["spapi",{"times":3}]'
  --client-id <id>        LWA client id the mock accepts
  --client-secret <s>     LWA client secret the mock accepts
  --application-id <id>   SP-API application id
  --redirect-uri <url>    allowed return URL, repeatable (default: any http(s) loopback URL)
  --published             the SP-API app is published (no version=beta needed)
  -h, --help              show this help
`;

function scenario(text: string): { name: string; args: unknown[] } {
  const eq = text.indexOf('=');
  if (eq < 0) return { name: text, args: [] };
  const name = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { name, args: Array.isArray(value) ? value : [value] };
}

/** Parses the command line of `mock-amazon`. Throws `MockAmazonError` (INVALID_OPTION) on bad input. */
export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      clock: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'application-id': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      published: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (command !== 'serve')
    throw new MockAmazonError('INVALID_OPTION', `Unknown command ${command}\n\n${usage}`);
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new MockAmazonError('INVALID_OPTION', `--${name} must be a number`);
    return n;
  };
  const clock = values.clock ?? 'running';
  if (clock !== 'running' && clock !== 'frozen')
    throw new MockAmazonError('INVALID_OPTION', '--clock must be running or frozen');
  let now: number | undefined;
  if (values.now !== undefined) {
    now = /^\d+$/.test(values.now) ? Number(values.now) : Date.parse(values.now);
    if (Number.isNaN(now))
      throw new MockAmazonError('INVALID_OPTION', '--now must be an ISO date or ms since epoch');
  }
  const app = {
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    ...(values['application-id'] ? { applicationId: values['application-id'] } : {}),
    ...(values['redirect-uri'] ? { redirectUris: values['redirect-uri'] } : {}),
    ...(values.published ? { draft: false } : {}),
  };
  const port = number('port', values.port) ?? 4010;
  const seed = number('seed', values.seed);
  return {
    help: values.help ?? false,
    server: {
      port,
      host: values.host ?? '127.0.0.1',
      clock: clock as ClockMode,
      app,
      ...(seed === undefined ? {} : { seed }),
      ...(now === undefined ? {} : { now }),
    },
    scenarios: (values.scenario ?? []).map(scenario),
  };
}
