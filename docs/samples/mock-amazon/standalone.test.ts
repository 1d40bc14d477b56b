// biome-ignore-all assist/source/organizeImports: the README shows this file's first imports as they are
// The mock-amazon README's standalone-server samples: the server from code, and a host's server half signing in
// over real HTTP with signInOverHttp.
// #region from-code
import { startMockAmazonServer } from '@smart-ads/mock-amazon/node';

const { url, baseUrls, amazon, close } = await startMockAmazonServer(); // a free port; { port: 4010 } for a fixed one
// #endregion from-code
// #region sign-in-imports
import { signInOverHttp } from '@smart-ads/mock-amazon/node';
// #endregion sign-in-imports
import { createConnectionsHandler, createSqliteStore } from '@smart-ads/core/server';
import { MockAmazonError, SignInError } from '@smart-ads/mock-amazon/node';
import { afterAll, describe, expect, it } from 'vitest';

const store = await createSqliteStore({ filename: ':memory:' });
afterAll(async () => {
  await close();
  await store.close();
});

/** A host's server, with the server half pointed at the standalone mock by configuration only. */
const handler = createConnectionsHandler({
  basePath: '/api/amazon',
  store,
  encryptionKey: new Uint8Array(32).fill(9),
  baseUrls,
  amazon: {
    clientId: amazon.app.clientId,
    clientSecret: amazon.app.clientSecret,
    applicationId: amazon.app.applicationId,
    draftApp: amazon.app.draft,
    redirectUris: {
      advertising: 'http://localhost:3000/amazon/return',
      sellerCentral: 'http://localhost:3000/amazon/return',
    },
  },
  getSubscription: () => ({ id: 'subscription-1' }),
});
async function post(path: string, body: unknown) {
  const response = await handler(
    new Request(`http://localhost:3000/api/amazon${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}
const myServer = {
  async startAdvertisingSignIn() {
    return (await post('/authorize', { kind: 'advertising', returnTo: '/' })).authorizeUrl as string;
  },
  async handleCallback(callback: URL) {
    const query = callback.searchParams;
    return post('/callback', { kind: 'advertising', state: query.get('state'), code: query.get('code') });
  },
};
const sellerCentralUrl = amazon.sellerCentralConsentUrl({
  redirectUri: 'http://localhost:3000/amazon/return',
  state: 'state-sc',
  beta: true,
});

describe('the standalone server', () => {
  it('runs from code on a real port, with every service under its origin', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(baseUrls.token.na).toBe(`${url}/na/token`);
    const info = (await (await fetch(`${url}/__mock`)).json()) as { users: unknown[] };
    expect(info.users.length).toBeGreaterThan(0);
  });

  it('lets a host sign in over HTTP', async () => {
    // #region sign-in
    // Your server built this URL, pointed at `mock-amazon serve --port 4010` by configuration.
    const authorizeUrl = await myServer.startAdvertisingSignIn(); // http://127.0.0.1:4010/na/authorize/ap/oa?…
    const callback = await signInOverHttp(authorizeUrl); // default user, consents
    await myServer.handleCallback(callback); // ?code=…&scope=…&state=…

    await signInOverHttp(sellerCentralUrl); // ?state=…&selling_partner_id=…&spapi_oauth_code=…
    await signInOverHttp(authorizeUrl, { consent: false }); // ?error=access_denied&…
    await signInOverHttp(authorizeUrl, { email: 'agency@example.com', password: 'pass_good' });
    // Amazon's pages stopping the flow throw SignInError (pageCode INVALID_CREDENTIALS, MD5101, …);
    // no server at the URL's origin (or `origin`) throws MockAmazonError with code SERVER_UNREACHABLE.
    // #endregion sign-in
    const status = await handler(new Request('http://localhost:3000/api/amazon/status'));
    expect(
      ((await status.json()) as { advertising: { account: { name: string } } }).advertising.account.name,
    ).toBe('Acme Home & Kitchen');
    const refused = await signInOverHttp(authorizeUrl, {
      email: 'user_good@example.com',
      password: 'wrong',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SignInError);
    expect((refused as SignInError).pageCode).toBe('INVALID_CREDENTIALS');
    const unreachable = await signInOverHttp('http://127.0.0.1:9/na/authorize/ap/oa').catch(
      (error: unknown) => error,
    );
    expect(unreachable).toBeInstanceOf(MockAmazonError);
    expect((unreachable as MockAmazonError).code).toBe('SERVER_UNREACHABLE');
  });
});
