import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CurrencyConversion, ReportTimings } from '@smart-ads/core/server';
import { defaultMockApp, type MockAmazonServer, startMockAmazonServer } from '@smart-ads/mock-amazon/node';
import { type AppConfig, defaultAppConfig } from '../src/app-config.ts';
import { type ExampleAmazonApp, startExampleServer } from './example-server.ts';
import { applyScenario, type ScenarioCall } from './mock-scenario.ts';

/** Options of {@link startExample}. */
export interface StartExampleOptions {
  /** The example's port. @default 0 (a free port) */
  readonly port?: number;
  /** The mock Amazon's port. @default 0 (a free port) */
  readonly mockPort?: number;
  /** Mock scenarios to switch on at start (`dataLatency`, `emptyReports`, …). @default [] */
  readonly scenarios?: readonly ScenarioCall[];
  /** Overrides of what the app is told (timings, support link). @default defaultAppConfig */
  readonly appConfig?: Partial<AppConfig>;
  /** The server half's report timings. @default polls Amazon every second, data fresh for a minute */
  readonly reports?: ReportTimings;
  /**
   * The Amazon app credentials. @default the mock's defaults, or LWA_CLIENT_ID, LWA_CLIENT_SECRET and
   * SP_API_APPLICATION_ID from the environment
   */
  readonly amazon?: ExampleAmazonApp;
  /** How often the server-side Rules job runs (ms); 0: never on its own. @default 0 */
  readonly rulesIntervalMs?: number;
  /**
   * The all-marketplaces conversion the server half applies (`demoRates` for the demo's fixed table); `null`:
   * totals stay per currency. @default null
   */
  readonly currencyConversion?: CurrencyConversion | null;
  /** The built app. @default examples/react-dashboard/dist */
  readonly appDir?: string;
}

/** The running stack: the example server, the mock Amazon behind it, and how to stop both. */
export interface RunningExample {
  /** The dashboard's URL. */
  readonly url: string;
  /** The standalone mock Amazon (its `amazon` has scenarios, users and the clock). */
  readonly mock: MockAmazonServer;
  readonly appConfig: AppConfig;
  close(): Promise<void>;
}

const defaultReports: ReportTimings = { pollIntervalMs: 1_000, freshForMs: 60_000, failureBackoffMs: 5_000 };

function amazonApp(): ExampleAmazonApp {
  return {
    clientId: process.env.LWA_CLIENT_ID ?? defaultMockApp.clientId,
    clientSecret: process.env.LWA_CLIENT_SECRET ?? defaultMockApp.clientSecret,
    applicationId: process.env.SP_API_APPLICATION_ID ?? defaultMockApp.applicationId,
    draftApp: defaultMockApp.draft,
  };
}

/**
 * Starts the whole example: the standalone mock Amazon, then the example server (server half + built app) pointed
 * at it. The end-to-end tests and `./dev example` both start the stack through this function.
 *
 * @example
 * ```ts
 * const example = await startExample({ port: 4173, mockPort: 4010 });
 * console.log(example.url, example.mock.amazon.users.default.email);
 * await example.close();
 * ```
 */
export async function startExample(options: StartExampleOptions = {}): Promise<RunningExample> {
  const appDir = options.appDir ?? fileURLToPath(new URL('../dist', import.meta.url));
  if (!existsSync(join(appDir, 'index.html'))) {
    throw new Error(
      `The app is not built (${appDir} has no index.html): run \`pnpm --dir examples/react-dashboard build\``,
    );
  }
  const mock = await startMockAmazonServer({ port: options.mockPort ?? 0, clock: 'running' });
  const dataDir = await mkdtemp(join(tmpdir(), 'smart-ads-example-'));
  const appConfig: AppConfig = { ...defaultAppConfig, ...options.appConfig };
  try {
    for (const scenario of options.scenarios ?? []) await applyScenario(mock.url, scenario);
    const server = await startExampleServer({
      port: options.port ?? 0,
      appDir,
      dataDir,
      amazon: options.amazon ?? amazonApp(),
      baseUrls: mock.baseUrls,
      encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
      appConfig,
      reports: options.reports ?? defaultReports,
      rulesIntervalMs: options.rulesIntervalMs ?? 0,
      currencyConversion: options.currencyConversion ?? null,
    });
    return {
      url: server.url,
      mock,
      appConfig,
      async close() {
        await server.close();
        await mock.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await mock.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
