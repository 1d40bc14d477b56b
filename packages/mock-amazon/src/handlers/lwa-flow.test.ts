import { afterEach, describe, expect, it } from 'vitest';
import { clientFields, postToken, REDIRECT_URI, TEST_NOW } from '../../test/support.js';
import { createMockAmazon } from '../create-mock-amazon.js';
import { SignInError } from '../errors/sign-in-error.js';
import { pageErrorCode, parseHtmlForms } from '../html-form.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());

async function codeFor(options: { codeChallenge?: string; region?: 'na' | 'eu' | 'fe' } = {}) {
  const url = await amazon.signIn(
    amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 'xyz', ...options }),
  );
  return url.searchParams.get('code')!;
}

function exchange(code: string, extra: Record<string, string> = {}, region: 'na' | 'eu' | 'fe' = 'na') {
  return postToken(
    amazon,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...clientFields(amazon), ...extra },
    region,
  );
}

async function s256(verifier: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

describe('/ap/oa sign-in and consent pages', () => {
  it('serves an HTML sign-in form, then a consent page naming the scope', async () => {
    const page = await amazon.fetch(amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 's' }));
    expect(page.headers.get('content-type')).toContain('text/html');
    const [form] = parseHtmlForms(await page.text());
    expect(form).toMatchObject({ name: 'signIn', method: 'POST', action: 'signin' });
    const body = new URLSearchParams({
      ...form!.fields,
      email: amazon.users.default.email,
      password: 'pass_good',
    });
    const signedIn = await amazon.fetch(`${amazon.baseUrls.authorize.na}/ap/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    expect(signedIn.status).toBe(302);
    const consent = await amazon.fetch(
      new URL(signedIn.headers.get('location')!, `${amazon.baseUrls.authorize.na}/ap/signin`),
    );
    const text = await consent.text();
    expect(text).toContain('advertising::campaign_management');
    expect(text).toContain('Smart Ads');
    expect(parseHtmlForms(text)[0]?.buttons.map((b) => b.value)).toEqual(['allow', 'deny']);
  });

  it('accepts the older scope name cpc_advertising:campaign_management and echoes it back', async () => {
    const url = await amazon.signIn(
      amazon.authorizeUrl({ redirectUri: REDIRECT_URI, scope: 'cpc_advertising:campaign_management' }),
    );
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('cpc_advertising:campaign_management');
  });

  it('redirects with code, scope and state after consent', async () => {
    const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 's-1' }));
    expect(url.origin + url.pathname).toBe(REDIRECT_URI);
    expect(url.searchParams.get('state')).toBe('s-1');
    expect(url.searchParams.get('scope')).toBe('advertising::campaign_management');
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z]{20}$/);
  });

  it('redirects with error=access_denied, a description and the state on refusal', async () => {
    const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 's-2' }), {
      consent: false,
    });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('error_description')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('s-2');
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('shows the sign-in form again on a wrong password (signIn throws INVALID_CREDENTIALS)', async () => {
    const attempt = amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }), { password: 'wrong' });
    await expect(attempt).rejects.toBeInstanceOf(SignInError);
    await expect(attempt).rejects.toMatchObject({ pageCode: 'INVALID_CREDENTIALS', code: 'SIGN_IN_FAILED' });
  });

  it('refuses an unknown client and a redirect URI that is not allowed, on its own page', async () => {
    const unknown = amazon
      .authorizeUrl({ redirectUri: REDIRECT_URI })
      .replace(amazon.app.clientId, 'amzn1.application-oa2-client.nope');
    await expect(amazon.signIn(unknown)).rejects.toMatchObject({ pageCode: 'INVALID_CLIENT', status: 400 });
    const external = amazon.authorizeUrl({ redirectUri: 'https://evil.example/callback' });
    await expect(amazon.signIn(external)).rejects.toMatchObject({
      pageCode: 'lwa-invalid-parameter-bad-redirect-uri',
    });
  });

  it('redirects with invalid_scope for an unknown scope and unsupported_response_type for a non-code flow', async () => {
    const scoped = await amazon.signIn(
      amazon.authorizeUrl({
        redirectUri: REDIRECT_URI,
        scope: 'advertising::no_such_scope',
        state: 'q',
      }),
    );
    expect(Object.fromEntries(scoped.searchParams)).toEqual({
      error: 'invalid_scope',
      error_description: 'An unknown scope was requested',
      state: 'q',
    });
    const implicit = await amazon.signIn(
      amazon.authorizeUrl({ redirectUri: REDIRECT_URI }).replace('response_type=code', 'response_type=token'),
    );
    expect(implicit.searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('answers a stale or forged sign-in form with a "session expired" page', async () => {
    const response = await amazon.fetch(`${amazon.baseUrls.authorize.na}/ap/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        tx: 'forged',
        email: amazon.users.default.email,
        password: 'pass_good',
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(pageErrorCode(await response.text())).toBe('SESSION_EXPIRED');
    const consent = await amazon.fetch(`${amazon.baseUrls.authorize.na}/ap/consent?tx=forged`);
    expect(pageErrorCode(await consent.text())).toBe('SESSION_EXPIRED');
  });

  it('matches an explicit allow-list of redirect URIs exactly', async () => {
    const strict = createMockAmazon({
      now: TEST_NOW,
      app: { redirectUris: ['https://app.example/amazon/callback'] },
    });
    const ok = await strict.signIn(
      strict.authorizeUrl({ redirectUri: 'https://app.example/amazon/callback' }),
    );
    expect(ok.searchParams.get('code')).toBeTruthy();
    await expect(
      strict.signIn(strict.authorizeUrl({ redirectUri: 'https://app.example/amazon/callback/' })),
    ).rejects.toMatchObject({
      pageCode: 'lwa-invalid-parameter-bad-redirect-uri',
    });
    await expect(strict.signIn(strict.authorizeUrl({ redirectUri: REDIRECT_URI }))).rejects.toBeInstanceOf(
      SignInError,
    );
  });
});

describe('/auth/o2/token authorization_code grant', () => {
  it('exchanges a code once for Atza/Atzr tokens; a second exchange is invalid_grant', async () => {
    const code = await codeFor();
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(String(first.body.access_token)).toMatch(/^Atza\|/);
    expect(String(first.body.refresh_token)).toMatch(/^Atzr\|/);
    expect(String(first.body.refresh_token).length).toBeLessThanOrEqual(2048);
    const second = await exchange(code);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The request has an invalid grant parameter : code',
    });
    expect(amazon.calls('lwa.token.authorization_code')).toBe(2);
    expect(amazon.calls('lwa.token.authorization_code', { status: 200 })).toBe(1);
  });

  it('lets a code from one region be exchanged at another region’s token host', async () => {
    const code = await codeFor({ region: 'eu' });
    expect((await exchange(code, {}, 'fe')).status).toBe(200);
  });

  it('expires codes after 5 minutes of the mock clock', async () => {
    const fresh = await codeFor();
    amazon.clock.advance(5 * 60_000 - 1);
    expect((await exchange(fresh)).status).toBe(200);
    const stale = await codeFor();
    amazon.clock.advance(5 * 60_000);
    expect((await exchange(stale)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('requires the redirect_uri used at /ap/oa', async () => {
    const code = await codeFor();
    const missing = await postToken(amazon, {
      grant_type: 'authorization_code',
      code,
      ...clientFields(amazon),
    });
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : redirect_uri',
    });
    const other = await exchange(code, { redirect_uri: 'http://localhost:3000/other' });
    expect(other.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('redirect_uri'),
    });
    expect((await exchange(code)).status).toBe(200);
  });

  it('verifies PKCE S256 when a challenge was sent', async () => {
    const verifier = 'a-verifier-that-is-long-enough-to-be-valid-0123456789';
    const code = await codeFor({ codeChallenge: await s256(verifier) });
    expect((await exchange(code)).body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('code_verifier'),
    });
    expect((await exchange(code, { code_verifier: `${verifier}x` })).body).toMatchObject({
      error: 'invalid_grant',
    });
    expect((await exchange(code, { code_verifier: verifier })).status).toBe(200);
  });

  it('accepts client credentials in HTTP Basic and refuses wrong ones with 401 invalid_client', async () => {
    const code = await codeFor();
    const basic = btoa(
      `${encodeURIComponent(amazon.app.clientId)}:${encodeURIComponent(amazon.app.clientSecret)}`,
    );
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    const ok = await amazon.fetch(`${amazon.baseUrls.token.na}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: form.toString(),
    });
    expect(ok.status).toBe(200);
    const wrong = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|x',
      client_id: amazon.app.clientId,
      client_secret: 'rotated',
    });
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    });
  });

  it('answers invalid_request and unsupported_grant_type for malformed requests', async () => {
    expect((await postToken(amazon, { ...clientFields(amazon) })).body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : grant_type',
    });
    expect((await postToken(amazon, { grant_type: 'password', ...clientFields(amazon) })).body).toMatchObject(
      { error: 'unsupported_grant_type' },
    );
    expect((await postToken(amazon, { grant_type: 'refresh_token', ...clientFields(amazon) })).body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : refresh_token',
    });
    const text = await amazon.fetch(`${amazon.baseUrls.token.na}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'grant_type=refresh_token',
    });
    expect(await text.json()).toEqual({ error: 'invalid_request', error_description: 'Malformed request' });
    const broken = await amazon.fetch(`${amazon.baseUrls.token.na}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(await broken.json()).toEqual({ error: 'invalid_request', error_description: 'Malformed request' });
  });

  it('accepts a JSON body as Amazon does (amazon-sp-api and @sp-api-sdk/auth send only JSON)', async () => {
    const url = await amazon.signIn(amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI }));
    const exchange = await amazon.fetch(`${amazon.baseUrls.token.na}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: url.searchParams.get('spapi_oauth_code'),
        ...clientFields(amazon),
      }),
    });
    expect(exchange.status).toBe(200);
    const { refresh_token } = (await exchange.json()) as { refresh_token: string };
    const refresh = await amazon.fetch(`${amazon.baseUrls.token.na}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token, ...clientFields(amazon) }),
    });
    expect(refresh.status).toBe(200);
    expect(amazon.calls('lwa.token.refresh_token', { status: 200 })).toBe(1);
  });
});

describe('/auth/o2/token refresh_token grant', () => {
  it('returns a new access token and the same refresh token', async () => {
    const first = await exchange(await codeFor());
    const refreshed = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      ...clientFields(amazon),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(first.body.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect(amazon.calls('lwa.token.refresh_token')).toBe(1);
  });

  it('answers invalid_grant after a password change or a revocation', async () => {
    const revoked =
      "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.";
    const a = await exchange(await codeFor());
    amazon.scenarios.changePassword(amazon.users.default.email);
    const afterChange = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: String(a.body.refresh_token),
      ...clientFields(amazon),
    });
    expect(afterChange).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: revoked },
    });
    // The old password no longer signs in; the new one does, and a fresh authorization works again.
    await expect(
      amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }), { password: 'pass_good' }),
    ).rejects.toBeInstanceOf(SignInError);
    expect(amazon.users.default.password).toBe('pass_new');
    const b = await exchange(await codeFor());
    expect(b.status).toBe(200);
    amazon.scenarios.revokeAuthorization(amazon.users.default.email);
    const afterRevoke = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: String(b.body.refresh_token),
      ...clientFields(amazon),
    });
    expect(afterRevoke.body).toEqual({ error: 'invalid_grant', error_description: revoked });
  });
});
