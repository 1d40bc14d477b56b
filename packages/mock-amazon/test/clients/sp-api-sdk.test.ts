// The @sp-api-sdk packages (Bizon): @sp-api-sdk/auth refreshes at https://api.amazon.com with a JSON body, and
// @sp-api-sdk/reports-api-2021-06-30 calls https://sellingpartnerapi-na.amazon.com, so the mock answers through
// MSW. Flow: refresh -> createReport -> getReport until DONE -> getReportDocument (with and without
// enableContentEncodingUrlHeader) -> download. (@sp-api-sdk/sellers-api-v1 and sales-api-v1 are not on this
// registry: the npm registry answers 404 for both; Sellers and Sales are covered by the two other SP-API clients.)
import { gunzipSync } from 'node:zlib';
import { marketplaces } from '@smart-ads/mock-amazon';
import { SellingPartnerApiAuth } from '@sp-api-sdk/auth';
import { ReportsApiClient } from '@sp-api-sdk/reports-api-2021-06-30';
import { describe, expect, it } from 'vitest';
import { exchangeCode, mockAmazonOverMsw, sellerCentralCode } from './support.js';

const { amazon } = mockAmazonOverMsw();

async function reportsClient(refreshToken?: string) {
  const auth = new SellingPartnerApiAuth({
    clientId: amazon.app.clientId,
    clientSecret: amazon.app.clientSecret,
    refreshToken: refreshToken ?? (await exchangeCode(amazon, await sellerCentralCode(amazon))),
  });
  return { auth, reports: new ReportsApiClient({ auth, region: 'na' }) };
}

describe('@sp-api-sdk/auth and @sp-api-sdk/reports-api-2021-06-30 against the mock (MSW)', () => {
  it('gets an access token with a JSON refresh request', async () => {
    const { auth } = await reportsClient();
    expect(await auth.getAccessToken()).toMatch(/^Atza\|/);
    expect(amazon.calls('lwa.token.refresh_token', { status: 200 })).toBe(1);
  });

  it('turns a revoked refresh token into its typed auth error', async () => {
    const refreshToken = await exchangeCode(amazon, await sellerCentralCode(amazon));
    amazon.scenarios.revokeAuthorization(amazon.users.default.email);
    const { auth } = await reportsClient(refreshToken);
    await expect(auth.getAccessToken()).rejects.toMatchObject({ name: 'SellingPartnerApiAuthError' });
    expect(amazon.calls('lwa.token.refresh_token', { status: 400 })).toBe(1);
  });

  it('creates, polls and downloads a sales-and-traffic report', async () => {
    const { reports } = await reportsClient();
    const created = await reports.createReport({
      body: {
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        marketplaceIds: [marketplaces.CA.id],
        dataStartTime: '2026-11-01T00:00:00Z',
        dataEndTime: '2026-11-03T23:59:59Z',
        reportOptions: { dateGranularity: 'DAY', asinGranularity: 'PARENT' },
      },
    });
    expect(created.status).toBe(202);
    let report = (await reports.getReport({ reportId: created.data.reportId })).data;
    for (let poll = 0; poll < 5 && report.processingStatus !== 'DONE'; poll++) {
      report = (await reports.getReport({ reportId: created.data.reportId })).data;
    }
    expect(report.processingStatus).toBe('DONE');
    const { data: document } = await reports.getReportDocument({
      reportDocumentId: report.reportDocumentId!,
    });
    const gzipped = await fetch(document.url);
    expect(gzipped.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    const content = JSON.parse(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8'));
    expect(content.reportSpecification.marketplaceIds).toEqual([marketplaces.CA.id]);
    const { data: encoded } = await reports.getReportDocument({
      reportDocumentId: report.reportDocumentId!,
      enableContentEncodingUrlHeader: true,
    });
    const plain = await fetch(encoded.url);
    expect(plain.headers.get('content-encoding')).toBe('gzip');
    expect((await plain.json()).salesAndTrafficByDate).toHaveLength(3);
  });
});
