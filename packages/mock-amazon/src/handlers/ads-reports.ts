import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json, reportingError } from '../http/respond.js';
import { adsReportTypes, buildAdsReportRows, type TargetingRow } from '../reports/ads-report-rows.js';
import { datesWithData, isIsoDate, reportProgress } from '../reports/availability.js';
import { findReportFile, presignedUrl, saveReportFile } from '../reports/documents.js';
import type { AdsReport, AdsReportConfiguration } from '../state/types.js';
import { currentKeywords, currentTargets } from '../targeting/current-targeting.js';
import { isoDate } from '../world/shop-metrics.js';
import type { AdsProfile } from '../world/types.js';
import { adsRoute } from './ads-auth.js';

/** How the console (and spTargeting's `targeting` column) writes a clause: close-match, asin="B0…", … */
function targetingText(predicate: { type: string; value?: string }): string {
  const auto: Record<string, string> = {
    QUERY_HIGH_REL_MATCHES: 'close-match',
    QUERY_BROAD_REL_MATCHES: 'loose-match',
    ASIN_SUBSTITUTE_RELATED: 'substitutes',
    ASIN_ACCESSORY_RELATED: 'complements',
  };
  return auto[predicate.type] ?? `asin="${predicate.value ?? ''}"`;
}

/** The profile's keywords and targets as they are now (their bids and states), for spTargeting rows. */
function targetingRowsOf(ctx: MockContext, profile: AdsProfile): TargetingRow[] {
  return [
    ...currentKeywords(ctx, profile).map((k) => ({
      kind: 'keyword' as const,
      id: k.id,
      campaignId: k.campaign.campaignId,
      text: k.seeded.keywordText,
      matchType: k.seeded.matchType,
      bid: k.bid,
      state: k.state,
      share: k.seeded.share,
    })),
    ...currentTargets(ctx, profile).map((t) => ({
      kind: 'target' as const,
      id: t.id,
      campaignId: t.campaign.campaignId,
      text: t.seeded.expression.map(targetingText).join(' '),
      matchType:
        t.seeded.expressionType === 'AUTO' ? 'TARGETING_EXPRESSION_PREDEFINED' : 'TARGETING_EXPRESSION',
      bid: t.bid,
      state: t.state,
      share: t.seeded.share,
    })),
  ];
}

const CONTENT_TYPE = 'application/vnd.createasyncreportrequest.v3+json';
const DAY = 86_400_000;

function uuid(ctx: MockContext): string {
  const hex = ctx.state.random.chars(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function reportJson(
  report: AdsReport,
  download: { url: string; expiresAt: number } | null,
  size: number | null,
) {
  return {
    reportId: report.reportId,
    name: report.name,
    status: report.status,
    startDate: report.startDate,
    endDate: report.endDate,
    configuration: report.configuration,
    createdAt: iso(report.createdAt),
    updatedAt: iso(report.completedAt ?? report.createdAt),
    generatedAt: iso(report.completedAt),
    url: download?.url ?? null,
    urlExpiresAt: download ? iso(download.expiresAt) : null,
    fileSize: size,
    failureReason: report.status === 'FAILED' ? 'Report generation failed. Try again.' : null,
  };
}

type Validated = { ok: true; value: AdsReportConfiguration } | { ok: false; details: string };

function validateConfiguration(raw: unknown): Validated {
  if (typeof raw !== 'object' || raw === null) return { ok: false, details: 'configuration is required' };
  const c = raw as Record<string, unknown>;
  if (c.adProduct !== 'SPONSORED_PRODUCTS') {
    return {
      ok: false,
      details: `configuration adProduct ${String(c.adProduct)} is not supported; use SPONSORED_PRODUCTS`,
    };
  }
  const reportTypeId = String(c.reportTypeId);
  const type = adsReportTypes[reportTypeId];
  if (!type) return { ok: false, details: `configuration reportTypeId ${reportTypeId} is not supported` };
  const groupBy = Array.isArray(c.groupBy) ? c.groupBy.map(String) : [];
  if (groupBy.length === 0 || groupBy.some((g) => !type.groupBy.includes(g))) {
    return {
      ok: false,
      details: `configuration groupBy must be ${JSON.stringify(type.groupBy)} for ${reportTypeId}`,
    };
  }
  const columns = Array.isArray(c.columns) ? c.columns.map(String) : [];
  const unknown = columns.filter((col) => !(col in type.columns));
  if (columns.length === 0 || unknown.length > 0) {
    return {
      ok: false,
      details: `configuration columns ${JSON.stringify(unknown)} are not supported for ${reportTypeId}`,
    };
  }
  const timeUnit = c.timeUnit;
  if (timeUnit !== 'DAILY' && timeUnit !== 'SUMMARY')
    return { ok: false, details: 'configuration timeUnit must be DAILY or SUMMARY' };
  if (timeUnit === 'SUMMARY' && columns.includes('date'))
    return { ok: false, details: 'column date is not allowed with timeUnit SUMMARY' };
  if (timeUnit === 'DAILY' && (columns.includes('startDate') || columns.includes('endDate'))) {
    return { ok: false, details: 'columns startDate and endDate are not allowed with timeUnit DAILY' };
  }
  if (c.format !== 'GZIP_JSON') return { ok: false, details: 'configuration format must be GZIP_JSON' };
  const filters = Array.isArray(c.filters) ? (c.filters as { field: string; values: string[] }[]) : undefined;
  return {
    ok: true,
    value: {
      adProduct: 'SPONSORED_PRODUCTS',
      reportTypeId,
      groupBy,
      columns,
      timeUnit,
      format: 'GZIP_JSON',
      ...(filters ? { filters } : {}),
    },
  };
}

/** Ads API reporting v3 on one region's host: create, status (and the report file it points to). */
export function adsReportHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    adsRoute(
      ctx,
      region,
      { method: 'POST', path: '/reporting/reports', endpoint: 'ads.reports.create', needScope: true },
      async (caller, { request }) => {
        const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
        if (contentType !== CONTENT_TYPE) {
          return reportingError(415, `Content-Type must be ${CONTENT_TYPE}`);
        }
        let body: Record<string, unknown>;
        try {
          body = (await request.json()) as Record<string, unknown>;
        } catch {
          return reportingError(400, 'Malformed request body: not JSON');
        }
        const { startDate, endDate } = body;
        if (!isIsoDate(startDate) || !isIsoDate(endDate)) {
          return reportingError(400, 'startDate and endDate must be dates in the form YYYY-MM-DD');
        }
        if (startDate > endDate) return reportingError(400, 'startDate must not be after endDate');
        const span = (Date.parse(endDate) - Date.parse(startDate)) / DAY + 1;
        if (span > 31) return reportingError(400, 'The date range of a report cannot exceed 31 days');
        if (startDate < isoDate(ctx.clock.now() - 95 * DAY)) {
          return reportingError(400, 'startDate cannot be more than 95 days in the past');
        }
        const configuration = validateConfiguration(body.configuration);
        if (!configuration.ok) return reportingError(400, configuration.details);
        const profileId = caller.profile!.profileId;
        const key = JSON.stringify([profileId, startDate, endDate, configuration.value]);
        const duplicate = [...ctx.state.adsReports.values()].find(
          (r) => r.key === key && r.status !== 'FAILED',
        );
        // Reporting v3 answers a duplicate with `{code, detail}` (no requestId); clients read the id from `detail`.
        if (duplicate) {
          return reportingError(425, `The Request is a duplicate of : ${duplicate.reportId}`);
        }
        const report: AdsReport = {
          reportId: uuid(ctx),
          profileId,
          region,
          grantId: caller.grant.id,
          name: typeof body.name === 'string' ? body.name : null,
          startDate,
          endDate,
          configuration: configuration.value,
          key,
          createdAt: ctx.clock.now(),
          polls: 0,
          behaviour: { ...ctx.state.scenarios.reports.ads },
          empty: false,
          status: 'PENDING',
          completedAt: null,
        };
        ctx.state.adsReports.set(report.reportId, report);
        return json(200, reportJson(report, null, null));
      },
    ),
    adsRoute(
      ctx,
      region,
      { method: 'GET', path: '/reporting/reports/:reportId', endpoint: 'ads.reports.get', needScope: true },
      async (caller, { params }) => {
        const report = ctx.state.adsReports.get(params.reportId ?? '');
        if (!report || report.profileId !== caller.profile!.profileId || report.region !== region) {
          return reportingError(404, 'Report not found', 'NOT_FOUND');
        }
        if (report.status === 'PENDING' || report.status === 'PROCESSING') {
          report.polls += 1;
          const progress = reportProgress(ctx, report.behaviour, report.createdAt, report.polls);
          if (progress.done && report.behaviour.fail) {
            report.status = 'FAILED';
            report.completedAt = ctx.clock.now();
          } else if (progress.done) {
            const grant = ctx.state.grants.get(report.grantId)!;
            const account = caller.account!;
            const dates = datesWithData(
              ctx,
              grant,
              report.behaviour,
              report.startDate,
              report.endDate,
              'today',
            );
            const rows = buildAdsReportRows({
              seed: ctx.world.seed,
              shop: account.shop,
              profile: caller.profile!,
              configuration: report.configuration,
              startDate: report.startDate,
              endDate: report.endDate,
              dates,
              targeting: targetingRowsOf(ctx, caller.profile!),
            });
            await saveReportFile(ctx, 'ads', report.reportId, region, rows);
            report.status = 'COMPLETED';
            report.empty = rows.length === 0;
            report.completedAt = ctx.clock.now();
          } else {
            report.status = progress.started ? 'PROCESSING' : 'PENDING';
          }
        }
        if (report.status !== 'COMPLETED') return json(200, reportJson(report, null, null));
        const file = findReportFile(ctx, 'ads', report.reportId)!;
        return json(200, reportJson(report, presignedUrl(ctx, file), file.bytes.byteLength));
      },
    ),
  ];
}
