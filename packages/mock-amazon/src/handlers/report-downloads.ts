import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { s3Error } from '../http/respond.js';
import { route } from '../http/route.js';
import { findReportFile, type ReportFile } from '../reports/documents.js';

function serve(ctx: MockContext, request: Request, kind: ReportFile['kind'], id: string): Response {
  const file = findReportFile(ctx, kind, id.replace(/\.json\.gz$/, ''));
  if (!file) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  if (request.headers.has('authorization')) {
    // Pre-signed S3 URLs refuse a second auth mechanism: send no Authorization header when downloading.
    return s3Error(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    );
  }
  const signature = new URL(request.url).searchParams.get('X-Amz-Signature') ?? '';
  const expiresAt = file.signatures.get(signature);
  if (expiresAt === undefined) {
    return s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  if (ctx.clock.now() >= expiresAt) return s3Error(403, 'AccessDenied', 'Request has expired');
  return new Response(file.bytes.slice(), {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.byteLength) },
  });
}

/** The report-file host (pre-signed S3 URLs) for Ads and SP-API reports. */
export function reportDownloadHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  const spec = { method: 'GET', service: 'reports', family: 'reports' } as const;
  return [
    route(
      ctx,
      region,
      { ...spec, path: '/ads/:file', endpoint: 'ads.reports.download' },
      ({ request, params }) => serve(ctx, request, 'ads', params.file ?? ''),
    ),
    route(
      ctx,
      region,
      { ...spec, path: '/spapi/:file', endpoint: 'spapi.reports.download' },
      ({ request, params }) => serve(ctx, request, 'spapi', params.file ?? ''),
    ),
  ];
}
