import { afterEach, describe, expect, it } from 'vitest';
import { createMockAmazon } from '../create-mock-amazon.js';

const amazon = createMockAmazon({ now: Date.UTC(2026, 10, 20, 12) });
const redirectUri = 'http://localhost:3000/callback';

async function token(body: Record<string, string>, region: 'na' | 'eu' | 'fe' = 'na') {
  const response = await amazon.fetch(`${amazon.baseUrls.token[region]}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function codeFor(options: { state?: string; codeChallenge?: string } = {}) {
  const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri, state: options.state ?? 'xyz', ...options }));
  return url.searchParams.get('code')!;
}

const client = () => ({ client_id: amazon.app.clientId, client_secret: amazon.app.clientSecret });

afterEach(() => amazon.reset());

describe('Login with Amazon authorization code flow', () => {
  it('signs in, consents and redirects with code, scope and state', async () => {
    const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri, state: 's-1' }));
    expect(url.origin + url.pathname).toBe(redirectUri);
    expect(url.searchParams.get('state')).toBe('s-1');
    expect(url.searchParams.get('scope')).toBe('advertising::campaign_management');
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z]{20}$/);
  });

  it('exchanges the code once for Atza/Atzr tokens', async () => {
    const code = await codeFor();
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client() });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(String(first.body.access_token)).toMatch(/^Atza\|/);
    expect(String(first.body.refresh_token)).toMatch(/^Atzr\|/);
    const second = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client() });
    expect(second).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : code' },
    });
    expect(amazon.calls('lwa.token.authorization_code')).toBe(2);
  });
});
