// Generic OAuth 2.0 clients against Login with Amazon, over real HTTP against the standalone server (neither
// hardcodes Amazon's hosts): openid-client 6 (PKCE S256, client_secret_post, refresh) and simple-oauth2 5
// (HTTP Basic and body credentials, refresh). The browser part is signInOverHttp.
import { type MockAmazonServer, signInOverHttp, startMockAmazonServer } from '@smart-ads/mock-amazon/node';
import * as client from 'openid-client';
import { AuthorizationCode } from 'simple-oauth2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lwaTokenAnswer } from './schemas/lwa.js';
import { REDIRECT_URI, TEST_NOW } from './support.js';

let server: MockAmazonServer;
beforeAll(async () => {
  server = await startMockAmazonServer({ now: TEST_NOW });
});
afterEach(() => server.amazon.reset());
afterAll(() => server.close());

const SCOPE = 'advertising::campaign_management';

describe('openid-client against Login with Amazon on the standalone server (HTTP)', () => {
  function configuration() {
    const config = new client.Configuration(
      {
        issuer: server.baseUrls.authorize.na,
        authorization_endpoint: `${server.baseUrls.authorize.na}/ap/oa`,
        token_endpoint: `${server.baseUrls.token.na}/auth/o2/token`,
      },
      server.amazon.app.clientId,
      server.amazon.app.clientSecret,
    );
    client.allowInsecureRequests(config); // the standalone server speaks plain HTTP on loopback
    return config;
  }

  it('runs the PKCE authorization-code grant and a refresh', async () => {
    const config = configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await signInOverHttp(url);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(lwaTokenAnswer.safeParse({ ...tokens }).success).toBe(true);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);
    expect(server.amazon.callCounts()).toMatchObject({
      'lwa.token.authorization_code': 1,
      'lwa.token.refresh_token': 1,
    });
  });

  it('reports a wrong PKCE verifier as LWA’s invalid_grant', async () => {
    const config = configuration();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const callback = await signInOverHttp(url);
    await expect(
      client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier() }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('simple-oauth2 against Login with Amazon on the standalone server (HTTP)', () => {
  function authorizationCode(authorizationMethod: 'header' | 'body') {
    const origin = new URL(server.url);
    return new AuthorizationCode({
      client: { id: server.amazon.app.clientId, secret: server.amazon.app.clientSecret },
      auth: {
        authorizeHost: origin.origin,
        authorizePath: `${new URL(server.baseUrls.authorize.na).pathname}/ap/oa`,
        tokenHost: origin.origin,
        tokenPath: `${new URL(server.baseUrls.token.na).pathname}/auth/o2/token`,
      },
      options: { authorizationMethod },
    });
  }

  for (const method of ['header', 'body'] as const) {
    it(`exchanges the code and refreshes with client credentials in the ${method}`, async () => {
      const oauth = authorizationCode(method);
      const url = oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE, state: `s-${method}` });
      const callback = await signInOverHttp(url);
      expect(callback.searchParams.get('state')).toBe(`s-${method}`);
      const token = await oauth.getToken({
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
      });
      expect(lwaTokenAnswer.safeParse(token.token).success).toBe(true);
      const refreshed = await token.refresh();
      expect(refreshed.token.refresh_token).toBe(token.token.refresh_token);
      expect(server.amazon.calls('lwa.token', { status: 200 })).toBe(2);
    });
  }

  it('gets invalid_grant for a code exchanged twice', async () => {
    const oauth = authorizationCode('body');
    const callback = await signInOverHttp(oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE }));
    const code = callback.searchParams.get('code')!;
    await oauth.getToken({ code, redirect_uri: REDIRECT_URI });
    await expect(oauth.getToken({ code, redirect_uri: REDIRECT_URI })).rejects.toMatchObject({
      data: { payload: { error: 'invalid_grant' } },
    });
  });
});
