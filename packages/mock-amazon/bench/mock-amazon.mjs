// Figures of @smart-ads/mock-amazon (built package): run `pnpm bench mock-amazon` from the repo root.
// 1. Requests per second of the standalone server on loopback (autocannon, 10 connections, 5 s each):
//    GET /v2/profiles and POST /auth/o2/token (refresh_token grant).
// 2. In-process time of one whole connect -> metrics flow (LWA sign-in pages, code exchange, profiles,
//    Ads report create/poll/download, Seller Central consent, exchange, participations, orderMetrics,
//    sales-and-traffic report create/poll/document/download): via `amazon.fetch` and via MSW `setupServer`.
import autocannon from 'autocannon';
import { setupServer } from 'msw/node';
import { createMockAmazon, gunzip } from '../dist/index.js';
import { startMockAmazonServer } from '../dist/node.js';

const REDIRECT = 'http://localhost:3000/callback';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const NOW = Date.UTC(2026, 10, 20, 12);

function form(fields) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

/** One connect -> metrics flow; `send` is amazon.fetch or the global fetch (MSW). */
async function connectFlow(amazon, send) {
  const urls = amazon.baseUrls;
  const client = { client_id: amazon.app.clientId, client_secret: amazon.app.clientSecret };
  const callback = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT, state: 's' }));
  const adsToken = await (
    await send(
      `${urls.token.na}/auth/o2/token`,
      form({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code'),
        redirect_uri: REDIRECT,
        ...client,
      }),
    )
  ).json();
  const headers = {
    authorization: `Bearer ${adsToken.access_token}`,
    'amazon-advertising-api-clientid': amazon.app.clientId,
  };
  const profiles = await (await send(`${urls.ads.na}/v2/profiles`, { headers })).json();
  const scoped = {
    ...headers,
    'amazon-advertising-api-scope': String(profiles[0].profileId),
    'content-type': 'application/vnd.createasyncreportrequest.v3+json',
  };
  const configuration = {
    adProduct: 'SPONSORED_PRODUCTS',
    groupBy: ['campaign'],
    columns: ['date', 'campaignId', 'cost', 'sales14d'],
    reportTypeId: 'spCampaigns',
    timeUnit: 'DAILY',
    format: 'GZIP_JSON',
  };
  const report = await (
    await send(`${urls.ads.na}/reporting/reports`, {
      method: 'POST',
      headers: scoped,
      body: JSON.stringify({ startDate: '2026-10-20', endDate: '2026-11-19', configuration }),
    })
  ).json();
  let status;
  do
    status = await (
      await send(`${urls.ads.na}/reporting/reports/${report.reportId}`, { headers: scoped })
    ).json();
  while (status.status !== 'COMPLETED');
  const rows = JSON.parse(await gunzip(await (await send(status.url)).arrayBuffer()));
  const sc = await amazon.signIn(amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT, state: 's' }));
  const spToken = await (
    await send(
      `${urls.token.na}/auth/o2/token`,
      form({ grant_type: 'authorization_code', code: sc.searchParams.get('spapi_oauth_code'), ...client }),
    )
  ).json();
  const sp = { 'x-amz-access-token': spToken.access_token };
  await (await send(`${urls.spApi.na}/sellers/v1/marketplaceParticipations`, { headers: sp })).json();
  const query = new URLSearchParams({
    marketplaceIds: 'ATVPDKIKX0DER',
    interval: '2026-10-20T00:00:00Z--2026-11-20T00:00:00Z',
    granularity: 'Day',
  });
  await (await send(`${urls.spApi.na}/sales/v1/orderMetrics?${query}`, { headers: sp })).json();
  const created = await (
    await send(`${urls.spApi.na}/reports/2021-06-30/reports`, {
      method: 'POST',
      headers: { ...sp, 'content-type': 'application/json' },
      body: JSON.stringify({
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        dataStartTime: '2026-10-20T00:00:00Z',
        dataEndTime: '2026-11-19T00:00:00Z',
        marketplaceIds: ['ATVPDKIKX0DER'],
        reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
      }),
    })
  ).json();
  let spStatus;
  do
    spStatus = await (
      await send(`${urls.spApi.na}/reports/2021-06-30/reports/${created.reportId}`, { headers: sp })
    ).json();
  while (spStatus.processingStatus !== 'DONE');
  const doc = await (
    await send(`${urls.spApi.na}/reports/2021-06-30/documents/${spStatus.reportDocumentId}`, { headers: sp })
  ).json();
  const traffic = JSON.parse(await gunzip(await (await send(doc.url)).arrayBuffer()));
  if (rows.length === 0 || traffic.salesAndTrafficByDate.length === 0) throw new Error('empty flow');
  return amazon.log.length;
}

async function timeFlows(label, amazon, send, runs) {
  for (let i = 0; i < 5; i++) {
    await connectFlow(amazon, send);
    amazon.reset();
  }
  const times = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    requests = await connectFlow(amazon, send);
    times.push(performance.now() - start);
    amazon.reset();
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  return {
    figure: `connect -> metrics flow, ${label}`,
    value: `median ${at(0.5)} ms, p95 ${at(0.95)} ms`,
    detail: `${requests} requests a flow, ${runs} runs`,
  };
}

async function load(title, options) {
  const result = await autocannon({ connections: 10, duration: SECONDS, ...options });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    figure: `standalone ${title}`,
    value: `${Math.round(result.requests.average)} req/s`,
    detail: `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.total} requests, ${errors} errors/non-2xx`,
  };
}

const figures = [];

// 1. The standalone server under load.
const server = await startMockAmazonServer({ now: NOW, clock: 'frozen' });
const { amazon } = server;
const callback = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT, state: 'b' }));
const tokens = await (
  await fetch(
    `${server.baseUrls.token.na}/auth/o2/token`,
    form({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      redirect_uri: REDIRECT,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    }),
  )
).json();
figures.push(
  await load('GET /v2/profiles', {
    url: `${server.baseUrls.ads.na}/v2/profiles`,
    headers: {
      authorization: `Bearer ${tokens.access_token}`,
      'amazon-advertising-api-clientid': amazon.app.clientId,
    },
  }),
);
figures.push(
  await load('POST /auth/o2/token (refresh)', {
    url: `${server.baseUrls.token.na}/auth/o2/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    }).toString(),
  }),
);
await server.close();

// 2. In-process flows.
const direct = createMockAmazon({ now: NOW });
figures.push(await timeFlows('amazon.fetch', direct, (input, init) => direct.fetch(input, init), 40));
const viaMsw = createMockAmazon({ now: NOW });
const msw = setupServer(...viaMsw.handlers);
msw.listen({ onUnhandledFrame: 'error' });
figures.push(
  await timeFlows('MSW setupServer + global fetch', viaMsw, (input, init) => fetch(input, init), 40),
);
msw.close();

console.log(`mock-amazon figures (Node ${process.version}, ${SECONDS} s per load run, 10 connections)`);
console.table(figures);
