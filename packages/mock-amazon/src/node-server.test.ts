import * as oauth from 'oauth4webapi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REDIRECT_URI, TEST_NOW } from '../test/support.js';
import { parseHtmlForms } from './html-form.js';
import { gunzip } from './http/gzip.js';
import { type MockAmazonServer, startMockAmazonServer } from './node-server.js';
import { signInOverHttp } from './sign-in-over-http.js';

let server: MockAmazonServer;
beforeAll(async () => {
  server = await startMockAmazonServer({ now: TEST_NOW });
});
afterEach(() => server.amazon.reset());
afterAll(() => server.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

describe('the standalone server over real HTTP', () => {
  it('runs the authorization-code dance as a browser does: forms, redirects, code, token, profiles', async () => {
    const { amazon, baseUrls } = server;
    // 1. The app sends the browser to /ap/oa.
    const authorize = amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 'browser-state' });
    expect(authorize.startsWith(`${server.url}/na/authorize/ap/oa?`)).toBe(true);
    const signInPage = await fetch(authorize, { redirect: 'manual' });
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers.get('content-type')).toContain('text/html');
    const [signInForm] = parseHtmlForms(await signInPage.text());
    // 2. The user types the documented credentials and submits the form.
    const afterSignIn = await fetch(
      new URL(signInForm!.action, authorize),
      form({ ...signInForm!.fields, email: 'user_good@example.com', password: 'pass_good' }),
    );
    expect(afterSignIn.status).toBe(302);
    const consentUrl = new URL(afterSignIn.headers.get('location')!, new URL(signInForm!.action, authorize));
    // 3. The consent page names the scope; the user presses Allow.
    const consentPage = await fetch(consentUrl, { redirect: 'manual' });
    const consentHtml = await consentPage.text();
    expect(consentHtml).toContain('advertising::campaign_management');
    const [consentForm] = parseHtmlForms(consentHtml);
    const allow = consentForm!.buttons.find((b) => b.value === 'allow')!;
    const back = await fetch(
      new URL(consentForm!.action, consentUrl),
      form({ ...consentForm!.fields, [allow.name!]: allow.value! }),
    );
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe('browser-state');
    // 4. The server half exchanges the code and calls the Ads API.
    const token = await fetch(
      `${baseUrls.token.na}/auth/o2/token`,
      form({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
        client_id: amazon.app.clientId,
        client_secret: amazon.app.clientSecret,
      }),
    );
    const tokens = (await token.json()) as { access_token: string };
    expect(tokens.access_token).toMatch(/^Atza\|/);
    const profiles = await fetch(`${baseUrls.ads.na}/v2/profiles`, {
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'amazon-advertising-api-clientid': amazon.app.clientId,
      },
    });
    expect(((await profiles.json()) as { countryCode: string }[]).map((p) => p.countryCode)).toEqual([
      'US',
      'CA',
    ]);
    expect(amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('signInOverHttp walks the Seller Central and LWA pages over real HTTP: consent, refusal, wrong password', async () => {
    const { amazon } = server;
    const callback = await signInOverHttp(
      amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'sc-state' }),
    );
    expect(callback.searchParams.get('state')).toBe('sc-state');
    expect(callback.searchParams.get('spapi_oauth_code')).toBeTruthy();
    expect(callback.searchParams.get('selling_partner_id')).toBe(
      amazon.world.byKey.default.sellingPartners[0]!.sellingPartnerId,
    );
    // The host name the caller used (localhost here, 127.0.0.1 in the server's base URLs) does not matter.
    const lwa = amazon
      .authorizeUrl({ redirectUri: REDIRECT_URI, state: 'lwa' })
      .replace('127.0.0.1', 'localhost');
    const refused = await signInOverHttp(lwa, { email: amazon.users.multipleAccounts.email, consent: false });
    expect(Object.fromEntries(refused.searchParams)).toMatchObject({ error: 'access_denied', state: 'lwa' });
    const granted = await signInOverHttp(lwa, { email: 'agency@example.com', password: 'pass_good' });
    expect(granted.searchParams.get('code')).toBeTruthy();
    await expect(signInOverHttp(lwa, { password: 'wrong' })).rejects.toMatchObject({
      name: 'SignInError',
      pageCode: 'INVALID_CREDENTIALS',
    });
    expect(amazon.calls('lwa.signin', { status: 200 })).toBe(1); // the form shown again after the wrong password
    await expect(signInOverHttp(lwa, { origin: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'SERVER_UNREACHABLE',
    });
  });

  it('lets oauth4webapi complete the PKCE code exchange and a refresh', async () => {
    const { amazon, baseUrls } = server;
    const as: oauth.AuthorizationServer = {
      issuer: server.url,
      token_endpoint: `${baseUrls.token.na}/auth/o2/token`,
    };
    const client: oauth.Client = { client_id: amazon.app.clientId };
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorize = amazon.authorizeUrl({
      redirectUri: REDIRECT_URI,
      state,
      codeChallenge: await oauth.calculatePKCECodeChallenge(verifier),
    });
    const callback = await amazon.signIn(authorize);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const options = { [oauth.allowInsecureRequests]: true };
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(amazon.app.clientSecret),
      params,
      REDIRECT_URI,
      verifier,
      options,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response);
    expect(result.access_token).toMatch(/^Atza\|/);
    expect(result.token_type).toBe('bearer');
    expect(result.expires_in).toBe(3600);
    const refresh = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(amazon.app.clientSecret),
      result.refresh_token!,
      options,
    );
    const refreshed = await oauth.processRefreshTokenResponse(as, client, refresh);
    expect(refreshed.access_token).not.toBe(result.access_token);
    expect(refreshed.refresh_token).toBe(result.refresh_token);
    // A replayed code is refused in the OAuth-standard way the client library understands.
    const replay = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(amazon.app.clientSecret),
      params,
      REDIRECT_URI,
      verifier,
      options,
    );
    await expect(oauth.processAuthorizationCodeResponse(as, client, replay)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(amazon.calls('lwa.token.refresh_token')).toBe(1);
  });

  it('answers the same handlers whatever host name the client used (localhost or 127.0.0.1)', async () => {
    const viaLocalhost = server.url.replace('127.0.0.1', 'localhost');
    const response = await fetch(`${viaLocalhost}/na/ads/v2/profiles`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: '401' });
  });

  it('answers CORS preflights and exposes Amazon’s headers to browsers', async () => {
    const preflight = await fetch(`${server.baseUrls.ads.na}/v2/profiles`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-headers': 'authorization,amazon-advertising-api-clientid',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain(
      'amazon-advertising-api-clientid',
    );
  });

  it('serves gzipped report files that a client must gunzip itself', async () => {
    const { amazon } = server;
    const callback = await amazon.signIn(amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI }));
    const token = (await (
      await fetch(
        `${server.baseUrls.token.na}/auth/o2/token`,
        form({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('spapi_oauth_code')!,
          client_id: amazon.app.clientId,
          client_secret: amazon.app.clientSecret,
        }),
      )
    ).json()) as { access_token: string };
    const headers = { 'x-amz-access-token': token.access_token, 'content-type': 'application/json' };
    const base = `${server.baseUrls.spApi.na}/reports/2021-06-30`;
    amazon.scenarios.slowReports({ api: 'spapi', polls: 1 });
    const { reportId } = (await (
      await fetch(`${base}/reports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
          dataStartTime: '2026-11-01T00:00:00Z',
          dataEndTime: '2026-11-03T00:00:00Z',
          marketplaceIds: ['ATVPDKIKX0DER'],
        }),
      })
    ).json()) as { reportId: string };
    const { reportDocumentId } = (await (await fetch(`${base}/reports/${reportId}`, { headers })).json()) as {
      reportDocumentId: string;
    };
    const { url } = (await (await fetch(`${base}/documents/${reportDocumentId}`, { headers })).json()) as {
      url: string;
    };
    const file = await fetch(url);
    expect(file.headers.get('content-encoding')).toBeNull();
    expect(file.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
    const content = JSON.parse(await gunzip(await file.arrayBuffer())) as {
      salesAndTrafficByDate: unknown[];
    };
    expect(content.salesAndTrafficByDate).toHaveLength(3);
    // enableContentEncodingUrlHeader=true: the file says Content-Encoding: gzip, so fetch unzips it by itself.
    const encoded = (await (
      await fetch(`${base}/documents/${reportDocumentId}?enableContentEncodingUrlHeader=true`, { headers })
    ).json()) as { url: string };
    const plain = (await (await fetch(encoded.url)).json()) as { salesAndTrafficByDate: unknown[] };
    expect(plain.salesAndTrafficByDate).toHaveLength(3);
  });
});

describe('the control endpoint', () => {
  it('switches scenarios on, moves the clock, counts calls and resets', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(
        `${server.url}/__mock${path}`,
        body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
      );
    const info = (await (await control('')).json()) as {
      users: { key: string; email: string; password: string }[];
      app: { clientId: string };
    };
    expect(info.users.find((u) => u.key === 'default')).toMatchObject({
      email: 'user_good@example.com',
      password: 'pass_good',
    });
    expect(info.app.clientId).toBe(server.amazon.app.clientId);

    expect(
      (
        await control('/scenario', {
          name: 'throttle',
          args: ['ads.profiles', { times: 1, retryAfterSeconds: 3 }],
        })
      ).status,
    ).toBe(200);
    const throttled = await fetch(`${server.baseUrls.ads.eu}/v2/profiles`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    const counts = (await (await control('/calls')).json()) as { counts: Record<string, number> };
    expect(counts.counts['ads.profiles']).toBe(1);
    expect(await (await control('/calls?endpoint=ads')).json()).toEqual({ endpoint: 'ads', count: 1 });

    const moved = (await (await control('/clock', { advance: 60_000 })).json()) as { now: number };
    expect(moved.now).toBe(TEST_NOW + 60_000);
    const bad = await control('/scenario', { name: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'UNKNOWN_SCENARIO' });
    await control('/reset', {});
    expect(server.amazon.clock.now()).toBe(TEST_NOW);
    expect(server.amazon.log).toHaveLength(0);
  });
});
