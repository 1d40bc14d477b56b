// The mock-amazon README's scenarios, clock and inspection samples, run in-process (amazon.fetch).
import { createMockAmazon } from '@smart-ads/mock-amazon';
import { describe, expect, it } from 'vitest';

const amazon = createMockAmazon();

/** Exchanges a fresh sign-in's code for tokens (what your server half does). */
async function tokens() {
  const redirectUri = 'http://localhost:3000/amazon/return';
  const code = (await amazon.signIn(amazon.authorizeUrl({ redirectUri }))).searchParams.get('code') ?? '';
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: amazon.app.clientId,
    client_secret: amazon.app.clientSecret,
  });
  return amazon.fetch(new Request(`${amazon.baseUrls.token.na}/auth/o2/token`, { method: 'POST', body }));
}

describe('scenarios, the clock and inspection', () => {
  it('switches every scenario on, and reset() undoes them', async () => {
    // #region scenarios
    const { email } = amazon.users.default;

    amazon.scenarios.revokeAuthorization(email); // refresh -> invalid_grant; Ads 401, SP-API 403
    amazon.scenarios.revokeAuthorization(email, { kind: 'sellingPartner', region: 'eu' }); // only that grant
    // A new password ('pass_new' is returned): old grants stop working, the old password no longer signs in.
    amazon.scenarios.changePassword(email);
    amazon.scenarios.throttle('spapi.reports.create', { times: 2 }); // two 429s (Ads: Retry-After, except on report create)
    amazon.scenarios.throttle('ads', { times: 'always', retryAfterSeconds: 30 });
    amazon.scenarios.rateLimits(); // Amazon's SP-API token buckets on the mock clock
    amazon.scenarios.serverErrors('lwa.token', { status: 503 }); // one 503 with Amazon's body for that API
    amazon.scenarios.slowReports({ api: 'ads', polls: 5 }); // PENDING, PROCESSING ×3, COMPLETED
    amazon.scenarios.reportDelay(72); // reports finish after 72 h of mock time
    amazon.scenarios.emptyReports('spapi'); // completed, but no rows
    amazon.scenarios.failReports(); // FAILED (Ads) / FATAL (SP-API)
    // Empty reports and zero order metrics until 24 h after the user connected (each new connection waits again).
    amazon.scenarios.dataLatency(24);
    amazon.scenarios.expireAuthorizationCodes(); // pending codes -> invalid_grant
    amazon.scenarios.expireAccessTokens(); // calls fail until the client refreshes
    amazon.scenarios.autoSignIn({ email, consent: true }); // /ap/oa and consent redirect at once (browser demos)
    // #endregion scenarios

    expect((await tokens()).status).toBe(503); // serverErrors('lwa.token') answers first
    amazon.reset();
    expect((await tokens()).status).toBe(200);
  });

  it('moves the clock only when told to', () => {
    amazon.reset();
    const frozen = amazon.clock.now();
    expect(amazon.clock.now()).toBe(frozen); // frozen by default
    // #region clock
    amazon.clock.advance(5 * 60_000); // past a code's expiry
    amazon.clock.advance(3_600_000); // past an access token's expiry
    amazon.clock.set(Date.UTC(2026, 10, 23)); // jump to a date
    amazon.clock.now();
    // #endregion clock
    expect(amazon.clock.now()).toBe(Date.UTC(2026, 10, 23));
  });

  it('counts and logs every call', async () => {
    amazon.reset();
    await tokens();
    // #region inspection
    amazon.calls('lwa.token.refresh_token'); // "the token was refreshed once"
    amazon.calls('ads.reports.create', { region: 'na' }); // "one report per source"
    amazon.calls('spapi', { status: 429 });
    amazon.callCounts(); // { 'ads.profiles': 3, ... } exact names
    amazon.log; // [{ method, url, status, endpoint, region, at, requestId }] (last 10 000)
    amazon.world; // the seeded users, accounts, profiles, products, campaigns
    // #endregion inspection
    expect(amazon.calls('lwa.token.authorization_code')).toBe(1);
    expect(amazon.callCounts()).toMatchObject({ 'lwa.token.authorization_code': 1 });
    expect(amazon.log.at(-1)?.endpoint).toBe('lwa.token.authorization_code');
    expect(amazon.world.users.length).toBeGreaterThan(0);
  });
});
