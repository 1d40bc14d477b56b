import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import {
  adsGatewayError,
  asyncReportAnswer,
  listKeywordsAnswer,
  listTargetsAnswer,
  profileAnswer,
  profilesAnswer,
  reportingError,
  updateKeywordsAnswer,
  updateTargetsAnswer,
  v3Error,
} from './schemas/ads.js';
import { lwaErrorAnswer, lwaTokenAnswer } from './schemas/lwa.js';
import { salesAndTrafficDocument } from './schemas/sales-and-traffic.js';
import {
  createReportAnswer,
  orderMetricsAnswer,
  participationsAnswer,
  reportAnswer,
  reportDocumentAnswer,
  spErrorList,
} from './schemas/sp-api.js';

type Schema = z.ZodType;

/** The model an answer must follow, from its method, path and status; `null` for HTML pages and redirects. */
export function modelOf(method: string, url: URL, status: number, body: unknown): Schema | null {
  const path = url.pathname;
  const ok = status < 300;
  if (path.endsWith('/auth/o2/token')) return ok ? lwaTokenAnswer : lwaErrorAnswer;
  if (/\/v2\/profiles$/.test(path)) return ok ? profilesAnswer : adsGatewayError;
  if (/\/v2\/profiles\/[^/]+$/.test(path)) return ok ? profileAnswer : adsGatewayError;
  if (/\/reporting\/reports(\/[^/]+)?$/.test(path)) {
    if (ok) return asyncReportAnswer;
    return typeof body === 'object' && body !== null && 'detail' in body ? reportingError : adsGatewayError;
  }
  if (/\/sp\/keywords(\/list)?$/.test(path)) {
    if (!ok) return v3Error;
    return method === 'PUT' ? updateKeywordsAnswer : listKeywordsAnswer;
  }
  if (/\/sp\/targets(\/list)?$/.test(path)) {
    if (!ok) return v3Error;
    return method === 'PUT' ? updateTargetsAnswer : listTargetsAnswer;
  }
  if (path.endsWith('/sellers/v1/marketplaceParticipations')) return ok ? participationsAnswer : spErrorList;
  if (path.endsWith('/sales/v1/orderMetrics')) return ok ? orderMetricsAnswer : spErrorList;
  if (path.endsWith('/reports/2021-06-30/reports')) return ok ? createReportAnswer : spErrorList;
  if (/\/reports\/2021-06-30\/reports\/[^/]+$/.test(path)) return ok ? reportAnswer : spErrorList;
  if (/\/reports\/2021-06-30\/documents\/[^/]+$/.test(path)) return ok ? reportDocumentAnswer : spErrorList;
  return null;
}

/** SP-API headers every answer carries (x-amzn-RequestId) and the rate-limit header on 200/202/400/404. */
function headerProblems(url: URL, response: Response): string[] {
  const problems: string[] = [];
  const sp = /\/(sellers|sales|reports\/2021-06-30)\//.test(url.pathname);
  const ads = /\/(v2\/profiles|reporting\/reports|sp\/(keywords|targets))/.test(url.pathname);
  if ((sp || ads) && !response.headers.get('x-amzn-RequestId')) problems.push('no x-amzn-RequestId');
  if (
    sp &&
    [200, 202, 400, 404].includes(response.status) &&
    !response.headers.get('x-amzn-RateLimit-Limit')
  ) {
    problems.push('no x-amzn-RateLimit-Limit');
  }
  return problems;
}

/** What {@link checkAnswer} found. */
export interface ModelReport {
  checked: string[];
  problems: string[];
}

/** Validates one answer of the mock against Amazon's model for it (report downloads: the gunzipped document). */
export async function checkAnswer(request: Request, response: Response, report: ModelReport): Promise<void> {
  try {
    await check(request, response, report);
  } catch (error) {
    report.problems.push(
      `${request.method} ${request.url}: ${error instanceof Error ? error.message : error}`,
    );
  }
}

async function check(request: Request, response: Response, report: ModelReport): Promise<void> {
  const url = new URL(request.url);
  const label = `${request.method} ${url.pathname} ${response.status}`;
  const bytes = Buffer.from(await response.clone().arrayBuffer());
  if (url.pathname.startsWith('/spapi/') || url.pathname.startsWith('/ads/')) {
    if (response.status !== 200) return;
    // The file as the mock sent it: gzipped bytes (with or without Content-Encoding, which only the client decodes).
    const content: unknown = JSON.parse(gunzipSync(bytes).toString('utf8'));
    if (url.pathname.startsWith('/spapi/')) {
      const result = salesAndTrafficDocument.safeParse(content);
      report.checked.push(`${label} (sales-and-traffic document)`);
      if (!result.success) report.problems.push(`${label}: ${result.error.message}`);
    } else if (!Array.isArray(content)) {
      report.problems.push(`${label}: an Ads report file is a JSON array of rows`);
    }
    return;
  }
  if (!(response.headers.get('content-type') ?? '').includes('json')) return;
  const body: unknown = JSON.parse(bytes.toString('utf8'));
  const schema = modelOf(request.method, url, response.status, body);
  if (!schema) return;
  report.checked.push(label);
  const result = schema.safeParse(body);
  if (!result.success) report.problems.push(`${label}: ${result.error.message}`);
  for (const problem of headerProblems(url, response)) report.problems.push(`${label}: ${problem}`);
}
