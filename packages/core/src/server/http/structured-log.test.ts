import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { ConnectionsError } from '../../errors/connections-error';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const requests = () => h.logLines.filter((line) => line.message === 'request');
const amazonCalls = () => h.logLines.filter((line) => line.message.startsWith('amazon call'));

/** Loads the dashboard every 6 s (mock time) until Amazon's reports are in. */
async function loadMetrics(): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16');
    const body = answer.body as { metrics: { adSpend: { value: number | null } } };
    if (body.metrics.adSpend.value !== null) return;
    h.amazon.clock.advance(6_000);
  }
  throw new Error('metrics never became ready');
}

describe('structured logs', () => {
  it('never write a token, code, state or secret in a whole connect, refresh, metrics, host call, disconnect and erase run', async () => {
    h = await createHarness();
    await h.connect('advertising');
    await h.connect('sellerCentral');
    await loadMetrics();
    h.amazon.clock.advance(2 * 3_600_000); // access tokens expired: the next calls refresh them
    await loadMetrics();
    const ads = await h.host.amazon.connect('sub_1', 'advertising', { actor: 'rules-job' });
    await ads.fetch('/v2/profiles');
    await ads.revealAccessToken();
    await h.call('POST', '/disconnect', { kind: 'advertising' }); // 428: confirmation asked
    await h.call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
    await h.call('GET', '/history');
    await h.host.erase('sub_1');
    await h.call('GET', '/status');

    const secrets = [
      ...h.issuedTokens,
      ...h.issuedCodes,
      h.amazon.app.clientSecret,
      h.amazon.app.clientId, // not a secret, but nothing logs it either
    ];
    expect(h.issuedTokens.size).toBeGreaterThanOrEqual(4); // two connections and their refreshes
    expect(h.issuedCodes.size).toBeGreaterThanOrEqual(4); // two codes and two states
    expect(h.logLines.length).toBeGreaterThan(20);
    for (const line of h.logLines) {
      const text = JSON.stringify(line);
      for (const secret of secrets) expect(text, `${line.message} leaks a secret`).not.toContain(secret);
      expect(text).not.toMatch(/Atza\||Atzr\||Bearer|[?&](code|state)=/);
    }

    // what the lines do say
    const refreshes = amazonCalls().filter((line) => line.fields.endpoint === 'lwa:/auth/o2');
    expect(refreshes.length).toBeGreaterThanOrEqual(4);
    for (const line of amazonCalls()) {
      expect(line.fields).toMatchObject({
        requestId: expect.any(String),
        subscriptionId: 'sub_1',
        route: expect.any(String),
        endpoint: expect.stringMatching(/^(lwa|ads|sp-api|amazon):\//), // amazon: a report download
        method: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
    expect(amazonCalls().some((line) => typeof line.fields.amazonRequestId === 'string')).toBe(true);
    const hostCall = amazonCalls().findLast((line) => line.fields.endpoint === 'ads:/v2/profiles');
    expect(hostCall?.fields).toMatchObject({ route: 'host ads:/v2/profiles', actor: 'rules-job' });
    const metricsCall = amazonCalls().find((line) => line.fields.endpoint === 'ads:/reporting/reports');
    expect(metricsCall?.fields.route).toBe('GET /metrics');
    expect(
      requests().map((line) => [line.fields.route, line.fields.status, line.fields.code]),
    ).toContainEqual(['POST /disconnect', 428, 'confirmation_required']);
    for (const line of requests()) {
      expect(line.fields).toMatchObject({
        requestId: expect.stringMatching(/^req_/),
        subscriptionId: 'sub_1',
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
  });

  it('takes the request id from X-Request-Id (or makes one), sends it back and puts it on every line', async () => {
    h = await createHarness();
    const send = (headers: Record<string, string>) =>
      h.handler(
        new Request('http://localhost:3000/api/amazon/status', {
          headers: { 'x-subscription': 'sub_1', ...headers },
        }),
      );
    const given = await send({ 'x-request-id': 'edge-7f3a' });
    expect(given.headers.get('x-request-id')).toBe('edge-7f3a');
    expect(requests().at(-1)?.fields).toMatchObject({
      requestId: 'edge-7f3a',
      subscriptionId: 'sub_1',
      route: 'GET /status',
      status: 200,
      code: null,
    });
    const made = await send({ 'x-request-id': 'has spaces and "quotes"' });
    const id = made.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^req_[0-9a-f-]{36}$/);
    expect(requests().at(-1)?.fields.requestId).toBe(id);
    // unknown routes are not echoed (no arbitrary text from the URL in the logs)
    await h.handler(new Request('http://localhost:3000/api/amazon/secret-looking-path?code=abc'));
    expect(requests().at(-1)?.fields).toMatchObject({
      route: 'GET (unknown)',
      status: 404,
      code: 'not_found',
    });
    expect(JSON.stringify(h.logLines)).not.toContain('code=abc');
  });

  it('logs a failure with its code, the error’s name, the subscription and the route, at error level', async () => {
    h = await createHarness();
    const store = h.store;
    const broken = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'listConnections') {
          return async () => {
            throw new TypeError('database exploded with sealed-secret-xyz');
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const failing = h.server({ store: broken });
    const answer = await failing.call('GET', '/status');
    expect(answer.status).toBe(500);
    const errors = h.logLines.filter((line) => line.level === 'error');
    expect(errors.map((line) => line.message)).toEqual(['request failed', 'request']);
    expect(errors[0]?.fields).toMatchObject({
      code: 'server_error',
      error: 'TypeError',
      subscriptionId: 'sub_1',
      route: 'GET /status',
      requestId: expect.any(String),
    });
    expect(JSON.stringify(h.logLines)).not.toContain('sealed-secret-xyz'); // the error's message is not logged
  });

  it('logs Amazon’s throttling at warn with its status, and still accepts the older { warn, error } logger', async () => {
    const messages: string[] = [];
    h = await createHarness({
      structuredLog: false,
      logger: { warn: (m) => messages.push(m), error: (m) => messages.push(m) },
    });
    await h.connect('advertising');
    h.amazon.scenarios.throttle('ads.profiles', { times: 1, retryAfterSeconds: 30 });
    const ads = await h.host.amazon.connect('sub_1', 'advertising');
    const refused = await ads.fetch('/v2/profiles').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConnectionsError);
    expect(messages.some((m) => /^amazon call .*endpoint=ads:\/v2\/profiles .*status=429/.test(m))).toBe(
      true,
    );
    expect(h.logLines).toEqual([]); // the structured log was not given
  });
});
