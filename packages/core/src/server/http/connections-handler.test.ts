import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { problemContentType } from '../../contract/paths';
import {
  authorizeResponseSchema,
  callbackResponseSchema,
  connectionsStatusSchema,
  problemSchema,
} from '../../contract/schemas';
import type { CallbackResponse, ConnectionsStatus } from '../../contract/types';

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
    expect(status.advertising?.account.name).toBe('Acme Home & Kitchen');
    expect(status.advertising?.health).toBe('ok');
    expect(status.advertising?.data.state).toBe('populating');
    expect(status.advertising?.account.marketplaces.map((m) => m.countryCode).sort()).toEqual(
      ['CA', 'DE', 'UK', 'US'].sort(),
    );
    expect(status.sellerCentral).toBeNull();
    expect(status.advertising?.account.id).toBe(
      h.amazon.world.byKey.default.advertisingAccounts[0]?.entityId,
    );
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

const status = async (subscription = 'sub_1') =>
  connectionsStatusSchema.parse(
    (await h.call('GET', '/status', undefined, subscription)).body,
  ) as ConnectionsStatus;

describe('the one-account rule', () => {
  it('refuses /authorize while an account is connected', async () => {
    await h.connect('advertising');
    const answer = await h.call('POST', '/authorize', { kind: 'advertising', returnTo: '/' });
    expect(answer.status).toBe(409);
    expect(problemCode(answer)).toBe('account_limit_reached');
  });

  it('leaves exactly one account when two tabs finish with different accounts at once', async () => {
    const first = await h.signIn('advertising');
    const second = await h.signIn('advertising', { email: h.amazon.users.otherAccount.email });
    const answers = await Promise.all([
      h.call('POST', '/callback', { kind: 'advertising', state: first.state, code: first.code }),
      h.call('POST', '/callback', { kind: 'advertising', state: second.state, code: second.code }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409);
    expect(loser && problemCode(loser)).toBe('account_conflict');
    const after = await status();
    const winner = answers[0]?.status === 200 ? 'Acme Home & Kitchen' : 'Globex Garden Supply';
    expect(after.advertising?.account.name).toBe(winner);
  });

  it('lets a plan with two accounts connect two', async () => {
    const two = await createHarness({ accountLimit: 2 });
    expect((await two.connect('advertising')).status).toBe(200);
    expect((await two.connect('advertising', { email: two.amazon.users.otherAccount.email })).status).toBe(
      200,
    );
    expect((await two.call('POST', '/authorize', { kind: 'advertising', returnTo: '/' })).status).toBe(409);
    expect((await two.store.listConnections('sub_1')).length).toBe(2);
    await two.close();
  });

  it('keeps subscriptions apart', async () => {
    await h.connect('advertising');
    expect((await h.connect('advertising', { subscription: 'sub_2' })).status).toBe(200);
    expect((await status('sub_2')).advertising?.account.name).toBe('Acme Home & Kitchen');
  });
});

describe('the OAuth transaction', () => {
  it('exchanges a code once: a retried callback gets the same answer without a second exchange', async () => {
    const { state, code } = await h.signIn('advertising');
    const body = { kind: 'advertising', state, code };
    const answers = await Promise.all([h.call('POST', '/callback', body), h.call('POST', '/callback', body)]);
    const again = await h.call('POST', '/callback', body);
    expect([...answers, again].map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set([...answers, again].map((a) => (a.body as CallbackResponse).outcome))).toEqual(
      new Set(['connected']),
    );
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('refuses a state that was tampered with, belongs to another subscription or kind', async () => {
    const { state, code } = await h.signIn('advertising');
    const tampered = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
    for (const [body, subscription] of [
      [{ kind: 'advertising', state: tampered, code }, 'sub_1'],
      [{ kind: 'advertising', state, code }, 'sub_2'],
      [{ kind: 'sellerCentral', state, code, sellingPartnerId: 'A1' }, 'sub_1'],
      [{ kind: 'advertising', state: 'not-a-state-at-all', code }, 'sub_1'],
    ] as const) {
      const answer = await h.call('POST', '/callback', body, subscription);
      expect(answer.status).toBe(400);
      expect(problemCode(answer)).toBe('state_mismatch');
    }
    expect(h.amazon.calls('lwa.token')).toBe(0);
    expect((await h.call('POST', '/callback', { kind: 'advertising', state, code })).status).toBe(200);
  });

  it('expires a transaction after 10 minutes', async () => {
    const { state, code } = await h.signIn('advertising');
    h.amazon.clock.advance(10 * 60_000 + 1);
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(answer.status).toBe(410);
    expect(problemCode(answer)).toBe('transaction_expired');
    expect((await status()).advertising).toBeNull();
  });

  it('answers authorization_code_rejected when Amazon refuses the code', async () => {
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.expireAuthorizationCodes();
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(answer.status).toBe(422);
    expect(problemCode(answer)).toBe('authorization_code_rejected');
    expect((await status()).advertising).toBeNull();
  });
});

describe('several advertising accounts', () => {
  it('asks which account, then connects the one picked', async () => {
    const answer = await h.connect('advertising', { email: h.amazon.users.multipleAccounts.email });
    const result = callbackResponseSchema.parse(answer.body) as CallbackResponse;
    if (result.outcome !== 'choose_account') throw new Error('expected a choice');
    expect(result.accounts.map((a) => a.name).sort()).toEqual(
      h.amazon.world.byKey.multipleAccounts.advertisingAccounts.map((a) => a.name).sort(),
    );
    const tailspin = result.accounts.find((a) => a.name.startsWith('Tailspin'));
    expect(tailspin?.marketplaces.every((m) => m.region === 'fe')).toBe(true);
    expect((await status()).advertising).toBeNull();
    const state = h.bodies.map((b) => JSON.parse(b) as { state?: string }).find((b) => b.state)?.state ?? '';
    const bad = await h.call('POST', '/advertising/account', { state, accountId: 'ENTITY_NOT_OFFERED' });
    expect(problemCode(bad)).toBe('invalid_request');
    const picked = await h.call('POST', '/advertising/account', { state, accountId: tailspin?.id });
    expect(picked.status, picked.text).toBe(200);
    expect((connectionsStatusSchema.parse(picked.body) as ConnectionsStatus).advertising?.account.id).toBe(
      tailspin?.id,
    );
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('answers no_advertising_access when no region has a profile', async () => {
    const answer = await h.connect('advertising', { email: h.amazon.users.noAdvertising.email });
    expect(answer.status).toBe(422);
    expect(problemCode(answer)).toBe('no_advertising_access');
    expect(h.amazon.calls('ads.profiles')).toBe(3);
    expect((await status()).advertising).toBeNull();
  });

  it('finds an account that only exists in Europe', async () => {
    const answer = await h.connect('advertising', { email: h.amazon.users.euOnly.email });
    expect(answer.status).toBe(200);
    expect((await status()).advertising?.account.marketplaces.every((m) => m.region === 'eu')).toBe(true);
  });
});

describe('Seller Central', () => {
  it('needs an Advertising account first', async () => {
    const answer = await h.call('POST', '/authorize', { kind: 'sellerCentral', returnTo: '/' });
    expect(answer.status).toBe(409);
    expect(problemCode(answer)).toBe('advertising_required');
  });

  it('connects with its selling partner id and marketplaces', async () => {
    await h.connect('advertising');
    const answer = await h.connect('sellerCentral');
    expect(answer.status, answer.text).toBe(200);
    const after = await status();
    const partner = h.amazon.world.byKey.default.sellingPartners[0];
    expect(after.sellerCentral?.sellingPartnerId).toBe(partner?.sellingPartnerId);
    expect(after.sellerCentral?.marketplaces.map((m) => m.countryCode).sort()).toEqual(
      partner?.marketplaces.map((m) => m.countryCode).sort(),
    );
    const url = new URL(
      h.bodies
        .map((b) => JSON.parse(b) as { authorizeUrl?: string })
        .filter((b) => b.authorizeUrl)
        .at(-1)?.authorizeUrl ?? '',
    );
    expect(url.pathname).toBe('/apps/authorize/consent');
    expect(url.searchParams.get('application_id')).toBe(h.amazon.app.applicationId);
    expect(url.searchParams.get('version')).toBe('beta');
  });
});

describe('disconnecting', () => {
  it('refuses an unconfirmed Advertising disconnect and changes nothing', async () => {
    await h.connect('advertising');
    const answer = await h.call('POST', '/disconnect', { kind: 'advertising' });
    expect(answer.status).toBe(428);
    expect(problemCode(answer)).toBe('confirmation_required');
    expect((await status()).advertising).not.toBeNull();
  });

  it('disconnects Seller Central softly, and Advertising with its Seller Central layer', async () => {
    await h.connect('advertising');
    await h.connect('sellerCentral');
    const soft = await h.call('POST', '/disconnect', { kind: 'sellerCentral' });
    expect(soft.status).toBe(200);
    const afterSoft = connectionsStatusSchema.parse(soft.body) as ConnectionsStatus;
    expect(afterSoft.sellerCentral).toBeNull();
    expect(afterSoft.advertising?.health).toBe('ok');
    await h.connect('sellerCentral');
    const full = await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
    expect(full.status).toBe(200);
    const afterFull = connectionsStatusSchema.parse(full.body) as ConnectionsStatus;
    expect(afterFull.advertising).toBeNull();
    expect(afterFull.sellerCentral).toBeNull();
    const again = await h.call('POST', '/disconnect', { kind: 'sellerCentral' });
    expect(problemCode(again)).toBe('not_connected');
  });
});

describe('stale connections', () => {
  it.each([
    ['a password change', (hh: Harness) => hh.amazon.scenarios.changePassword(hh.amazon.users.default.email)],
    [
      'revoked access',
      (hh: Harness) => hh.amazon.scenarios.revokeAuthorization(hh.amazon.users.default.email),
    ],
  ])('shows %s as stale, and a reconnect with the same account repairs it', async (_name, breakIt) => {
    await h.connect('advertising');
    breakIt(h);
    h.amazon.scenarios.expireAccessTokens();
    h.amazon.clock.advance(3_600_000);
    const metrics = await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16');
    expect(metrics.status).toBe(200);
    expect((metrics.body as { metrics: { adSpend: unknown } }).metrics.adSpend).toEqual({
      value: null,
      reason: 'stale',
    });
    expect((await status()).advertising?.health).toBe('stale');
    const password = h.amazon.users.default.password;
    const other = await h.connect('advertising', { email: h.amazon.users.otherAccount.email });
    expect(problemCode(other)).toBe('account_conflict');
    const { state, code } = await h.signIn('advertising', { password });
    const repaired = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(repaired.status, repaired.text).toBe(200);
    expect((await status()).advertising?.health).toBe('ok');
  });
});

describe('malformed input', () => {
  it.each([
    ['not JSON', '{"kind":'],
    ['a wrong kind', { kind: 'ebay', returnTo: '/' }],
    ['an open redirect', { kind: 'advertising', returnTo: '//evil.example' }],
  ])('answers invalid_request for %s', async (_name, body) => {
    const answer = await h.call('POST', '/authorize', body);
    expect(answer.status).toBe(400);
    expect(problemCode(answer)).toBe('invalid_request');
  });

  it('refuses a cross-site simple request whose content type only mentions JSON (no CSRF disconnect)', async () => {
    expect((await h.connect('advertising')).status).toBe(200);
    const forged = await h.handler(
      new Request('http://localhost:3000/api/amazon/disconnect', {
        method: 'POST',
        headers: { 'x-subscription': 'sub_1', 'content-type': 'text/plain;x=application/json' },
        body: JSON.stringify({ kind: 'advertising', confirmed: true }),
      }),
    );
    expect(forged.status).toBe(400);
    expect((await status()).advertising?.health).toBe('ok');
  });

  it('answers invalid_request for a bad metrics range', async () => {
    for (const query of [
      'from=2026-11-10',
      'from=2026-11-10&to=2026-11-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-09-01&to=2026-11-01',
    ]) {
      const answer = await h.call('GET', `/metrics?${query}`);
      expect(problemCode(answer)).toBe('invalid_request');
    }
  });
});
