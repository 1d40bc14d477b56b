import { createMockAmazon, type MockAmazon } from '@smart-ads/mock-amazon';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { checkAnswer, type ModelReport } from './model-check.js';

/** A fixed start for the mock clock: Friday 20 November 2026, 12:00 UTC (as in the mock's own tests). */
export const TEST_NOW = Date.UTC(2026, 10, 20, 12);
export const REDIRECT_URI = 'http://localhost:3000/callback';

/**
 * The mock on Amazon's real hosts through MSW (for clients that hardcode them), with every answer it gives checked
 * against Amazon's model after each test. `setupServer` comes from this package's msw, the same copy the mock
 * imports (pnpm links one msw@3.0.5), as the mock's README asks.
 */
export function mockAmazonOverMsw(): { amazon: MockAmazon; report: ModelReport } {
  const amazon = createMockAmazon({ now: TEST_NOW });
  const server = setupServer(...amazon.handlers);
  const report: ModelReport = { checked: [], problems: [] };
  const pending: Promise<void>[] = [];
  server.events.on('response:mocked', ({ request, response }) => {
    pending.push(checkAnswer(request, response, report));
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(async () => {
    await Promise.all(pending.splice(0));
    expect(report.problems).toEqual([]);
    amazon.reset();
  });
  afterAll(() => server.close());
  return { amazon, report };
}

/** Signs the default user in at Seller Central (the browser part) and answers the callback's code. */
export async function sellerCentralCode(amazon: MockAmazon, email?: string): Promise<string> {
  const callback = await amazon.signIn(
    amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'client-test' }),
    email ? { email } : {},
  );
  const code = callback.searchParams.get('spapi_oauth_code');
  if (!code) throw new Error(`no spapi_oauth_code in ${callback}`);
  return code;
}

/** Exchanges a code at the (intercepted) LWA token endpoint with a plain form post: the refresh token. */
export async function exchangeCode(amazon: MockAmazon, code: string, redirectUri?: string): Promise<string> {
  const response = await fetch('https://api.amazon.com/auth/o2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      ...(redirectUri ? { redirect_uri: redirectUri } : {}),
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    }),
  });
  const body = (await response.json()) as { refresh_token?: string };
  if (!body.refresh_token) throw new Error(`exchange failed: ${JSON.stringify(body)}`);
  return body.refresh_token;
}
