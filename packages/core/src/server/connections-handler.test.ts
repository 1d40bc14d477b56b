import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemContentType } from '../contract/paths';
import {
  authorizeResponseSchema,
  callbackResponseSchema,
  connectionsStatusSchema,
  problemSchema,
} from '../contract/schemas';
import type { CallbackResponse, ConnectionsStatus } from '../contract/types';
import { createHarness, type Harness } from './handler-test-harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const problemCode = (answer: { body: unknown }) => problemSchema.parse(answer.body).code;

describe('connecting Amazon Advertising', () => {
  it('builds Login with Amazon URL with a server-side state and PKCE S256', async () => {
    const answer = await h.call('POST', '/authorize', { kind: 'advertising', returnTo: '/dashboard' });
    expect(answer.status).toBe(200);
    const body = authorizeResponseSchema.parse(answer.body);
    const url = new URL(body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${h.amazon.baseUrls.authorize.na}/ap/oa`);
    expect(url.searchParams.get('client_id')).toBe(h.amazon.app.clientId);
    expect(url.searchParams.get('scope')).toBe('advertising::campaign_management');
    expect(url.searchParams.get('state')).toBe(body.state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.has('client_secret')).toBe(false);
    expect(Date.parse(body.expiresAt) - h.amazon.clock.now()).toBe(10 * 60_000);
  });

  it('connects the account the user signed in with and reports it in /status', async () => {
    const answer = await h.connect('advertising');
    expect(answer.status, answer.text).toBe(200);
    const result = callbackResponseSchema.parse(answer.body) as CallbackResponse;
    expect(result.outcome).toBe('connected');
    const status = connectionsStatusSchema.parse((await h.call('GET', '/status')).body) as ConnectionsStatus;
    const expected = h.amazon.users.default;
    expect(status.advertising?.account.name).toBe('Acme Home & Kitchen');
    expect(status.advertising?.health).toBe('ok');
    expect(status.advertising?.data.state).toBe('populating');
    expect(status.advertising?.account.marketplaces.map((m) => m.countryCode).sort()).toEqual(
      ['CA', 'DE', 'UK', 'US'].sort(),
    );
    expect(status.sellerCentral).toBeNull();
    expect(expected.email).toBeTruthy();
  });
});

describe('requests without a subscription', () => {
  it.each([
    ['GET', '/status', undefined],
    ['POST', '/authorize', { kind: 'advertising', returnTo: '/' }],
    ['GET', '/metrics?from=2026-11-01&to=2026-11-07', undefined],
  ] as const)('%s %s answers 401 unauthorized', async (method, path, body) => {
    const answer = await h.call(method, path, body, null);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe(problemContentType);
    expect(problemCode(answer)).toBe('unauthorized');
  });
});
