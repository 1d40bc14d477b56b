import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { problemSchema } from '../../contract/schemas';
import type { ConnectionStore } from '../storage/connection-store';
import { createSqliteStore } from '../storage/sqlite-store';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const problem = (answer: { body: unknown }) => problemSchema.parse(answer.body);

describe('when Amazon fails', () => {
  it('answers rate_limited with Retry-After when the token endpoint throttles, and connects nothing', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.throttle('lwa.token', { retryAfterSeconds: 7 });
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(answer.status).toBe(429);
    expect(problem(answer)).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(answer.headers.get('retry-after')).toBe('7');
    expect((await h.store.listConnections('sub_1')).length).toBe(0);
  });

  it('answers amazon_unavailable on a 5xx from the Ads API and connects nothing; the retry resumes without a second exchange', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.serverErrors('ads.profiles', { status: 503 });
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(answer.status).toBe(502);
    expect(problem(answer)).toMatchObject({ code: 'amazon_unavailable', retryable: true });
    expect((await h.store.listConnections('sub_1')).length).toBe(0);
    // "retryable" is true: the same callback again reaches Amazon again, with the tokens Amazon already gave
    const again = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(again.status, again.text).toBe(200);
    expect((await h.store.listConnections('sub_1')).map((c) => c.kind)).toEqual(['advertising']);
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('answers amazon_unavailable, never a crash, when Amazon sends malformed JSON', async () => {
    let garble = true;
    h = await createHarness({
      fetch: async (request) => {
        if (garble && new URL(request.url).pathname.endsWith('/v2/profiles')) {
          return new Response('[{"profileId": 1, "countryCode": "US"', {
            headers: { 'content-type': 'application/json' },
          });
        }
        return (h as Harness).amazon.fetch(request);
      },
    });
    const { state, code } = await h.signIn('advertising');
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(answer.status).toBe(502);
    expect(problem(answer).code).toBe('amazon_unavailable');
    expect(problem(answer).detail).not.toContain('profileId');
    garble = false;
    expect((await h.store.listConnections('sub_1')).length).toBe(0);
  });

  it('answers amazon_unavailable when the token endpoint answers HTML', async () => {
    h = await createHarness({
      fetch: async (request) =>
        new URL(request.url).pathname.endsWith('/auth/o2/token')
          ? new Response('<html>Service Unavailable</html>', {
              status: 200,
              headers: { 'content-type': 'text/html' },
            })
          : (h as Harness).amazon.fetch(request),
    });
    const { state, code } = await h.signIn('advertising');
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(problem(answer).code).toBe('amazon_unavailable');
  });
});

describe('a failure between the exchange and the save', () => {
  it('leaves the previous state whole; the retry saves with the tokens already given, never exchanging the code again', async () => {
    const real = await createSqliteStore({ filename: ':memory:' });
    let failSaves = false;
    const store: ConnectionStore = {
      ...real,
      saveConnection: async (input) => {
        if (failSaves) throw new Error('disk full');
        return real.saveConnection(input);
      },
    };
    h = await createHarness({ store });
    expect((await h.connect('advertising')).status).toBe(200);
    const before = await h.call('GET', '/status');
    failSaves = true;
    const { state, code, sellingPartnerId } = await h.signIn('sellerCentral');
    const body = { kind: 'sellerCentral', state, code, sellingPartnerId };
    const answer = await h.call('POST', '/callback', body);
    expect(answer.status).toBe(500);
    expect(problem(answer)).toMatchObject({ code: 'server_error', retryable: true });
    expect(answer.text).not.toContain('disk full');
    expect((await h.call('GET', '/status')).body).toEqual(before.body);
    failSaves = false;
    const retried = await h.call('POST', '/callback', body);
    expect(retried.status, retried.text).toBe(200);
    expect((retried.body as { status: { sellerCentral: unknown } }).status.sellerCentral).not.toBeNull();
    // one exchange for Advertising, one for Seller Central: the retry did not spend the code again
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(2);
  });
});

describe('secrets', () => {
  it('never sends a token, code or the client secret in any response body of a full flow', async () => {
    h = await createHarness();
    const codes: string[] = [];
    const connect = async (kind: 'advertising' | 'sellerCentral', email?: string) => {
      const signed = await (h as Harness).signIn(kind, email ? { email } : {});
      codes.push(signed.code);
      const body =
        kind === 'advertising'
          ? { kind, state: signed.state, code: signed.code }
          : { kind, state: signed.state, code: signed.code, sellingPartnerId: signed.sellingPartnerId };
      return (h as Harness).call('POST', '/callback', body);
    };
    expect((await connect('advertising')).status).toBe(200);
    expect((await connect('sellerCentral')).status).toBe(200);
    for (let load = 0; load < 6; load++) {
      await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16');
      h.amazon.clock.advance(6_000);
    }
    h.amazon.scenarios.expireAccessTokens();
    h.amazon.clock.advance(3_600_000);
    await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16');
    await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
    const choice = await connect('advertising', h.amazon.users.multipleAccounts.email);
    expect(choice.status).toBe(200);
    await h.call('GET', '/status');

    expect(h.issuedTokens.size).toBeGreaterThanOrEqual(5);
    const secrets = [...h.issuedTokens, ...codes, h.amazon.app.clientSecret];
    const everything = [...h.bodies, ...h.logged].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // and the store only holds sealed values
    const rows = await h.store.listConnections('sub_1');
    for (const secret of secrets) expect(JSON.stringify(rows)).not.toContain(secret);
  });
});
