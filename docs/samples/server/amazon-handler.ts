import {
  type AmazonBaseUrls,
  amazonProductionBaseUrls,
  type ConnectionsHandlerOptions,
  createConnectionsHandler,
  createSqliteStore,
} from '@smart-ads/core/server';
import { subscriptionOf } from './session';

/** A setting from the environment (secrets never live in code). */
function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} in the environment`);
  return value;
}

/**
 * Amazon's hosts; in development those of the standalone mock Amazon (`mock-amazon serve --port 4010`,
 * AMAZON_MOCK_URL=http://127.0.0.1:4010), which lists them at `GET /__mock`.
 */
async function amazonHosts(): Promise<AmazonBaseUrls> {
  const mock = process.env.AMAZON_MOCK_URL;
  if (!mock) return amazonProductionBaseUrls;
  const response = await fetch(new URL('/__mock', mock));
  return ((await response.json()) as { baseUrls: AmazonBaseUrls }).baseUrls;
}

const returnUrl = `${setting('APP_ORIGIN')}/amazon/return`; // registered with Amazon for both kinds

export const amazonOptions: ConnectionsHandlerOptions = {
  basePath: '/api/amazon',
  store: await createSqliteStore({ filename: './data/amazon-connections.db' }), // ./data is created if missing
  encryptionKey: setting('AMAZON_TOKEN_KEY'), // openssl rand -base64 32
  amazon: {
    clientId: setting('LWA_CLIENT_ID'),
    clientSecret: setting('LWA_CLIENT_SECRET'),
    applicationId: setting('SP_API_APPLICATION_ID'),
    // An SP-API app that is still a draft (the mock's app is one) needs `version=beta` on Seller Central's
    // consent page; without it Amazon stops at "We are sorry!" (MD1000).
    draftApp: process.env.SP_API_DRAFT_APP === 'true',
    redirectUris: { advertising: returnUrl, sellerCentral: returnUrl },
  },
  baseUrls: await amazonHosts(),
  // Your authentication: the subscription of the signed-in user ({ id, accountLimit }), or null (401).
  getSubscription: (request) => subscriptionOf(request),
};

export const amazonHandler = createConnectionsHandler(amazonOptions);
