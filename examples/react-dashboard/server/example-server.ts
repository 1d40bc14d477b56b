import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AmazonBaseUrls,
  type ConnectionsLog,
  type CurrencyConversion,
  createConnectionsServer,
  createSqliteStore,
  type EncryptionKeyInput,
  type ReportTimings,
  toNodeListener,
} from '@smart-ads/core/server';
import { type AppConfig, appConfigPath } from '../src/app-config.ts';
import { createAppLog } from './app-log.ts';
import { optimiserBasePath, optimiserHandler, startRulesJob } from './optimiser.ts';
import { findStaticFile } from './static-files.ts';
import { pageSubscription, subscriptionFromCookieHeader } from './subscription-cookie.ts';

/** The Amazon app the example acts as. The secret stays in this process. */
export interface ExampleAmazonApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly applicationId: string;
  /** A draft SP-API app: Seller Central consent needs `version=beta`. */
  readonly draftApp: boolean;
}

/** Options of {@link startExampleServer}. */
export interface ExampleServerOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The built app (Vite's `dist`). */
  readonly appDir: string;
  /** Where the SQLite file lives. */
  readonly dataDir: string;
  readonly amazon: ExampleAmazonApp;
  /** Amazon's hosts: the mock's. */
  readonly baseUrls: AmazonBaseUrls;
  /** 32 bytes sealing tokens at rest. */
  readonly encryptionKey: EncryptionKeyInput;
  /** What the app is told at `/app-config.json`. */
  readonly appConfig: AppConfig;
  /** Report caching and polling of the server half. */
  readonly reports?: ReportTimings;
  /** How often the Rules job runs (ms); 0: never on its own. @default 0 */
  readonly rulesIntervalMs?: number;
  /**
   * Conversion rates for the all-marketplaces total (e.g. {@link demoRates}); `null`: totals stay per currency.
   * @default null
   */
  readonly currencyConversion?: CurrencyConversion | null;
  /** The server half's structured log. @default readable lines, JSON with NODE_ENV=production (createAppLog) */
  readonly log?: ConnectionsLog;
}

/** A running example server. */
export interface ExampleServer {
  /** Its origin, e.g. `http://127.0.0.1:4173`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The example's own callback route: Amazon sends the browser back here. */
export const callbackPath = '/amazon/return';
/** Where the server half is mounted. */
export const apiBasePath = '/api/amazon';

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
) {
  response.writeHead(status, { ...securityHeaders, ...headers });
  response.end(body);
}

/**
 * Starts the example's HTTP server: the server half (`createConnectionsServer` with the embedded SQLite store) at
 * `/api/amazon`, the optimiser (Apply, and the Rules job's state) at `/api/optimiser`, the app's config at `/app-config.json`, and the built app for every other GET. Each browser is a
 * demo subscription, kept in an HttpOnly cookie.
 *
 * @example
 * ```ts
 * const server = await startExampleServer({ appDir, dataDir, amazon, baseUrls, encryptionKey, appConfig });
 * console.log(server.url);
 * ```
 */
export async function startExampleServer(options: ExampleServerOptions): Promise<ExampleServer> {
  const store = await createSqliteStore({ filename: join(options.dataDir, 'amazon-connections.db') });
  let api: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | null = null;
  let optimiser: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | null = null;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === apiBasePath || path.startsWith(`${apiBasePath}/`)) {
      if (!api) return send(response, 503, {}, '');
      void api(request, response);
      return;
    }
    if (path.startsWith(`${optimiserBasePath}/`)) {
      if (!optimiser) return send(response, 503, {}, '');
      void optimiser(request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, { allow: 'GET, HEAD' }, '');
    }
    if (path === appConfigPath) {
      return send(
        response,
        200,
        { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        JSON.stringify(options.appConfig),
      );
    }
    void findStaticFile(options.appDir, path).then((file) => {
      if (!file) return send(response, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found');
      const headers: Record<string, string> = {
        'content-type': file.contentType,
        'cache-control': file.cacheControl,
      };
      if (file.contentType.startsWith('text/html')) {
        const { setCookie } = pageSubscription(request);
        if (setCookie) headers['set-cookie'] = setCookie;
      }
      send(response, 200, headers, request.method === 'HEAD' ? '' : file.body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const redirectUri = `${url}${callbackPath}`;

  const connections = createConnectionsServer({
    basePath: apiBasePath,
    store,
    encryptionKey: options.encryptionKey,
    baseUrls: options.baseUrls,
    amazon: {
      clientId: options.amazon.clientId,
      clientSecret: options.amazon.clientSecret,
      applicationId: options.amazon.applicationId,
      draftApp: options.amazon.draftApp,
      redirectUris: { advertising: redirectUri, sellerCentral: redirectUri },
    },
    ...(options.reports ? { reports: options.reports } : {}),
    ...(options.currencyConversion ? { currencyConversion: () => options.currencyConversion ?? null } : {}),
    log: options.log ?? createAppLog(),
    getSubscription: (request) => {
      const id = subscriptionFromCookieHeader(request.headers.get('cookie'));
      return id ? { id, accountLimit: 1, actor: `demo user ${id.slice(0, 6)}` } : null;
    },
  });
  api = toNodeListener(connections.handler);
  const rules = startRulesJob(connections, { intervalMs: options.rulesIntervalMs ?? 0 });
  optimiser = toNodeListener(optimiserHandler(connections, rules));

  return {
    url,
    async close() {
      rules.stop();
      connections.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}
