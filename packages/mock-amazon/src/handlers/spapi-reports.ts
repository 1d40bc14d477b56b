import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json, spError } from '../http/respond.js';
import { datesWithData, reportProgress } from '../reports/availability.js';
import { findReportFile, presignedUrl, saveReportFile } from '../reports/documents.js';
import { buildSalesAndTraffic } from '../reports/sales-and-traffic.js';
import type { SpReport } from '../state/types.js';
import { spApiRoute } from './spapi-auth.js';

const BASE = '/reports/2021-06-30';
const SUPPORTED = 'GET_SALES_AND_TRAFFIC_REPORT';

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

function reportJson(report: SpReport) {
  return {
    reportId: report.reportId,
    reportType: report.reportType,
    dataStartTime: report.dataStartTime,
    dataEndTime: report.dataEndTime,
    marketplaceIds: report.marketplaceIds,
    createdTime: iso(report.createdAt),
    processingStatus: report.processingStatus,
    ...(report.processingStartTime === null ? {} : { processingStartTime: iso(report.processingStartTime) }),
    ...(report.processingEndTime === null ? {} : { processingEndTime: iso(report.processingEndTime) }),
    ...(report.reportDocumentId === null ? {} : { reportDocumentId: report.reportDocumentId }),
  };
}

function dateOf(value: unknown): string | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    return null;
  return value;
}

/** SP-API Reports 2021-06-30 on one region's host: create, status, document. */
export function spApiReportHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    spApiRoute(
      ctx,
      region,
      { method: 'POST', path: `${BASE}/reports`, endpoint: 'spapi.reports.create' },
      async (caller, { request }) => {
        let body: Record<string, unknown>;
        try {
          body = (await request.json()) as Record<string, unknown>;
        } catch {
          return spError(400, 'InvalidInput', 'The request body is not valid JSON.');
        }
        if (body.reportType !== SUPPORTED) {
          return spError(
            400,
            'InvalidInput',
            `Invalid reportType ${String(body.reportType)}: mock-amazon serves ${SUPPORTED}.`,
          );
        }
        const ids = Array.isArray(body.marketplaceIds) ? body.marketplaceIds.map(String) : [];
        if (ids.length !== 1)
          return spError(400, 'InvalidInput', `${SUPPORTED} takes exactly one marketplaceId.`);
        if (!caller.partner.marketplaces.some((m) => m.id === ids[0])) {
          return spError(400, 'InvalidInput', `Invalid marketplaceId: ${ids[0]}`);
        }
        const dataStartTime = dateOf(body.dataStartTime);
        const dataEndTime = dateOf(body.dataEndTime);
        if (!dataStartTime || !dataEndTime || dataStartTime.slice(0, 10) > dataEndTime.slice(0, 10)) {
          return spError(
            400,
            'InvalidInput',
            'dataStartTime and dataEndTime must be ISO 8601 date-times, start not after end.',
          );
        }
        const options = (body.reportOptions ?? {}) as Record<string, unknown>;
        const dateGranularity = options.dateGranularity ?? 'DAY';
        const asinGranularity = options.asinGranularity ?? 'PARENT';
        if (dateGranularity !== 'DAY' && dateGranularity !== 'WEEK' && dateGranularity !== 'MONTH') {
          return spError(400, 'InvalidInput', 'reportOptions.dateGranularity must be DAY, WEEK or MONTH.');
        }
        if (asinGranularity !== 'PARENT' && asinGranularity !== 'CHILD' && asinGranularity !== 'SKU') {
          return spError(400, 'InvalidInput', 'reportOptions.asinGranularity must be PARENT, CHILD or SKU.');
        }
        const report: SpReport = {
          reportId: String(ctx.state.random.int(10_000_000_000, 99_999_999_999)),
          reportType: SUPPORTED,
          region,
          sellingPartnerId: caller.partner.sellingPartnerId,
          grantId: caller.grant.id,
          marketplaceIds: ids,
          dataStartTime,
          dataEndTime,
          dateGranularity,
          asinGranularity,
          createdAt: ctx.clock.now(),
          polls: 0,
          behaviour: { ...ctx.state.scenarios.reports.spapi },
          empty: false,
          processingStatus: 'IN_QUEUE',
          processingStartTime: null,
          processingEndTime: null,
          reportDocumentId: null,
        };
        ctx.state.spReports.set(report.reportId, report);
        return json(202, { reportId: report.reportId });
      },
    ),
    spApiRoute(
      ctx,
      region,
      { method: 'GET', path: `${BASE}/reports/:reportId`, endpoint: 'spapi.reports.get' },
      async (caller, { params }) => {
        const report = ctx.state.spReports.get(params.reportId ?? '');
        if (
          !report ||
          report.sellingPartnerId !== caller.partner.sellingPartnerId ||
          report.region !== region
        ) {
          return spError(404, 'NotFound', 'The report was not found.');
        }
        if (report.processingStatus === 'IN_QUEUE' || report.processingStatus === 'IN_PROGRESS') {
          report.polls += 1;
          const progress = reportProgress(ctx, report.behaviour, report.createdAt, report.polls);
          if (progress.started && report.processingStartTime === null)
            report.processingStartTime = ctx.clock.now();
          if (progress.done) {
            report.processingStartTime ??= ctx.clock.now();
            report.processingEndTime = ctx.clock.now();
            if (report.behaviour.fail) {
              report.processingStatus = 'FATAL';
            } else {
              const marketplace = caller.partner.marketplaces.find((m) => m.id === report.marketplaceIds[0])!;
              const grant = ctx.state.grants.get(report.grantId)!;
              const dates = datesWithData(
                ctx,
                grant,
                report.behaviour,
                report.dataStartTime.slice(0, 10),
                report.dataEndTime.slice(0, 10),
                'yesterday',
              );
              const hex = ctx.state.random.chars(32, '0123456789abcdef');
              const documentId = `amzn1.spdoc.1.4.${region}.${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
              const content = buildSalesAndTraffic({
                seed: ctx.world.seed,
                shop: caller.partner.shop,
                marketplace,
                dates,
                dataStartTime: report.dataStartTime,
                dataEndTime: report.dataEndTime,
                dateGranularity: report.dateGranularity,
                asinGranularity: report.asinGranularity,
              });
              await saveReportFile(ctx, 'spapi', documentId, region, content);
              report.empty = dates.length === 0;
              report.reportDocumentId = documentId;
              report.processingStatus = 'DONE';
            }
          } else {
            report.processingStatus = progress.started ? 'IN_PROGRESS' : 'IN_QUEUE';
          }
        }
        return json(200, reportJson(report));
      },
    ),
    spApiRoute(
      ctx,
      region,
      { method: 'GET', path: `${BASE}/documents/:documentId`, endpoint: 'spapi.reports.document' },
      (caller, { params, request }) => {
        const documentId = params.documentId ?? '';
        const encodingFlag = new URL(request.url).searchParams.get('enableContentEncodingUrlHeader');
        if (encodingFlag !== null && encodingFlag !== 'true' && encodingFlag !== 'false') {
          return spError(400, 'InvalidInput', 'enableContentEncodingUrlHeader must be true or false.');
        }
        const owner = [...ctx.state.spReports.values()].find((r) => r.reportDocumentId === documentId);
        const file = findReportFile(ctx, 'spapi', documentId);
        if (!owner || !file || owner.sellingPartnerId !== caller.partner.sellingPartnerId) {
          return spError(404, 'NotFound', 'The report document was not found.');
        }
        return json(200, {
          reportDocumentId: documentId,
          url: presignedUrl(ctx, file, encodingFlag === 'true').url,
          compressionAlgorithm: 'GZIP',
        });
      },
    ),
  ];
}
