import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AmazonBaseUrls,
  createConnectionsHandler,
  createSqliteStore,
  type SubscriptionInfo,
  toNodeListener,
} from '@smart-ads/core/server';

/** The Amazon app the backend acts as: yours from Amazon's developer consoles, or the mock's. */
export interface AmazonApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly applicationId: string;
  /** A draft SP-API app (Seller Central consent needs `version=beta`): true for the mock's app. */
  readonly draftApp: boolean;
}

/** Options of {@link startAmazonBackend}. */
export interface AmazonBackendOptions {
  readonly app: AmazonApp;
  /** Where Amazon lives: the standalone mock's layout here, Amazon's own hosts in production. */
  readonly baseUrls: AmazonBaseUrls;
  /** The folder of the SQLite file (created when missing). */
  readonly dataDir: string;
  /** 32 random bytes sealing the tokens at rest. Keep it in a secret manager in production. */
  readonly encryptionKey: Uint8Array | string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Maps an API key to its subscription: the host's own auth stands here. */
  readonly subscriptions: ReadonlyMap<string, SubscriptionInfo>;
}

/** The running backend. */
export interface AmazonBackend {
  /** Where the server half is mounted, e.g. `http://127.0.0.1:40123/api/amazon`. */
  readonly apiUrl: string;
  /** The return URL registered with Amazon for both kinds. */
  readonly returnUrl: string;
  close(): Promise<void>;
}

/**
 * The host's backend: `createConnectionsHandler` from `@smart-ads/core/server` on Node's `http`, with the SQLite
 * store and a bearer API key standing for the host's own authentication.
 */
export async function startAmazonBackend(options: AmazonBackendOptions): Promise<AmazonBackend> {
  const store = await createSqliteStore({ filename: join(options.dataDir, 'amazon-connections.db') });
  let listener: ReturnType<typeof toNodeListener> | null = null;
  const server = createServer((request, response) => {
    if (listener) return void listener(request, response);
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const returnUrl = `${origin}/amazon/return`;
  listener = toNodeListener(
    createConnectionsHandler({
      basePath: '/api/amazon',
      store,
      encryptionKey: options.encryptionKey,
      baseUrls: options.baseUrls,
      amazon: {
        clientId: options.app.clientId,
        clientSecret: options.app.clientSecret,
        applicationId: options.app.applicationId,
        draftApp: options.app.draftApp,
        redirectUris: { advertising: returnUrl, sellerCentral: returnUrl },
      },
      getSubscription: (request) => {
        const key = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
        return (key && options.subscriptions.get(key)) || null;
      },
    }),
  );
  return {
    apiUrl: `${origin}/api/amazon`,
    returnUrl,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}
