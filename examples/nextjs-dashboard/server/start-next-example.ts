import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CurrencyConversion, ReportTimings } from '@smart-ads/core/server';
import { applyScenario, type ScenarioCall } from '@smart-ads/example-react-dashboard/server/mock-scenario.ts';
import type { RunningExample } from '@smart-ads/example-react-dashboard/server/start-example.ts';
import { type AppConfig, defaultAppConfig } from '@smart-ads/example-react-dashboard/src/app-config.ts';
import { startMockAmazonServer } from '@smart-ads/mock-amazon/node';

/** Options of {@link startNextExample}: the Vite example's (`startExample`) plus the Next.js server's environment. */
export interface StartNextExampleOptions {
  /** The app's port. @default a free port */
  readonly port?: number;
  /** The mock Amazon's port. @default a free port */
  readonly mockPort?: number;
  /** Mock scenarios to switch on at start (`dataLatency`, `emptyReports`, …). @default [] */
  readonly scenarios?: readonly ScenarioCall[];
  /** Overrides of the dashboard's timings and support link (`SMART_ADS_APP_CONFIG`). @default the demo's */
  readonly appConfig?: Partial<AppConfig>;
  /** The server half's report timings (`SMART_ADS_REPORT_TIMINGS`). @default the server half's */
  readonly reports?: ReportTimings;
  /** How often the server-side Rules job runs (ms); 0: never on its own. @default 0 */
  readonly rulesIntervalMs?: number;
  /**
   * The all-marketplaces conversion (`SMART_ADS_CURRENCY_CONVERSION`; `demoRates` for the demo's fixed table);
   * `null`: totals stay per currency. @default null
   */
  readonly currencyConversion?: CurrencyConversion | null;
  /** Extra environment for the Next.js server (e.g. `DATABASE_URL` for PostgreSQL). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The running stack: the Next.js server (production build) and the standalone mock Amazon behind it; the same
 * shape as the Vite example's, so the end-to-end scenarios run on either.
 */
export type RunningNextExample = RunningExample;

const appDir = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/api/amazon/status`)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts the Next.js example as a host runs it in production: `next start` on the built app (`next build` first),
 * with its SQLite data in a fresh folder, pointed at a standalone mock Amazon started here. `./dev example next` and
 * the end-to-end suite both start it through this function.
 *
 * @example
 * ```ts
 * const example = await startNextExample({ port: 3000, mockPort: 4010 });
 * console.log(example.url);
 * await example.close();
 * ```
 */
export async function startNextExample(options: StartNextExampleOptions = {}): Promise<RunningNextExample> {
  if (!existsSync(join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error('The Next.js app is not built: run `pnpm --dir examples/nextjs-dashboard build`');
  }
  const mock = await startMockAmazonServer({ port: options.mockPort ?? 0, clock: 'running' });
  const appConfig: AppConfig = { ...defaultAppConfig, ...options.appConfig };
  try {
    for (const scenario of options.scenarios ?? []) await applyScenario(mock.url, scenario);
  } catch (error) {
    await mock.close();
    throw error;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'smart-ads-next-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const next = spawn(
    process.execPath,
    [
      join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        MOCK_AMAZON_URL: mock.url,
        APP_ORIGIN: url,
        SMART_ADS_DATA_DIR: dataDir,
        SMART_ADS_APP_CONFIG: JSON.stringify(appConfig),
        SMART_ADS_RULES_INTERVAL_MS: String(options.rulesIntervalMs ?? 0),
        ...(options.reports ? { SMART_ADS_REPORT_TIMINGS: JSON.stringify(options.reports) } : {}),
        ...(options.currencyConversion
          ? { SMART_ADS_CURRENCY_CONVERSION: JSON.stringify(options.currencyConversion) }
          : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  next.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  next.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const stop = async () => {
    if (next.exitCode === null) {
      const exited = new Promise((resolve) => next.once('exit', resolve));
      next.kill('SIGTERM');
      await exited;
    }
    await mock.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, next, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, mock, appConfig, close: stop };
}
