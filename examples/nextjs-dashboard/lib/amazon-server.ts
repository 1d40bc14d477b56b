import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConnectionsServer,
  createConnectionsServer,
  createPostgresStore,
  createSqliteStore,
} from '@smart-ads/core/server';
import { conversionFromSetting } from '@smart-ads/example-react-dashboard/server/demo-rates.ts';
import { optimiserHandler, startRulesJob } from '@smart-ads/example-react-dashboard/server/optimiser.ts';
import { defaultMockApp, mockAmazonBaseUrls } from '@smart-ads/mock-amazon';
import { reportTimings } from './app-config';
import { subscriptionCookie, subscriptionFromCookie } from './demo-subscription';

/** Where the server half is mounted (the catch-all route handler's folder). */
export const apiBasePath = '/api/amazon';
/** Amazon sends the browser back to this page. */
export const returnPath = '/amazon/return';

/** The subscription of a request: the demo cookie set by `proxy.ts`. */
export function subscriptionOf(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === subscriptionCookie) return subscriptionFromCookie(value.join('='));
  }
  return null;
}

/** The demo's key sealing tokens at rest: AMAZON_TOKEN_KEY, else one made once and kept beside the database. */
function encryptionKey(dataDir: string): string {
  if (process.env.AMAZON_TOKEN_KEY) return process.env.AMAZON_TOKEN_KEY;
  const file = join(dataDir, 'demo-token-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}

/** The server half and the example's optimiser (Apply route, Rules job), one of each per process. */
export interface AmazonServer {
  /** The server half: its `handler` behind `/api/amazon`, and the host's access, gate, events and history. */
  readonly connections: ConnectionsServer;
  /** The optimiser's routes behind `/api/optimiser` (the Vite example's own, shared). */
  readonly optimiser: (request: Request) => Promise<Response>;
}

async function start(): Promise<AmazonServer> {
  const dataDir = process.env.SMART_ADS_DATA_DIR ?? join(process.cwd(), '.data');
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL when DATABASE_URL is set (several app servers), else the embedded SQLite file.
  const store = process.env.DATABASE_URL
    ? await createPostgresStore({ connectionString: process.env.DATABASE_URL })
    : await createSqliteStore({ filename: join(dataDir, 'amazon-connections.db') });
  const appOrigin = process.env.APP_ORIGIN ?? 'http://127.0.0.1:3000';
  const reports = reportTimings();
  // SMART_ADS_CURRENCY_CONVERSION: `demo` (the example's fixed demo rates) or a host's rates as JSON.
  const conversion = conversionFromSetting(process.env.SMART_ADS_CURRENCY_CONVERSION);
  const connections = createConnectionsServer({
    basePath: apiBasePath,
    store,
    encryptionKey: encryptionKey(dataDir),
    amazon: {
      clientId: process.env.LWA_CLIENT_ID ?? defaultMockApp.clientId,
      clientSecret: process.env.LWA_CLIENT_SECRET ?? defaultMockApp.clientSecret,
      applicationId: process.env.SP_API_APPLICATION_ID ?? defaultMockApp.applicationId,
      redirectUris: { advertising: `${appOrigin}${returnPath}`, sellerCentral: `${appOrigin}${returnPath}` },
      draftApp: defaultMockApp.draft,
    },
    // The standalone mock Amazon (`mock-amazon serve`); without MOCK_AMAZON_URL, Amazon itself.
    ...(reports ? { reports } : {}),
    ...(conversion ? { currencyConversion: () => conversion } : {}),
    ...(process.env.MOCK_AMAZON_URL ? { baseUrls: mockAmazonBaseUrls(process.env.MOCK_AMAZON_URL) } : {}),
    getSubscription: (request) => {
      const id = subscriptionOf(request.headers.get('cookie'));
      return id ? { id, accountLimit: 1, actor: `demo user ${id.slice(5, 11)}` } : null;
    },
  });
  // The Rules run on the server on a schedule (SMART_ADS_RULES_INTERVAL_MS; 0: never), stopped by the feature gate
  // while Advertising is disconnected or stale.
  const rules = startRulesJob(connections, {
    intervalMs: Number(process.env.SMART_ADS_RULES_INTERVAL_MS ?? 15_000),
  });
  return { connections, optimiser: optimiserHandler(connections, rules) };
}

const shared = Symbol.for('smart-ads.nextjs-dashboard.server');
type Shared = { [shared]?: ReturnType<typeof start> };

/**
 * The one server half of this process. Next.js may load this module once per route bundle (and again on every
 * change in development): the instance lives on `globalThis`, so every route and page shares one store and one
 * token cache.
 */
export function amazonServer(): ReturnType<typeof start> {
  const holder = globalThis as Shared;
  holder[shared] ??= start();
  return holder[shared];
}
