import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIRECT_URI, shortColumns, spCampaignsRequest, TEST_NOW } from '../test/support.js';
import type { AmazonBaseUrls } from './base-urls.js';
import { createMockAmazon, type MockAmazon } from './create-mock-amazon.js';
import { gunzip } from './http/gzip.js';
import { type MockAmazonServer, startMockAmazonServer } from './node-server.js';

// Mode 1: MSW intercepts the global fetch to Amazon's production hosts.
const intercepted = createMockAmazon({ now: TEST_NOW, seed: 5 });
const msw = setupServer(...intercepted.handlers);
// Mode 2: the standalone server over loopback HTTP, same seed and clock.
let standalone: MockAmazonServer;

beforeAll(async () => {
  msw.listen({ onUnhandledFrame: 'bypass' });
  standalone = await startMockAmazonServer({ now: TEST_NOW, seed: 5 });
});
afterAll(async () => {
  msw.close();
  await standalone.close();
});

/** One connect -> metrics flow through global fetch, against whichever base URLs; returns every body it saw. */
async function flow(amazon: MockAmazon, urls: Required<AmazonBaseUrls>) {
  const seen: Record<string, unknown> = {};
  const post = (url: string, fields: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const client = { client_id: amazon.app.clientId, client_secret: amazon.app.clientSecret };
  const adsCallback = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 's' }));
  const adsToken = (await (
    await post(`${urls.token.na}/auth/o2/token`, {
      grant_type: 'authorization_code',
      code: adsCallback.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      ...client,
    })
  ).json()) as {
    access_token: string;
  };
  const adsHeaders = {
    authorization: `Bearer ${adsToken.access_token}`,
    'amazon-advertising-api-clientid': amazon.app.clientId,
  };
  const profiles = (await (await fetch(`${urls.ads.na}/v2/profiles`, { headers: adsHeaders })).json()) as {
    profileId: number;
  }[];
  seen.profiles = profiles;
  seen.profilesFe = await (await fetch(`${urls.ads.fe}/v2/profiles`, { headers: adsHeaders })).json();
  const scoped = {
    ...adsHeaders,
    'amazon-advertising-api-scope': String(profiles[0]!.profileId),
    'content-type': 'application/vnd.createasyncreportrequest.v3+json',
  };
  const report = (await (
    await fetch(`${urls.ads.na}/reporting/reports`, {
      method: 'POST',
      headers: scoped,
      body: JSON.stringify(spCampaignsRequest('2026-11-01', '2026-11-07', shortColumns)),
    })
  ).json()) as { reportId: string };
  await fetch(`${urls.ads.na}/reporting/reports/${report.reportId}`, { headers: scoped });
  const done = (await (
    await fetch(`${urls.ads.na}/reporting/reports/${report.reportId}`, { headers: scoped })
  ).json()) as { url: string; status: string };
  seen.adsStatus = done.status;
  seen.adsRows = JSON.parse(await gunzip(await (await fetch(done.url)).arrayBuffer()));
  const scCallback = await amazon.signIn(
    amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 's' }),
  );
  const spToken = (await (
    await post(`${urls.token.na}/auth/o2/token`, {
      grant_type: 'authorization_code',
      code: scCallback.searchParams.get('spapi_oauth_code')!,
      ...client,
    })
  ).json()) as {
    access_token: string;
  };
  const spHeaders = { 'x-amz-access-token': spToken.access_token };
  seen.participations = await (
    await fetch(`${urls.spApi.na}/sellers/v1/marketplaceParticipations`, { headers: spHeaders })
  ).json();
  const query = new URLSearchParams({
    marketplaceIds: 'ATVPDKIKX0DER',
    interval: '2026-11-01T00:00:00-07:00--2026-11-08T00:00:00-07:00',
    granularity: 'Day',
    granularityTimeZone: 'America/Los_Angeles',
  });
  seen.orderMetrics = await (
    await fetch(`${urls.spApi.na}/sales/v1/orderMetrics?${query}`, { headers: spHeaders })
  ).json();
  seen.badToken = await (
    await fetch(`${urls.spApi.na}/sellers/v1/marketplaceParticipations`, {
      headers: { 'x-amz-access-token': 'Atza|nope' },
    })
  ).json();
  return seen;
}

describe('MSW and the standalone server', () => {
  it('give the same answers to the same flow', async () => {
    const viaMsw = await flow(intercepted, intercepted.baseUrls);
    const viaHttp = await flow(standalone.amazon, standalone.baseUrls);
    expect(viaMsw.adsStatus).toBe('COMPLETED');
    expect((viaMsw.adsRows as unknown[]).length).toBeGreaterThan(0);
    expect(viaHttp).toEqual(viaMsw);
    expect(intercepted.calls('*')).toBe(standalone.amazon.calls('*'));
  });
});
