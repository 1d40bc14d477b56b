// Every endpoint of the mock, its answers and its errors, checked against Amazon's models (schemas/): the recorder
// in support.ts validates each answer MSW gives; this file makes sure each endpoint is hit at least once.
import { marketplaces } from '@smart-ads/mock-amazon';
import { describe, expect, it } from 'vitest';
import { checkAnswer, type ModelReport } from './model-check.js';
import { exchangeCode, mockAmazonOverMsw, REDIRECT_URI, sellerCentralCode } from './support.js';

const { amazon, report } = mockAmazonOverMsw();
const ADS = 'https://advertising-api.amazon.com';
const SP = 'https://sellingpartnerapi-na.amazon.com';
const KEYWORD = 'application/vnd.spKeyword.v3+json';
const TARGET = 'application/vnd.spTargetingClause.v3+json';

async function token(body: Record<string, string>) {
  const response = await fetch('https://api.amazon.com/auth/o2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
  return (await response.json()) as { access_token?: string; refresh_token?: string };
}

describe('the model checker', () => {
  it('finds a missing required field, a wrong type and a missing SP-API header', async () => {
    const found: ModelReport = { checked: [], problems: [] };
    await checkAnswer(
      new Request(`${SP}/sales/v1/orderMetrics?x=1`),
      new Response(JSON.stringify({ payload: [{ interval: 'a--b', unitCount: '3' }] }), {
        headers: { 'content-type': 'application/json' },
      }),
      found,
    );
    expect(found.problems.join('\n')).toMatch(/unitCount/);
    expect(found.problems.join('\n')).toMatch(/totalSales/);
    expect(found.problems.join('\n')).toMatch(/x-amzn-RequestId/);
  });
});

describe('every answer of the mock follows Amazon’s model', () => {
  it('LWA, Ads API (profiles, reporting v3, SP v3 keywords and targets) and their errors', async () => {
    const callback = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }));
    const tokens = await token({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    });
    await token({
      grant_type: 'authorization_code',
      code: 'reused',
      client_id: amazon.app.clientId,
      client_secret: 'x',
    });
    await token({
      grant_type: 'authorization_code',
      code: 'reused',
      redirect_uri: REDIRECT_URI,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    });
    await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    });
    const headers = (scope?: number, contentType?: string) => ({
      authorization: `Bearer ${tokens.access_token}`,
      'amazon-advertising-api-clientid': amazon.app.clientId,
      ...(scope ? { 'amazon-advertising-api-scope': String(scope) } : {}),
      ...(contentType ? { 'content-type': contentType, accept: contentType } : {}),
    });
    const profiles = (await (await fetch(`${ADS}/v2/profiles`, { headers: headers() })).json()) as {
      profileId: number;
    }[];
    const scope = profiles[0]!.profileId;
    await fetch(`${ADS}/v2/profiles/${scope}`, { headers: headers() });
    await fetch(`${ADS}/v2/profiles`, {
      headers: { authorization: 'Bearer nope', 'amazon-advertising-api-clientid': amazon.app.clientId },
    });
    const reportBody = JSON.stringify({
      startDate: '2026-11-10',
      endDate: '2026-11-12',
      configuration: {
        adProduct: 'SPONSORED_PRODUCTS',
        groupBy: ['campaign'],
        columns: ['campaignId', 'cost', 'date'],
        reportTypeId: 'spCampaigns',
        timeUnit: 'DAILY',
        format: 'GZIP_JSON',
      },
    });
    const v3Report = 'application/vnd.createasyncreportrequest.v3+json';
    const created = (await (
      await fetch(`${ADS}/reporting/reports`, {
        method: 'POST',
        headers: headers(scope, v3Report),
        body: reportBody,
      })
    ).json()) as { reportId: string };
    await fetch(`${ADS}/reporting/reports`, {
      method: 'POST',
      headers: headers(scope, v3Report),
      body: reportBody,
    }); // 425
    await fetch(`${ADS}/reporting/reports`, {
      method: 'POST',
      headers: headers(scope, 'application/json'),
      body: reportBody,
    }); // 415
    await fetch(`${ADS}/reporting/reports`, {
      method: 'POST',
      headers: headers(undefined, v3Report),
      body: reportBody,
    }); // 401
    await fetch(`${ADS}/reporting/reports/${created.reportId}`, { headers: headers(scope) });
    const done = (await (
      await fetch(`${ADS}/reporting/reports/${created.reportId}`, { headers: headers(scope) })
    ).json()) as { url: string };
    await fetch(done.url);
    const keywords = (await (
      await fetch(`${ADS}/sp/keywords/list`, {
        method: 'POST',
        headers: headers(scope, KEYWORD),
        body: JSON.stringify({ maxResults: 3, includeExtendedDataFields: true }),
      })
    ).json()) as { keywords: { keywordId: string }[] };
    await fetch(`${ADS}/sp/keywords/list`, {
      method: 'POST',
      headers: headers(scope, KEYWORD),
      body: JSON.stringify({ stateFilter: { include: ['NOPE'] } }),
    });
    await fetch(`${ADS}/sp/keywords`, {
      method: 'PUT',
      headers: { ...headers(scope, KEYWORD), prefer: 'return=representation' },
      body: JSON.stringify({
        keywords: [
          { keywordId: keywords.keywords[0]!.keywordId, bid: 1.1 },
          { keywordId: '1', bid: 1 },
          { bid: 2 },
        ],
      }),
    });
    const targets = (await (
      await fetch(`${ADS}/sp/targets/list`, { method: 'POST', headers: headers(scope, TARGET), body: '{}' })
    ).json()) as { targetingClauses: { targetId: string }[] };
    await fetch(`${ADS}/sp/targets`, {
      method: 'PUT',
      headers: { ...headers(scope, TARGET), prefer: 'return=representation' },
      body: JSON.stringify({
        targetingClauses: [
          { targetId: targets.targetingClauses[0]!.targetId, bid: 9999 },
          { targetId: targets.targetingClauses[1]!.targetId, state: 'PAUSED' },
        ],
      }),
    });
    await fetch(`${ADS}/sp/targets`, {
      method: 'PUT',
      headers: headers(scope, 'application/json'),
      body: '{}',
    }); // 415
    const seen = report.checked.join('\n');
    for (const label of [
      'POST /auth/o2/token 200',
      'POST /auth/o2/token 400',
      'POST /auth/o2/token 401',
      'GET /v2/profiles 200',
      'GET /v2/profiles 401',
      'POST /reporting/reports 200',
      'POST /reporting/reports 425',
      'POST /reporting/reports 415',
      'POST /reporting/reports 401',
      'POST /sp/keywords/list 200',
      'POST /sp/keywords/list 400',
      'PUT /sp/keywords 207',
      'POST /sp/targets/list 200',
      'PUT /sp/targets 207',
      'PUT /sp/targets 415',
    ]) {
      expect(seen).toContain(label);
    }
  });

  it('SP-API (sellers, sales, reports, documents) and its errors', async () => {
    const refreshToken = await exchangeCode(amazon, await sellerCentralCode(amazon));
    const { access_token } = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: amazon.app.clientId,
      client_secret: amazon.app.clientSecret,
    });
    const headers = { 'x-amz-access-token': access_token!, 'content-type': 'application/json' };
    await fetch(`${SP}/sellers/v1/marketplaceParticipations`, { headers });
    await fetch(`${SP}/sellers/v1/marketplaceParticipations`, {
      headers: { 'x-amz-access-token': 'Atza|nope' },
    });
    const metrics = new URLSearchParams({
      marketplaceIds: marketplaces.US.id,
      interval: '2026-11-01T00:00:00-07:00--2026-11-03T00:00:00-07:00',
      granularity: 'Day',
      granularityTimeZone: 'US/Pacific',
    });
    await fetch(`${SP}/sales/v1/orderMetrics?${metrics}`, { headers });
    metrics.delete('granularityTimeZone');
    await fetch(`${SP}/sales/v1/orderMetrics?${metrics}`, { headers });
    const body = JSON.stringify({
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      marketplaceIds: [marketplaces.US.id],
      dataStartTime: '2026-11-01',
      dataEndTime: '2026-11-05',
      reportOptions: { dateGranularity: 'WEEK', asinGranularity: 'SKU' },
    });
    const { reportId } = (await (
      await fetch(`${SP}/reports/2021-06-30/reports`, { method: 'POST', headers, body })
    ).json()) as { reportId: string };
    let status: { processingStatus: string; reportDocumentId?: string } = { processingStatus: 'IN_QUEUE' };
    for (let poll = 0; poll < 5 && status.processingStatus !== 'DONE'; poll++) {
      status = (await (
        await fetch(`${SP}/reports/2021-06-30/reports/${reportId}`, { headers })
      ).json()) as typeof status;
    }
    await fetch(`${SP}/reports/2021-06-30/reports/404404`, { headers });
    const { url } = (await (
      await fetch(`${SP}/reports/2021-06-30/documents/${status.reportDocumentId}`, { headers })
    ).json()) as { url: string };
    await fetch(url);
    await fetch(`${SP}/reports/2021-06-30/reports`, {
      method: 'POST',
      headers,
      body: '{"reportType":"GET_FLAT_FILE_OPEN_LISTINGS_DATA"}',
    });
    const seen = report.checked.join('\n');
    for (const label of [
      'GET /sellers/v1/marketplaceParticipations 200',
      'GET /sellers/v1/marketplaceParticipations 403',
      'GET /sales/v1/orderMetrics 200',
      'GET /sales/v1/orderMetrics 400',
      'POST /reports/2021-06-30/reports 202',
      'POST /reports/2021-06-30/reports 400',
      `GET /reports/2021-06-30/reports/${reportId} 200`,
      'GET /reports/2021-06-30/reports/404404 404',
      'GET /reports/2021-06-30/documents/',
      '(sales-and-traffic document)',
    ]) {
      expect(seen).toContain(label);
    }
  });
});
