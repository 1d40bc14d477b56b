import type { AmazonRegion, MockAmazon } from '../src/index.js';
import { gunzip } from '../src/index.js';

/** A fixed start for the mock clock in tests: Friday 20 November 2026, 12:00 UTC. */
export const TEST_NOW = Date.UTC(2026, 10, 20, 12);
export const REDIRECT_URI = 'http://localhost:3000/callback';

/** Posts a form to the LWA token endpoint of a region. */
export async function postToken(
  amazon: MockAmazon,
  body: Record<string, string>,
  region: AmazonRegion = 'na',
) {
  const response = await amazon.fetch(`${amazon.baseUrls.token[region]}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** The app's client credentials as form fields. */
export function clientFields(amazon: MockAmazon) {
  return { client_id: amazon.app.clientId, client_secret: amazon.app.clientSecret };
}

/** Signs in to Login with Amazon and exchanges the code: the Advertising connection's tokens. */
export async function connectAdvertising(
  amazon: MockAmazon,
  options: { email?: string; region?: AmazonRegion } = {},
) {
  const url = await amazon.signIn(
    amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 'st', region: options.region ?? 'na' }),
    {
      ...(options.email ? { email: options.email } : {}),
    },
  );
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${url}`);
  const token = await postToken(amazon, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    ...clientFields(amazon),
  });
  return { accessToken: String(token.body.access_token), refreshToken: String(token.body.refresh_token) };
}

/** Consents at Seller Central and exchanges the code: the Seller Central connection's tokens. */
export async function connectSeller(
  amazon: MockAmazon,
  options: { email?: string; region?: AmazonRegion } = {},
) {
  const region = options.region ?? 'na';
  const url = await amazon.signIn(
    amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'sc', region }),
    {
      ...(options.email ? { email: options.email } : {}),
    },
  );
  const code = url.searchParams.get('spapi_oauth_code');
  if (!code) throw new Error(`no code in ${url}`);
  const token = await postToken(
    amazon,
    { grant_type: 'authorization_code', code, ...clientFields(amazon) },
    region,
  );
  return {
    accessToken: String(token.body.access_token),
    refreshToken: String(token.body.refresh_token),
    sellingPartnerId: url.searchParams.get('selling_partner_id') ?? '',
  };
}

/** Calls the Ads API with the usual headers. */
export function ads(
  amazon: MockAmazon,
  region: AmazonRegion,
  path: string,
  accessToken: string,
  init: { method?: string; body?: unknown; scope?: number | string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${accessToken}`,
    'amazon-advertising-api-clientid': amazon.app.clientId,
    ...(init.scope === undefined ? {} : { 'amazon-advertising-api-scope': String(init.scope) }),
    ...(init.body === undefined
      ? {}
      : { 'content-type': 'application/vnd.createasyncreportrequest.v3+json' }),
    ...init.headers,
  };
  return amazon.fetch(`${amazon.baseUrls.ads[region]}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** Calls the SP-API with `x-amz-access-token`. */
export function sp(
  amazon: MockAmazon,
  region: AmazonRegion,
  path: string,
  accessToken: string,
  body?: unknown,
) {
  return amazon.fetch(`${amazon.baseUrls.spApi[region]}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'x-amz-access-token': accessToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Downloads and gunzips a report file. */
export async function download(amazon: MockAmazon, url: string): Promise<unknown> {
  const response = await amazon.fetch(url);
  if (response.status !== 200)
    throw new Error(`download failed: ${response.status} ${await response.text()}`);
  return JSON.parse(await gunzip(await response.arrayBuffer()));
}

/** Creates an Ads report (reporting v3) for a profile and answers its id; throws on anything but 200. */
export async function createAdsReport(
  amazon: MockAmazon,
  region: AmazonRegion,
  accessToken: string,
  profileId: number,
  body: unknown,
): Promise<string> {
  const response = await ads(amazon, region, '/reporting/reports', accessToken, {
    method: 'POST',
    scope: profileId,
    body,
  });
  if (response.status !== 200) throw new Error(`report create: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { reportId: string }).reportId;
}

/** Polls an Ads report until it is COMPLETED (at most `polls` reads) and answers its download URL. */
export async function completedAdsReportUrl(
  amazon: MockAmazon,
  region: AmazonRegion,
  accessToken: string,
  profileId: number,
  reportId: string,
  polls = 10,
): Promise<string> {
  for (let poll = 0; poll < polls; poll++) {
    const report = (await (
      await ads(amazon, region, `/reporting/reports/${reportId}`, accessToken, { scope: profileId })
    ).json()) as { status: string; url: string | null };
    if (report.status === 'COMPLETED' && report.url) return report.url;
    if (report.status === 'FAILED') throw new Error(`report ${reportId} FAILED`);
  }
  throw new Error(`report ${reportId} not COMPLETED after ${polls} polls`);
}

/** Creates an Ads report, polls it to COMPLETED and answers its downloaded, gunzipped rows. */
export async function runAdsReport(
  amazon: MockAmazon,
  region: AmazonRegion,
  accessToken: string,
  profileId: number,
  body: unknown,
): Promise<Record<string, string | number | null>[]> {
  const reportId = await createAdsReport(amazon, region, accessToken, profileId, body);
  const url = await completedAdsReportUrl(amazon, region, accessToken, profileId, reportId);
  return (await download(amazon, url)) as Record<string, string | number | null>[];
}

/** The four columns the mode and browser checks ask for: enough to see spend and sales. */
export const shortColumns = ['date', 'campaignId', 'cost', 'sales14d'];

/** An spCampaigns report request body (the one request the mode, browser and report tests share). */
export function spCampaignsRequest(
  startDate: string,
  endDate: string,
  columns = [
    'date',
    'campaignId',
    'campaignName',
    'impressions',
    'clicks',
    'cost',
    'sales14d',
    'purchases14d',
  ],
) {
  return {
    name: 'campaigns',
    startDate,
    endDate,
    configuration: {
      adProduct: 'SPONSORED_PRODUCTS',
      groupBy: ['campaign'],
      columns,
      reportTypeId: 'spCampaigns',
      timeUnit: 'DAILY',
      format: 'GZIP_JSON',
    },
  };
}

/**
 * Creates an SP-API GET_SALES_AND_TRAFFIC_REPORT, polls it to DONE (at most `polls` reads) and answers the
 * pre-signed URL of its document.
 */
export async function salesAndTrafficDocumentUrl(
  amazon: MockAmazon,
  accessToken: string,
  body: unknown,
  { region = 'na', polls = 10 }: { region?: AmazonRegion; polls?: number } = {},
): Promise<string> {
  const base = '/reports/2021-06-30';
  const created = await sp(amazon, region, `${base}/reports`, accessToken, body);
  if (created.status !== 202) throw new Error(`report create: ${created.status} ${await created.text()}`);
  const { reportId } = (await created.json()) as { reportId: string };
  for (let poll = 0; poll < polls; poll++) {
    const report = (await (await sp(amazon, region, `${base}/reports/${reportId}`, accessToken)).json()) as {
      processingStatus: string;
      reportDocumentId?: string;
    };
    if (report.processingStatus === 'DONE' && report.reportDocumentId) {
      const document = await sp(amazon, region, `${base}/documents/${report.reportDocumentId}`, accessToken);
      return ((await document.json()) as { url: string }).url;
    }
    if (report.processingStatus === 'FATAL' || report.processingStatus === 'CANCELLED') {
      throw new Error(`report ${reportId} ${report.processingStatus}`);
    }
  }
  throw new Error(`report ${reportId} not DONE after ${polls} polls`);
}

/** A GET_SALES_AND_TRAFFIC_REPORT request body. */
export function salesAndTrafficRequest(marketplaceId: string, start: string, end: string) {
  return {
    reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
    dataStartTime: `${start}T00:00:00Z`,
    dataEndTime: `${end}T23:59:59Z`,
    marketplaceIds: [marketplaceId],
    reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
  };
}
