import { describe, expect, it } from 'vitest';
import {
  ads,
  connectAdvertising,
  connectSeller,
  runAdsReport,
  sp,
  spCampaignsRequest,
  TEST_NOW,
} from '../test/support.js';
import { createMockAmazon } from './create-mock-amazon.js';
import { UnhandledRequestError } from './errors/unhandled-request-error.js';
import { marketplaces } from './world/marketplaces.js';

describe('createMockAmazon', () => {
  it('makes one shop’s Ads and Seller Central figures agree: total sales > ad sales, TACoS plausible', async () => {
    const amazon = createMockAmazon({ now: TEST_NOW });
    const advertising = await connectAdvertising(amazon);
    const seller = await connectSeller(amazon);
    const [us] = (await (await ads(amazon, 'na', '/v2/profiles', advertising.accessToken)).json()) as {
      profileId: number;
    }[];
    const scope = us!.profileId;
    const rows = (await runAdsReport(
      amazon,
      'na',
      advertising.accessToken,
      scope,
      spCampaignsRequest('2026-11-01', '2026-11-14'),
    )) as { cost: number; sales14d: number }[];
    const spend = rows.reduce((sum, r) => sum + r.cost, 0);
    const adSales = rows.reduce((sum, r) => sum + r.sales14d, 0);
    const query = new URLSearchParams({
      marketplaceIds: marketplaces.US.id,
      interval: '2026-11-01T00:00:00Z--2026-11-15T00:00:00Z',
      granularity: 'Total',
      granularityTimeZone: 'UTC',
    });
    const metrics = (await (
      await sp(amazon, 'na', `/sales/v1/orderMetrics?${query}`, seller.accessToken)
    ).json()) as {
      payload: { totalSales: { amount: string } }[];
    };
    const totalSales = Number(metrics.payload[0]!.totalSales.amount);
    expect(totalSales).toBeGreaterThan(adSales);
    expect(adSales / totalSales).toBeGreaterThan(0.2);
    expect(adSales / totalSales).toBeLessThan(0.6);
    const tacos = spend / totalSales;
    expect(tacos).toBeGreaterThan(0.04);
    expect(tacos).toBeLessThan(0.2);
  });

  it('gives the same answers for the same seed, and other figures for another seed', async () => {
    const figures = async (seed: number) => {
      const amazon = createMockAmazon({ now: TEST_NOW, seed });
      const seller = await connectSeller(amazon);
      const query = new URLSearchParams({
        marketplaceIds: marketplaces.US.id,
        interval: '2026-11-01T00:00:00Z--2026-11-08T00:00:00Z',
        granularity: 'Day',
        granularityTimeZone: 'UTC',
      });
      return (await sp(amazon, 'na', `/sales/v1/orderMetrics?${query}`, seller.accessToken)).text();
    };
    expect(await figures(3)).toBe(await figures(3));
    expect(await figures(3)).not.toBe(await figures(4));
  });

  it('intercepts Amazon’s production hosts by default and throws UnhandledRequestError elsewhere', async () => {
    const amazon = createMockAmazon({ now: TEST_NOW });
    expect(amazon.baseUrls.token.eu).toBe('https://api.amazon.co.uk');
    const unauthorized = await amazon.fetch('https://advertising-api-fe.amazon.com/v2/profiles');
    expect(unauthorized.status).toBe(401);
    await expect(amazon.fetch('https://example.com/v2/profiles')).rejects.toBeInstanceOf(
      UnhandledRequestError,
    );
  });

  it('serves Amazon’s paths under custom base URLs with path prefixes', async () => {
    const prefixed = (service: string) => ({
      na: `https://mock.test/${service}/na`,
      eu: `https://mock.test/${service}/eu`,
      fe: `https://mock.test/${service}/fe`,
    });
    const amazon = createMockAmazon({
      now: TEST_NOW,
      baseUrls: {
        authorize: prefixed('authorize'),
        token: prefixed('token'),
        ads: prefixed('ads'),
        sellerCentral: prefixed('sc'),
        spApi: prefixed('sp'),
        reports: prefixed('files'),
      },
    });
    const { accessToken } = await connectAdvertising(amazon, { region: 'fe' });
    const response = await amazon.fetch('https://mock.test/ads/eu/v2/profiles', {
      headers: {
        authorization: `Bearer ${accessToken}`,
        'amazon-advertising-api-clientid': amazon.app.clientId,
      },
    });
    expect(((await response.json()) as unknown[]).length).toBe(2);
  });
});
