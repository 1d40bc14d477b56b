// Amazon's official SP-API SDK for JavaScript (@amazon-sp-api-release/amazon-sp-api-sdk-js): its LWA helper hardcodes
// https://api.amazon.com, so the mock answers through MSW. Flow: LWA refresh (form body) -> Sellers, Sales, Reports.
import { gunzipSync } from 'node:zlib';
import { ReportsSpApi, SalesSpApi, SellersSpApi } from '@amazon-sp-api-release/amazon-sp-api-sdk-js';
import { marketplaces } from '@smart-ads/mock-amazon';
import { describe, expect, it } from 'vitest';
import { exchangeCode, mockAmazonOverMsw, sellerCentralCode } from './support.js';

const { amazon, report } = mockAmazonOverMsw();
const NA = 'https://sellingpartnerapi-na.amazon.com';

async function clients() {
  const refreshToken = await exchangeCode(amazon, await sellerCentralCode(amazon));
  const client = <T extends { enableAutoRetrievalAccessToken(...args: string[]): void }>(api: T) => {
    api.enableAutoRetrievalAccessToken(amazon.app.clientId, amazon.app.clientSecret, refreshToken);
    return api;
  };
  return {
    sellers: new SellersSpApi.SellersApi(client(new SellersSpApi.ApiClient(NA))),
    sales: new SalesSpApi.SalesApi(client(new SalesSpApi.ApiClient(NA))),
    reports: new ReportsSpApi.ReportsApi(client(new ReportsSpApi.ApiClient(NA))),
  };
}

describe('@amazon-sp-api-release/amazon-sp-api-sdk-js against the mock (MSW)', () => {
  it('refreshes its token at LWA and reads marketplace participations and order metrics', async () => {
    const { sellers, sales } = await clients();
    const participations = await sellers.getMarketplaceParticipations();
    expect(participations.payload.map((p: { marketplace: { id: string } }) => p.marketplace.id)).toEqual([
      marketplaces.US.id,
      marketplaces.CA.id,
    ]);
    const metrics = await sales.getOrderMetrics(
      [marketplaces.CA.id],
      '2026-11-01T00:00:00-07:00--2026-11-08T00:00:00-07:00',
      'Day',
      { granularityTimeZone: 'America/Los_Angeles' },
    );
    expect(metrics.payload).toHaveLength(7);
    expect(metrics.payload[0].totalSales.currencyCode).toBe('CAD');
    expect(amazon.calls('lwa.token.refresh_token', { status: 200 })).toBeGreaterThanOrEqual(1);
  });

  it('gets the Sales API’s 400 for a missing granularityTimeZone as an error it can read', async () => {
    const { sales } = await clients();
    const error = await sales
      .getOrderMetrics([marketplaces.US.id], '2026-11-01T00:00:00Z--2026-11-02T00:00:00Z', 'Day')
      .catch((e: { status: number; response: { body: unknown } }) => e);
    expect(error.status).toBe(400);
    expect(error.response.body).toMatchObject({ errors: [{ code: 'InvalidInput' }] });
  });

  it('creates a sales-and-traffic report, polls it to DONE and downloads the document', async () => {
    const { reports } = await clients();
    const { reportId } = await reports.createReport({
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      marketplaceIds: [marketplaces.US.id],
      dataStartTime: '2026-11-01T00:00:00Z',
      dataEndTime: '2026-11-07T23:59:59Z',
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
    });
    let status = await reports.getReport(reportId);
    for (let poll = 0; poll < 5 && status.processingStatus !== 'DONE'; poll++) {
      status = await reports.getReport(reportId);
    }
    expect(status.processingStatus).toBe('DONE');
    const document = await reports.getReportDocument(status.reportDocumentId);
    expect(document.compressionAlgorithm).toBe('GZIP');
    const file = await fetch(document.url);
    const content = JSON.parse(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8'));
    expect(content.salesAndTrafficByDate).toHaveLength(7);
    expect(report.checked.some((line) => line.includes('sales-and-traffic document'))).toBe(true);
  });
});
