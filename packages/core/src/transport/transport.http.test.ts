import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advertisingConnection, sellerCentralConnection, statusOf } from '../../test/fake-backend';
import { problemContentType } from '../contract/paths';
import { createMemoryEnvironment } from '../environment/environment.memory';
import { ConnectionsError } from '../errors/connections-error';
import { NetworkFailureError } from '../errors/network-failure-error';
import { ProblemError } from '../errors/problem-error';
import { UnexpectedResponseError } from '../errors/unexpected-response-error';
import { createConnections } from '../machine/connections.create';
import { createHttpTransport } from './transport.http';

const base = 'https://api.example/amazon';
const server = setupServer();
const hits: { method: string; path: string; headers: Headers }[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  hits.length = 0;
});
afterAll(() => server.close());

function record(request: Request) {
  const url = new URL(request.url);
  hits.push({ method: request.method, path: url.pathname + url.search, headers: request.headers });
}

function problem(status: number, code: string) {
  return new HttpResponse(
    JSON.stringify({
      type: 'about:blank',
      title: 't',
      status,
      code,
      detail: `server says ${code}`,
      retryable: false,
    }),
    { status, headers: { 'content-type': problemContentType } },
  );
}

const populating = { value: null, reason: 'populating' } as const;
const metricsBody = {
  range: { from: '2026-11-01', to: '2026-11-07' },
  currency: 'USD',
  metrics: {
    adSpend: { value: 12.5, reason: null },
    acos: populating,
    roas: populating,
    totalSales: { value: null, reason: 'disconnected' },
    totalOrders: { value: null, reason: 'disconnected' },
    sessions: { value: null, reason: 'disconnected' },
    buyBoxPercentage: { value: null, reason: 'disconnected' },
    listingConversionRate: { value: null, reason: 'disconnected' },
    tacos: { value: null, reason: 'disconnected' },
  },
  asins: [],
};

const transport = (options: Partial<Parameters<typeof createHttpTransport>[0]> = {}) =>
  createHttpTransport({ baseUrl: base, retries: 2, ...options });

describe('HTTP transport', () => {
  it('loads and validates the status', async () => {
    const status = statusOf(advertisingConnection(), sellerCentralConnection());
    server.use(
      http.get(`${base}/status`, ({ request }) => {
        record(request);
        return HttpResponse.json(status);
      }),
    );
    await expect(transport().getStatus()).resolves.toEqual(status);
    expect(hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['GET /amazon/status']);
  });

  it('retries an idempotent GET after a 503 and succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/status`, ({ request }) => {
        record(request);
        calls += 1;
        return calls === 1 ? problem(503, 'server_error') : HttpResponse.json(statusOf());
      }),
    );
    await expect(transport().getStatus()).resolves.toEqual(statusOf());
    expect(calls).toBe(2);
  });

  it('honours Retry-After on a 429 before retrying', async () => {
    const times: number[] = [];
    server.use(
      http.get(`${base}/metrics`, () => {
        times.push(Date.now());
        if (times.length === 1) {
          return new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } });
        }
        return HttpResponse.json(metricsBody);
      }),
    );
    const response = await transport().getMetrics({ from: '2026-11-01', to: '2026-11-07' });
    expect(response.range.from).toBe('2026-11-01');
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the retry limit with the last error', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/status`, () => {
        calls += 1;
        return problem(503, 'server_error');
      }),
    );
    const error = await transport({ retries: 1 })
      .getStatus()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect(calls).toBe(2);
  });

  it('never retries the callback POST, even after a 503: a code is single-use', async () => {
    let calls = 0;
    server.use(
      http.post(`${base}/callback`, () => {
        calls += 1;
        return new HttpResponse('busy', { status: 503 });
      }),
    );
    const error = await transport()
      .callback({ kind: 'advertising', state: 's'.repeat(20), code: 'c' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionsError);
    expect((error as ConnectionsError).code).toBe('server_error');
    expect(calls).toBe(1);
  });

  it('never retries a disconnect after a network failure', async () => {
    let calls = 0;
    server.use(
      http.post(`${base}/disconnect`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    const error = await transport()
      .disconnect({ kind: 'sellerCentral' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkFailureError);
    expect(calls).toBe(1);
  });

  it('turns a problem+json answer into a typed error carrying the server code', async () => {
    server.use(http.post(`${base}/authorize`, () => problem(409, 'account_limit_reached')));
    const error = await transport()
      .authorize({ kind: 'advertising', returnTo: '/dashboard' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ code: 'account_limit_reached', status: 409, retryable: false });
    expect((error as ProblemError).message).toContain('Disconnect the current account first');
  });

  it('rejects a body that is not JSON as unexpected_response', async () => {
    server.use(
      http.get(
        `${base}/status`,
        () => new HttpResponse('<html>oops</html>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    const error = await transport()
      .getStatus()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ code: 'unexpected_response', route: 'GET /status' });
  });

  it('rejects JSON that breaks the contract, naming the path but never the value', async () => {
    const status = statusOf(advertisingConnection());
    const broken = { ...status, advertising: { ...status.advertising, account: { id: 'x', name: '' } } };
    server.use(http.get(`${base}/status`, () => HttpResponse.json(broken)));
    const error = (await transport()
      .getStatus()
      .catch((caught: unknown) => caught)) as UnexpectedResponseError;
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.issues.some((issue) => issue.startsWith('advertising.account'))).toBe(true);
    expect(JSON.stringify(error.issues)).not.toContain('"x"');
  });

  it('treats an empty 204 where JSON was expected as unexpected_response (ky .json() would throw)', async () => {
    server.use(http.post(`${base}/disconnect`, () => new HttpResponse(null, { status: 204 })));
    await expect(transport().disconnect({ kind: 'sellerCentral' })).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
  });

  it('times out a request that does not answer', async () => {
    server.use(
      http.post(`${base}/callback`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const error = await transport({ timeout: 50 })
      .callback({ kind: 'advertising', state: 's'.repeat(20), code: 'c' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkFailureError);
    expect((error as NetworkFailureError).timedOut).toBe(true);
  });

  it('asks a header provider before every request (short-lived tokens)', async () => {
    let token = 0;
    server.use(
      http.get(`${base}/status`, ({ request }) => {
        record(request);
        return HttpResponse.json(statusOf());
      }),
    );
    const client = transport({ headers: () => ({ authorization: `Bearer t${++token}` }) });
    await client.getStatus();
    await client.getStatus();
    expect(hits.map((hit) => hit.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('passes Seller Central’s region through the sign-in start and the one-region disconnect', async () => {
    const bodies: unknown[] = [];
    const sc = sellerCentralConnection();
    const { kind: _kind, ...northAmerica } = sc;
    const europe = { ...northAmerica, region: 'eu' as const, sellingPartnerId: 'A2EUROPE' };
    const withRegions = statusOf(advertisingConnection(), { ...sc, regions: [europe, northAmerica] });
    server.use(
      http.post(`${base}/authorize`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          authorizeUrl: 'https://sellercentral-europe.amazon.com/apps/authorize/consent?state=s',
          state: 'state-of-at-least-16',
          expiresAt: '2026-11-20T12:10:00Z',
        });
      }),
      http.post(`${base}/disconnect`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(withRegions);
      }),
    );
    await transport().authorize({ kind: 'sellerCentral', returnTo: '/dashboard', region: 'eu' });
    const answer = await transport().disconnect({ kind: 'sellerCentral', region: 'eu' });
    expect(bodies).toEqual([
      { kind: 'sellerCentral', returnTo: '/dashboard', region: 'eu' },
      { kind: 'sellerCentral', region: 'eu' },
    ]);
    expect(answer.sellerCentral?.regions?.map((r) => r.region)).toEqual(['eu', 'na']);
  });

  it('sends the metrics range and the marketplace (when there is one) as query parameters', async () => {
    server.use(
      http.get(`${base}/metrics`, ({ request }) => {
        record(request);
        return HttpResponse.json(metricsBody);
      }),
    );
    await transport().getMetrics({ from: '2026-11-01', to: '2026-11-07' });
    await transport().getMetrics({ from: '2026-11-01', to: '2026-11-07', marketplace: 'A1PA6795UKMFR9' });
    await transport().getMetrics({ from: '2026-11-01', to: '2026-11-07', marketplace: 'all' });
    expect(hits.map((hit) => hit.path)).toEqual([
      '/amazon/metrics?from=2026-11-01&to=2026-11-07',
      '/amazon/metrics?from=2026-11-01&to=2026-11-07&marketplace=A1PA6795UKMFR9',
      '/amazon/metrics?from=2026-11-01&to=2026-11-07&marketplace=all',
    ]);
  });

  it('an unexpected answer to a disconnect leaves the machine where it was', async () => {
    const status = statusOf(advertisingConnection(), sellerCentralConnection());
    server.use(
      http.get(`${base}/status`, () => HttpResponse.json(status)),
      http.post(`${base}/disconnect`, () => HttpResponse.json({ ok: true })),
    );
    const connections = createConnections({
      transport: transport(),
      environment: createMemoryEnvironment({ url: 'https://app.example/dashboard' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections.getView().sellerCentral.condition).toBe('ready');
    connections.getView().sellerCentral.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const view = connections.getView();
    expect(view.sellerCentral.trouble?.code).toBe('unexpected_response');
    expect(view.sellerCentral.condition).toBe('ready');
    expect(view.metrics.totalSales.state).toBe('available');
    connections.stop();
  });
});
