import { afterEach, describe, expect, it } from 'vitest';
import {
  ads,
  completedAdsReportUrl,
  connectAdvertising,
  connectSeller,
  createAdsReport,
  download,
  runAdsReport,
  spCampaignsRequest,
  TEST_NOW,
} from '../../test/support.js';
import { createMockAmazon } from '../create-mock-amazon.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());

interface Profile {
  profileId: number;
  countryCode: string;
  currencyCode: string;
  accountInfo: { type: string; marketplaceStringId: string; name: string; id: string };
}

async function profiles(region: 'na' | 'eu' | 'fe', token: string): Promise<Profile[]> {
  const response = await ads(amazon, region, '/v2/profiles', token);
  expect(response.status).toBe(200);
  return (await response.json()) as Profile[];
}

describe('GET /v2/profiles', () => {
  it('lists the default user’s profiles per region host, [] where it has none', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    const na = await profiles('na', accessToken);
    expect(na.map((p) => p.countryCode)).toEqual(['US', 'CA']);
    expect(na[0]).toMatchObject({
      currencyCode: 'USD',
      timezone: 'America/Los_Angeles',
      accountInfo: {
        marketplaceStringId: 'ATVPDKIKX0DER',
        type: 'seller',
        name: 'Acme Home & Kitchen',
        validPaymentMethod: true,
      },
    });
    expect(na[0]!.accountInfo.id).toMatch(/^ENTITY/);
    expect((await profiles('eu', accessToken)).map((p) => p.countryCode)).toEqual(['UK', 'DE']);
    expect(await profiles('fe', accessToken)).toEqual([]);
    expect(amazon.calls('ads.profiles')).toBe(3);
  });

  it('is [] in every region for a user with no Advertising account', async () => {
    const { accessToken } = await connectAdvertising(amazon, { email: amazon.users.noAdvertising.email });
    for (const region of ['na', 'eu', 'fe'] as const) expect(await profiles(region, accessToken)).toEqual([]);
  });

  it('shows several accounts of several types for the multiple-accounts user', async () => {
    const { accessToken } = await connectAdvertising(amazon, { email: amazon.users.multipleAccounts.email });
    const all = [
      ...(await profiles('na', accessToken)),
      ...(await profiles('eu', accessToken)),
      ...(await profiles('fe', accessToken)),
    ];
    expect(new Set(all.map((p) => p.accountInfo.type))).toEqual(new Set(['seller', 'vendor', 'agency']));
    expect(new Set(all.map((p) => p.accountInfo.id)).size).toBe(3);
    const vendors = await ads(amazon, 'na', '/v2/profiles?profileTypeFilter=vendor', accessToken);
    expect(((await vendors.json()) as Profile[]).map((p) => p.accountInfo.type)).toEqual(['vendor']);
  });

  it('answers Amazon’s 401 bodies for missing client id, bad, expired or revoked tokens', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    const noClient = await ads(amazon, 'na', '/v2/profiles', accessToken, {
      headers: { 'amazon-advertising-api-clientid': '' },
    });
    expect(noClient.status).toBe(401);
    const bad = await ads(amazon, 'na', '/v2/profiles', 'Atza|forged');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      code: '401',
      details: 'Authentication failed',
      requestId: expect.any(String),
    });
    amazon.clock.advance(3600 * 1000);
    const expired = await ads(amazon, 'na', '/v2/profiles', accessToken);
    expect(expired.status).toBe(401);
    const fresh = await connectAdvertising(amazon);
    amazon.scenarios.revokeAuthorization(amazon.users.default.email);
    expect((await ads(amazon, 'na', '/v2/profiles', fresh.accessToken)).status).toBe(401);
  });

  it('GET /v2/profiles/{id} answers one of the user’s profiles, 404 for others', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    const [us] = await profiles('na', accessToken);
    const one = await ads(amazon, 'na', `/v2/profiles/${us!.profileId}`, accessToken);
    expect(await one.json()).toEqual(us);
    const missing = await ads(amazon, 'eu', `/v2/profiles/${us!.profileId}`, accessToken);
    expect(missing.status).toBe(404);
    expect(amazon.calls('ads.profiles.get')).toBe(2);
  });

  it('refuses a Seller Central token', async () => {
    const seller = await connectSeller(amazon);
    expect((await ads(amazon, 'na', '/v2/profiles', seller.accessToken)).status).toBe(401);
  });

  it('answers 429 with Retry-After when throttled, then recovers', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    amazon.scenarios.throttle('ads.profiles', { times: 2, retryAfterSeconds: 7 });
    const first = await ads(amazon, 'na', '/v2/profiles', accessToken);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await ads(amazon, 'na', '/v2/profiles', accessToken)).status).toBe(429);
    expect((await ads(amazon, 'na', '/v2/profiles', accessToken)).status).toBe(200);
  });

  it('answers 5xx with Amazon’s body when the server-errors scenario is on', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    amazon.scenarios.serverErrors('ads', { status: 503 });
    const failed = await ads(amazon, 'na', '/v2/profiles', accessToken);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ code: '503' });
    expect((await ads(amazon, 'na', '/v2/profiles', accessToken)).status).toBe(200);
  });
});

describe('Ads reporting v3', () => {
  async function setup() {
    const { accessToken } = await connectAdvertising(amazon);
    const [us] = await profiles('na', accessToken);
    return { accessToken, profileId: us!.profileId };
  }

  it('checks the scope header: missing, other user’s profile, unknown profile', async () => {
    const { accessToken } = await setup();
    const missing = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      body: spCampaignsRequest('2026-11-01', '2026-11-07'),
    });
    expect(await missing.json()).toMatchObject({ code: '401', details: 'Scope header is missing' });
    const other = await connectAdvertising(amazon, { email: amazon.users.otherAccount.email });
    const [otherProfile] = await profiles('na', other.accessToken);
    const foreign = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      scope: otherProfile!.profileId,
      body: spCampaignsRequest('2026-11-01', '2026-11-07'),
    });
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({
      details: `Not authorized to access scope ${otherProfile!.profileId}`,
    });
    const unknown = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      scope: 42,
      body: spCampaignsRequest('2026-11-01', '2026-11-07'),
    });
    expect(await unknown.json()).toMatchObject({ details: 'No matching advertiser found for scope' });
  });

  it('creates a report PENDING, PENDING at the first poll, COMPLETED at the second, serves gzipped JSON rows with the requested columns', async () => {
    const { accessToken, profileId } = await setup();
    const created = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      scope: profileId,
      body: spCampaignsRequest('2026-11-01', '2026-11-07'),
    });
    expect(created.status).toBe(200);
    const report = (await created.json()) as { reportId: string; status: string; url: string | null };
    expect(report).toMatchObject({ status: 'PENDING', url: null });
    const poll = async () =>
      (await (
        await ads(amazon, 'na', `/reporting/reports/${report.reportId}`, accessToken, { scope: profileId })
      ).json()) as {
        status: string;
        url: string | null;
        fileSize: number | null;
      };
    expect((await poll()).status).toBe('PENDING');
    const done = await poll();
    expect(done.status).toBe('COMPLETED');
    expect(done.fileSize).toBeGreaterThan(0);
    const rows = (await download(amazon, done.url!)) as Record<string, unknown>[];
    const campaigns = amazon.world.byKey.default.advertisingAccounts[0]!.profiles[0]!.campaigns;
    expect(rows).toHaveLength(7 * campaigns.length);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'campaignId',
          'campaignName',
          'clicks',
          'cost',
          'date',
          'impressions',
          'purchases14d',
          'sales14d',
        ].sort(),
      );
      expect(row.cost as number).toBeGreaterThanOrEqual(0);
    }
    const spend = rows.reduce((sum, row) => sum + (row.cost as number), 0);
    const sales = rows.reduce((sum, row) => sum + (row.sales14d as number), 0);
    expect(spend / sales).toBeGreaterThan(0.1); // ACoS of a real shop: 10-60 %
    expect(spend / sales).toBeLessThan(0.6);
    expect(amazon.calls('ads.reports')).toBe(4);
  });

  it('answers 404 for a report id it does not know', async () => {
    const { accessToken, profileId } = await setup();
    const missing = await ads(
      amazon,
      'na',
      '/reporting/reports/00000000-0000-4000-a000-000000000000',
      accessToken,
      { scope: profileId },
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'NOT_FOUND', detail: 'Report not found' });
  });

  it('answers 425 with the original report id for a duplicate request', async () => {
    const { accessToken, profileId } = await setup();
    const body = spCampaignsRequest('2026-11-01', '2026-11-07');
    const first = (await (
      await ads(amazon, 'na', '/reporting/reports', accessToken, { method: 'POST', scope: profileId, body })
    ).json()) as { reportId: string };
    const again = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      scope: profileId,
      body,
    });
    expect(again.status).toBe(425);
    expect(await again.json()).toEqual({
      code: '425',
      detail: `The Request is a duplicate of : ${first.reportId}`,
    });
  });

  it('serves spAdvertisedProduct rows per ASIN', async () => {
    const { accessToken, profileId } = await setup();
    const body = {
      startDate: '2026-11-10',
      endDate: '2026-11-16',
      configuration: {
        adProduct: 'SPONSORED_PRODUCTS',
        groupBy: ['advertiser'],
        columns: ['advertisedAsin', 'campaignId', 'cost', 'sales14d', 'startDate', 'endDate'],
        reportTypeId: 'spAdvertisedProduct',
        timeUnit: 'SUMMARY',
        format: 'GZIP_JSON',
      },
    };
    const rows = (await runAdsReport(amazon, 'na', accessToken, profileId, body)) as {
      advertisedAsin: string;
      startDate: string;
    }[];
    const asins = amazon.world.byKey.default.advertisingAccounts[0]!.shop.products.map((p) => p.asin);
    expect(new Set(rows.map((r) => r.advertisedAsin))).toEqual(new Set(asins));
    expect(rows.every((r) => r.startDate === '2026-11-10')).toBe(true);
  });

  it('validates the request: content type, 31-day limit, columns, group-by', async () => {
    const { accessToken, profileId } = await setup();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      ads(amazon, 'na', '/reporting/reports', accessToken, {
        method: 'POST',
        scope: profileId,
        body,
        headers,
      });
    expect(
      (await post(spCampaignsRequest('2026-11-01', '2026-11-02'), { 'content-type': 'application/json' }))
        .status,
    ).toBe(415);
    const long = await post(spCampaignsRequest('2026-10-01', '2026-11-05'));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ code: '400', detail: expect.stringContaining('31 days') });
    expect((await post(spCampaignsRequest('2026-11-01', '2026-11-02', ['date', 'bogus']))).status).toBe(400);
    const wrongGroup = spCampaignsRequest('2026-11-01', '2026-11-02');
    wrongGroup.configuration.groupBy = ['advertiser'];
    expect((await post(wrongGroup)).status).toBe(400);
  });

  it('leaves Retry-After out of a throttled report creation', async () => {
    const { accessToken, profileId } = await setup();
    amazon.scenarios.throttle('ads.reports.create');
    const throttled = await ads(amazon, 'na', '/reporting/reports', accessToken, {
      method: 'POST',
      scope: profileId,
      body: spCampaignsRequest('2026-11-01', '2026-11-02'),
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
  });

  it('protects the download URL like a pre-signed S3 URL', async () => {
    const { accessToken, profileId } = await setup();
    const reportId = await createAdsReport(
      amazon,
      'na',
      accessToken,
      profileId,
      spCampaignsRequest('2026-11-01', '2026-11-02'),
    );
    const url = await completedAdsReportUrl(amazon, 'na', accessToken, profileId, reportId);
    const withAuth = await amazon.fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(withAuth.status).toBe(400);
    expect(await withAuth.text()).toContain('Only one auth mechanism allowed');
    amazon.clock.advance(60 * 60_000);
    const late = await amazon.fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });
});

describe('Ads API per marketplace', () => {
  it('has one profile per marketplace with its own currency and time zone, and reports only that profile', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    const [us, ca] = await profiles('na', accessToken);
    expect(ca).toMatchObject({ countryCode: 'CA', currencyCode: 'CAD', timezone: 'America/Los_Angeles' });
    expect(ca!.accountInfo.marketplaceStringId).toBe('A2EUQ1WTGCTBG2');
    const eu = await connectAdvertising(amazon, { region: 'eu' });
    const [uk, de] = await profiles('eu', eu.accessToken);
    expect(uk).toMatchObject({ currencyCode: 'GBP', timezone: 'Europe/London' });
    expect(de).toMatchObject({ currencyCode: 'EUR', timezone: 'Europe/Paris' });
    const body = spCampaignsRequest('2026-11-10', '2026-11-12', [
      'campaignId',
      'campaignBudgetCurrencyCode',
      'cost',
      'date',
    ]);
    const caRows = await runAdsReport(amazon, 'na', accessToken, ca!.profileId, body);
    const usRows = await runAdsReport(amazon, 'na', accessToken, us!.profileId, body);
    const account = amazon.world.byKey.default.advertisingAccounts[0]!;
    const caCampaigns = account.profiles.find((p) => p.marketplace.countryCode === 'CA')!.campaigns;
    expect(new Set(caRows.map((r) => r.campaignId))).toEqual(new Set(caCampaigns.map((c) => c.campaignId)));
    expect(new Set(caRows.map((r) => r.campaignBudgetCurrencyCode))).toEqual(new Set(['CAD']));
    expect(new Set(usRows.map((r) => r.campaignBudgetCurrencyCode))).toEqual(new Set(['USD']));
    expect(caRows.some((r) => usRows.some((u) => u.campaignId === r.campaignId))).toBe(false);
  });
});
