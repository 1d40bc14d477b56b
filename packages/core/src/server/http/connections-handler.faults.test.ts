// The fault suite of the server half: Amazon hanging, failing, throttling; a server crashing mid-exchange and
// restarting; oversized, cross-site and unknown requests; misconfiguration. Races on both stores live in
// connections-handler.races.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { problemSchema } from '../../contract/schemas';
import type { ConnectionStore } from '../storage/connection-store';
import { createSqliteStore } from '../storage/sqlite-store';
import { createConnectionsHandler } from './connections-handler';
import { toNodeListener } from './node-listener';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const dir = mkdtempSync(join(tmpdir(), 'smart-ads-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problem = (answer: { body: unknown }) => problemSchema.parse(answer.body);
const isTokenCall = (request: Request) => new URL(request.url).pathname.endsWith('/auth/o2/token');
const isProfiles = (request: Request) => new URL(request.url).pathname.endsWith('/v2/profiles');
const never = () => new Promise<Response>(() => undefined);
const harness = () => h as Harness;

describe('Amazon hanging', () => {
  it('a hanging token endpoint answers amazon_unavailable at the deadline; a concurrent retry gets that answer too; a later retry connects', async () => {
    let hang = true;
    h = await createHarness({
      amazonTimeoutMs: 300,
      fetch: (request) => (hang && isTokenCall(request) ? never() : harness().amazon.fetch(request)),
    });
    const { state, code } = await h.signIn('advertising');
    const body = { kind: 'advertising', state, code };
    const first = h.call('POST', '/callback', body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [answer, concurrent] = await Promise.all([first, h.call('POST', '/callback', body)]);
    for (const a of [answer, concurrent]) {
      expect(a.status).toBe(502);
      expect(problem(a)).toMatchObject({ code: 'amazon_unavailable', retryable: true });
    }
    expect(problem(answer).detail).toContain('did not answer within 0.3 s');
    // nothing reached Amazon, so the code is unspent: the retry really exchanges it
    hang = false;
    const retried = await h.call('POST', '/callback', body);
    expect(retried.status, retried.text).toBe(200);
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('a body that stalls after the headers is cut at the deadline too', async () => {
    h = await createHarness({
      amazonTimeoutMs: 300,
      fetch: async (request) =>
        isProfiles(request)
          ? new Response(
              new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('[{"prof')) }),
              {
                headers: { 'content-type': 'application/json' },
              },
            )
          : harness().amazon.fetch(request),
    });
    const { state, code } = await h.signIn('advertising');
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(problem(answer)).toMatchObject({ code: 'amazon_unavailable', retryable: true });
  });

  it('uses a 4 s deadline by default', async () => {
    let reachedAmazon: () => void = () => undefined;
    const tokenCall = new Promise<void>((resolve) => {
      reachedAmazon = resolve;
    });
    h = await createHarness({
      fetch: (request) => {
        if (!isTokenCall(request)) return harness().amazon.fetch(request);
        reachedAmazon();
        return never();
      },
    });
    const { state, code } = await h.signIn('advertising');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let answered = false;
      const pending = h.call('POST', '/callback', { kind: 'advertising', state, code }).finally(() => {
        answered = true;
      });
      await tokenCall; // the deadline starts when the request to Amazon does
      await vi.advanceTimersByTimeAsync(3_900);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(answered).toBe(true);
      expect(problem(await pending)).toMatchObject({
        code: 'amazon_unavailable',
        detail: expect.stringContaining('4 s'),
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Amazon failing: "retryable" is true', () => {
  it('a 503 from the token endpoint leaves the code unspent: the retry exchanges it and connects', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.serverErrors('lwa.token', { status: 503 });
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(problem(answer)).toMatchObject({ code: 'amazon_unavailable', retryable: true });
    const again = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(again.status, again.text).toBe(200);
    expect((await h.store.listConnections('sub_1')).map((c) => c.kind)).toEqual(['advertising']);
  });

  it('a code Amazon refuses is not retryable: the same callback again says so without asking Amazon', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.expireAuthorizationCodes();
    const body = { kind: 'advertising', state, code };
    const answer = await h.call('POST', '/callback', body);
    expect(problem(answer)).toMatchObject({ code: 'authorization_code_rejected', retryable: false });
    const again = await h.call('POST', '/callback', body);
    expect(problem(again)).toMatchObject({ code: 'authorization_code_rejected', retryable: false });
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });

  it('throttled profiles (429) answer rate_limited; the retry resumes with the tokens already given', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.scenarios.throttle('ads.profiles', { times: 1, retryAfterSeconds: 2 });
    const answer = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(problem(answer)).toMatchObject({ code: 'rate_limited', retryable: true });
    const again = await h.call('POST', '/callback', { kind: 'advertising', state, code });
    expect(again.status, again.text).toBe(200);
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
  });
});

describe('a server crashing mid-exchange, then restarting', () => {
  /** A store on a file whose writes can be made to never return, as if the process died there. */
  async function crashableStore(file: string) {
    const real = await createSqliteStore({ filename: join(dir, file) });
    const crash = { onSave: false, onGrant: false };
    const store: ConnectionStore = {
      ...real,
      saveConnection: (input) => (crash.onSave ? never() : real.saveConnection(input)) as never,
      settleTransaction: (selector, claimId, update) =>
        (crash.onGrant && update.phase === 'exchanging'
          ? never()
          : real.settleTransaction(selector, claimId, update)) as never,
    };
    return { store, crash, real };
  }

  it('after Amazon gave tokens: the restarted server resumes from the sealed tokens once the lease ends, with no second exchange', async () => {
    const { store, crash, real } = await crashableStore('crash-after-grant.db');
    h = await createHarness({ store, exchangeLeaseMs: 9_000 });
    const { state, code } = await h.signIn('advertising');
    crash.onSave = true;
    const body = { kind: 'advertising', state, code };
    void h.call('POST', '/callback', body); // the process dies while saving: this request never answers
    await new Promise((resolve) => setTimeout(resolve, 100));
    const restarted = h.server({ store: real });
    // within the lease the first request may still be alive: the reload waits; past it, it takes over
    const reload = restarted.call('POST', '/callback', body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.amazon.clock.advance(9_001);
    const answer = await reload;
    expect(answer.status, answer.text).toBe(200);
    expect((await real.listConnections('sub_1')).map((c) => c.kind)).toEqual(['advertising']);
    expect(h.amazon.calls('lwa.token.authorization_code')).toBe(1);
    await real.close();
  });

  it("when Amazon's answer was lost with the process: exchange_interrupted at once after the lease, nothing written, a new sign-in works", async () => {
    const { store, crash, real } = await crashableStore('crash-before-grant.db');
    h = await createHarness({ store, exchangeLeaseMs: 9_000 });
    const { state, code } = await h.signIn('advertising');
    crash.onGrant = true;
    const body = { kind: 'advertising', state, code };
    void h.call('POST', '/callback', body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const restarted = h.server({ store: real });
    h.amazon.clock.advance(9_001);
    const answer = await restarted.call('POST', '/callback', body);
    expect(answer.status).toBe(409);
    expect(problem(answer)).toMatchObject({ code: 'exchange_interrupted', retryable: false });
    const again = await restarted.call('POST', '/callback', body);
    expect(problem(again).code).toBe('exchange_interrupted');
    expect(await real.listConnections('sub_1')).toEqual([]);
    expect((await real.getTransaction(state.split('.')[0] ?? ''))?.sealedPendingGrant).toBeNull();
    crash.onGrant = false;
    const fresh = await h.signIn('advertising');
    const connected = await restarted.call('POST', '/callback', {
      kind: 'advertising',
      state: fresh.state,
      code: fresh.code,
    });
    expect(connected.status, connected.text).toBe(200);
    await real.close();
  });
});

describe('expired transactions', () => {
  it('an expired state answers transaction_expired before and after housekeeping deleted it', async () => {
    h = await createHarness();
    const { state, code } = await h.signIn('advertising');
    h.amazon.clock.advance(11 * 60_000);
    const body = { kind: 'advertising', state, code };
    const before = await h.call('POST', '/callback', body);
    expect(before.status).toBe(410);
    expect(problem(before).code).toBe('transaction_expired');
    // any /authorize more than a minute after the last one cleans expired transactions up
    expect((await h.call('POST', '/authorize', { kind: 'advertising', returnTo: '/' })).status).toBe(200);
    expect(await h.store.getTransaction(state.split('.')[0] ?? '')).toBeNull();
    const after = await h.call('POST', '/callback', body);
    expect(after.status).toBe(410);
    expect(problem(after).code).toBe('transaction_expired');
    // a state that never existed is still a mismatch
    const forged = `${'z'.repeat(29)}.${'a'.repeat(43)}`;
    expect(problem(await h.call('POST', '/callback', { ...body, state: forged })).code).toBe(
      'state_mismatch',
    );
  });
});

describe('request bodies', () => {
  it('stops reading a streamed body at the limit and answers 413', async () => {
    h = await createHarness();
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await h.handler(
      new Request('http://localhost:3000/api/amazon/disconnect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subscription': 'sub_1' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(problemSchema.parse(await response.json())).toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
    expect(pulled).toBeLessThanOrEqual(3 * chunk.byteLength);
  });

  describe('over real HTTP (toNodeListener)', () => {
    let server: Server;
    let port: number;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
    async function listen() {
      h = await createHarness();
      server = createServer(toNodeListener(h.handler));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    }
    function post(headers: Record<string, string>, write: (req: ReturnType<typeof httpRequest>) => void) {
      return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
        let sent = 0;
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/amazon/disconnect', headers },
          (res) => {
            let body = '';
            const done = () => resolve({ status: res.statusCode ?? 0, body, sent });
            res.on('data', (d) => {
              body += d;
            });
            // The server closes the connection after its answer while we are still sending.
            res.on('end', done);
            res.on('error', done);
            res.on('close', done);
          },
        );
        req.on('error', (error) => (sent > 0 ? undefined : reject(error)));
        const originalWrite = req.write.bind(req);
        req.write = ((data: Uint8Array, ...rest: never[]) => {
          sent += data.byteLength;
          return originalWrite(data, ...rest);
        }) as typeof req.write;
        write(req);
      });
    }

    it('refuses a declared 512 MB body at once, without waiting for it', async () => {
      await listen();
      const answer = await post(
        {
          'content-type': 'application/json',
          'content-length': String(512 * 1024 * 1024),
          'x-subscription': 'sub_1',
        },
        (req) => req.flushHeaders(), // the headers go out; the body never comes
      );
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large', status: 413 });
    });

    it('answers 413 to a 20 MB chunked body long before it is sent, and closes the connection', async () => {
      await listen();
      const chunk = Buffer.alloc(64 * 1024, 32);
      const answer = await post(
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-subscription': 'sub_1' },
        (req) => {
          let left = 320; // 20 MB
          const pump = () => {
            while (left > 0) {
              left--;
              if (!req.write(chunk)) return void req.once('drain', pump);
            }
            req.end();
          };
          pump();
        },
      );
      expect(answer.status).toBe(413);
      expect(answer.sent).toBeLessThan(20 * 1024 * 1024);
    });
  });
});

describe('cross-site requests', () => {
  const post = (headers: Record<string, string>, handler = harness().handler) =>
    handler(
      new Request('http://localhost:3000/api/amazon/disconnect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subscription': 'sub_1', ...headers },
        body: JSON.stringify({ kind: 'sellerCentral' }),
      }),
    );

  it("refuses a POST whose Origin is another site's, or which says cross-site without an Origin", async () => {
    h = await createHarness();
    await h.connect('advertising');
    await h.connect('sellerCentral');
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'origin_not_allowed', status: 403 });
    }
    expect((await h.store.listConnections('sub_1')).length).toBe(2);
    // the page's own origin, and a server-to-server call without either header, pass
    expect((await post({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    );
  });

  it('takes the host behind a proxy from X-Forwarded-Host, or an explicit allowedOrigins list', async () => {
    h = await createHarness();
    await h.connect('advertising');
    await h.connect('sellerCentral');
    expect((await post({ origin: 'https://app.example', 'x-forwarded-host': 'app.example' })).status).toBe(
      200,
    );
    const listed = h.server({ allowedOrigins: ['https://dashboard.example'] }).handler;
    expect((await post({ origin: 'https://app.example' }, listed)).status).toBe(403);
    await h.connect('sellerCentral');
    expect((await post({ origin: 'https://dashboard.example' }, listed)).status).toBe(200);
  });
});

describe('the contract around the routes', () => {
  it('answers problem+json for unknown routes and wrong methods, with the HTTP status in the body', async () => {
    h = await createHarness();
    const unknown = await h.call('GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(problem(unknown)).toMatchObject({ code: 'not_found', status: 404 });
    const outside = await h.handler(new Request('http://localhost:3000/elsewhere'));
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ code: 'not_found', status: 404 });
    const wrongMethod = await h.call('GET', '/disconnect');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(problem(wrongMethod)).toMatchObject({ code: 'method_not_allowed', status: 405 });
  });

  it('every problem body carries the status it is sent with', async () => {
    h = await createHarness();
    const answers = [
      await h.call('GET', '/status', undefined, null),
      await h.call('POST', '/disconnect', { kind: 'advertising' }),
      await h.call('POST', '/disconnect', { kind: 'sellerCentral' }),
      await h.call('POST', '/authorize', '{not json'),
      await h.call('GET', '/metrics?from=2026-01-01&to=2025-01-01'),
    ];
    for (const answer of answers) expect(problem(answer).status).toBe(answer.status);
  });
});

describe('configuration', () => {
  const valid = async () => ({
    basePath: '/api/amazon',
    store: await createSqliteStore({ filename: ':memory:' }),
    encryptionKey: new Uint8Array(32),
    amazon: {
      clientId: 'amzn1.application-oa2-client.x',
      clientSecret: 'secret-value-never-shown',
      applicationId: 'amzn1.sellerapps.app.x',
      redirectUris: { advertising: 'https://app.example/r', sellerCentral: 'https://app.example/r' },
    },
    getSubscription: () => null,
  });

  it('refuses bad options when the handler is created, naming the option and never a secret', async () => {
    const base = await valid();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ encryptionKey: 'c2hvcnQ=' }, /encryptionKey is not usable: must be 32 bytes/],
      [{ encryptionKey: undefined }, /encryptionKey is required/],
      [
        { amazon: { ...base.amazon, redirectUris: { advertising: '/relative', sellerCentral: 'x' } } },
        /amazon\.redirectUris\.advertising must be an absolute URL/,
      ],
      [{ amazon: { ...base.amazon, clientId: '' } }, /amazon\.clientId must be a non-empty string/],
      [{ store: {} }, /store is missing createTransaction/],
      [{ getSubscription: undefined }, /getSubscription must be a function/],
      [{ amazonTimeoutMs: 0 }, /amazonTimeoutMs must be a number > 0/],
      [{ allowedOrigins: ['https://app.example/path'] }, /allowedOrigins must hold origins/],
      [{ basePath: 'api' }, /basePath must be a path/],
    ];
    for (const [change, message] of cases) {
      const attempt = () => createConnectionsHandler({ ...base, ...change } as never);
      expect(attempt).toThrow(TypeError);
      expect(attempt).toThrow(message);
      try {
        attempt();
      } catch (error) {
        expect(String(error)).not.toContain('secret-value-never-shown');
      }
    }
    expect(() => createConnectionsHandler(base)).not.toThrow();
    await base.store.close();
  });
});
