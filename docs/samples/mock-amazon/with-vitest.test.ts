// The mock-amazon README's first samples as a real Vitest file: the MSW setup, then Amazon's real hosts answered
// by the mock, and its sign-in pages walked with amazon.signIn.
// #region setup
import { createMockAmazon } from '@smart-ads/mock-amazon';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

const amazon = createMockAmazon();
const server = setupServer(...amazon.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' })); // msw 3; msw 2 calls it onUnhandledRequest
afterEach(() => amazon.reset()); // back to the seeded state, clock included
afterAll(() => server.close());

// #endregion setup

import { describe, expect, it } from 'vitest';

describe('the mock Amazon behind MSW', () => {
  it("answers on Amazon's own hosts", async () => {
    const profiles = await fetch('https://advertising-api.amazon.com/v2/profiles', {
      headers: { 'Amazon-Advertising-API-ClientId': amazon.app.clientId },
    });
    expect(profiles.status).toBe(401); // no access token: Amazon's answer
    expect(amazon.calls('ads.profiles')).toBe(1);
  });

  it('walks the sign-in and consent pages and returns the redirect to your app', async () => {
    const url = amazon.authorizeUrl({ redirectUri: 'http://localhost:3000/amazon/return', state: 'state-1' });
    const authorizeUrlBuiltByYourApp = url;
    // #region sign-in
    const callback = await amazon.signIn(authorizeUrlBuiltByYourApp); // default user, consents
    callback.searchParams.get('code'); // or spapi_oauth_code for Seller Central
    const other = await amazon.signIn(url, { email: amazon.users.noAdvertising.email }); // another ready-made user
    const refused = await amazon.signIn(url, { consent: false }); // ?error=access_denied&state=…
    // #endregion sign-in
    expect(callback.searchParams.get('state')).toBe('state-1');
    expect(callback.searchParams.get('code')).toMatch(/\S/);
    expect(other.searchParams.get('code')).toMatch(/\S/);
    expect(refused.searchParams.get('error')).toBe('access_denied');
  });
});
