// @scaleleap/amazon-advertising-api-sdk, the npm Ads API client with the most users: its OAuth client
// (client-oauth2, scope cpc_advertising:campaign_management) and its marketplace endpoints are configurable, so it
// runs over real HTTP against the standalone server. Flow: authorize URL -> sign-in and consent pages
// (signInOverHttp) -> code exchange -> refresh -> profiles, decoded by the SDK's own io-ts Profile codec.
// Its keyword operations are Ads API v2 (/v2/sp/keywords), which Amazon retired; the mock serves v3, so SP v3 is
// checked by the mock's own tests and the models here.
import { AmazonAdvertising, OAuthClient } from '@scaleleap/amazon-advertising-api-sdk';
import { type MockAmazonServer, signInOverHttp, startMockAmazonServer } from '@smart-ads/mock-amazon/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { profilesAnswer } from './schemas/ads.js';
import { lwaTokenAnswer } from './schemas/lwa.js';
import { REDIRECT_URI, TEST_NOW } from './support.js';

let server: MockAmazonServer;
beforeAll(async () => {
  server = await startMockAmazonServer({ now: TEST_NOW });
});
afterEach(() => server.amazon.reset());
afterAll(() => server.close());

function marketplace() {
  return {
    name: 'United States of America',
    advertising: {
      region: {
        authorizationUri: `${server.baseUrls.authorize.na}/ap/oa`,
        accessTokenUri: `${server.baseUrls.token.na}/auth/o2/token`,
        endpoint: server.baseUrls.ads.na,
      },
    },
  };
}

function oauth() {
  return new OAuthClient(
    {
      clientId: server.amazon.app.clientId,
      clientSecret: server.amazon.app.clientSecret,
      redirectUri: REDIRECT_URI,
      state: 'scaleleap',
    },
    marketplace(),
  );
}

describe('@scaleleap/amazon-advertising-api-sdk against the standalone server (HTTP)', () => {
  it('signs in with the older scope, exchanges and refreshes, and lists profiles through its io-ts codec', async () => {
    const client = oauth();
    const authorizeUrl = client.getUri();
    expect(new URL(authorizeUrl).searchParams.get('scope')).toBe('cpc_advertising:campaign_management');
    const callback = await signInOverHttp(authorizeUrl);
    expect(callback.searchParams.get('state')).toBe('scaleleap');
    const token = await client.getToken(callback.href);
    expect(lwaTokenAnswer.safeParse(token.data).success).toBe(true);
    const refreshed = await token.refresh();
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(server.amazon.calls('lwa.token.refresh_token', { status: 200 })).toBe(1);
    const ads = new AmazonAdvertising(marketplace(), {
      accessToken: refreshed.accessToken,
      clientId: server.amazon.app.clientId,
      scope: 0,
    });
    const profiles = await ads.profile.listProfiles();
    expect(profiles.map((p) => p.countryCode)).toEqual(['US', 'CA']);
    expect(profilesAnswer.safeParse(profiles).success).toBe(true);
    const one = await ads.profile.getProfile(profiles[1]!.profileId);
    expect(one).toMatchObject({ countryCode: 'CA', currencyCode: 'CAD' });
  });

  it('gets the mock’s 401 for an expired token as an error', async () => {
    const client = oauth();
    const token = await client.getToken((await signInOverHttp(client.getUri())).href);
    server.amazon.clock.advance(3_600_000);
    const ads = new AmazonAdvertising(marketplace(), {
      accessToken: token.accessToken,
      clientId: server.amazon.app.clientId,
      scope: 0,
    });
    await expect(ads.profile.listProfiles()).rejects.toThrow();
    expect(server.amazon.calls('ads.profiles', { status: 401 })).toBe(1);
  });
});
