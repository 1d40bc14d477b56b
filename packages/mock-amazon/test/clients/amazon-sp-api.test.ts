// amazon-sp-api (amz-tools), the most used Node SP-API client: it hardcodes https://api.amazon.com and
// https://sellingpartnerapi-*.amazon.com, so the mock answers through MSW. Flow: exchange the Seller Central code
// (JSON body), refresh (JSON body), Sellers, Sales, and its report helper (create, poll, document, download).
import { marketplaces } from '@smart-ads/mock-amazon';
import { SellingPartner } from 'amazon-sp-api';
import { describe, expect, it } from 'vitest';
import { mockAmazonOverMsw, sellerCentralCode } from './support.js';

const { amazon } = mockAmazonOverMsw();

function client(refreshToken: string) {
  return new SellingPartner({
    region: 'na',
    refresh_token: refreshToken,
    credentials: {
      SELLING_PARTNER_APP_CLIENT_ID: amazon.app.clientId,
      SELLING_PARTNER_APP_CLIENT_SECRET: amazon.app.clientSecret,
    },
    options: { auto_request_throttled: false },
  });
}

describe('amazon-sp-api against the mock (MSW)', () => {
  it('exchanges the Seller Central code and refreshes with JSON bodies, then calls Sellers and Sales', async () => {
    const code = await sellerCentralCode(amazon);
    const exchanged = (await client('Atzr|placeholder').exchange(code)) as { refresh_token: string };
    expect(exchanged.refresh_token).toMatch(/^Atzr\|/);
    expect(amazon.calls('lwa.token.authorization_code', { status: 200 })).toBe(1);
    const sp = client(exchanged.refresh_token);
    const participations = (await sp.callAPI({
      operation: 'getMarketplaceParticipations',
      endpoint: 'sellers',
    })) as { marketplace: { id: string; defaultCurrencyCode: string } }[];
    expect(participations.map((p) => p.marketplace.defaultCurrencyCode)).toEqual(['USD', 'CAD']);
    expect(amazon.calls('lwa.token.refresh_token', { status: 200 })).toBe(1);
    const metrics = (await sp.callAPI({
      operation: 'getOrderMetrics',
      endpoint: 'sales',
      query: {
        marketplaceIds: [marketplaces.US.id],
        interval: '2026-11-01T00:00:00Z--2026-11-08T00:00:00Z',
        granularity: 'Total',
        granularityTimeZone: 'UTC',
      },
    })) as { totalSales: { amount: string; currencyCode: string } }[];
    expect(metrics).toHaveLength(1);
    expect(Number(metrics[0]!.totalSales.amount)).toBeGreaterThan(0);
  });

  it('runs its report helper end to end: create, poll, document, download as JSON', async () => {
    const code = await sellerCentralCode(amazon);
    const { refresh_token } = (await client('Atzr|placeholder').exchange(code)) as { refresh_token: string };
    const sp = client(refresh_token);
    const document = (await sp.downloadReport({
      body: {
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        marketplaceIds: [marketplaces.US.id],
        dataStartTime: '2026-11-10',
        dataEndTime: '2026-11-16',
        reportOptions: { dateGranularity: 'DAY', asinGranularity: 'SKU' },
      },
      version: '2021-06-30',
      interval: 1,
      download: { json: true },
    })) as { salesAndTrafficByDate: unknown[]; salesAndTrafficByAsin: { sku: string }[] };
    expect(document.salesAndTrafficByDate).toHaveLength(7);
    expect(document.salesAndTrafficByAsin.every((asin) => asin.sku)).toBe(true);
    expect(amazon.calls('spapi.reports.download', { status: 200 })).toBe(1);
  });

  it('surfaces the mock’s SP-API error list as its CustomError code', async () => {
    const code = await sellerCentralCode(amazon);
    const { refresh_token } = (await client('Atzr|placeholder').exchange(code)) as { refresh_token: string };
    const error = await client(refresh_token)
      .callAPI({
        operation: 'getOrderMetrics',
        endpoint: 'sales',
        query: {
          marketplaceIds: [marketplaces.UK.id],
          interval: '2026-11-01T00:00:00Z--2026-11-02T00:00:00Z',
          granularity: 'Day',
          granularityTimeZone: 'UTC',
        },
      })
      .catch((e: { code: string }) => e);
    expect(error).toMatchObject({ code: 'InvalidInput' });
  });
});
