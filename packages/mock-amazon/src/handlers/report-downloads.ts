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
  const headers = new Headers({
    // SP-API report documents come from S3 as text/plain with a charset (seen in the wild: `text/plain;
    // charset=…` with `x-amz-server-side-encryption: aws:kms`), gzipped but without Content-Encoding unless the
    // URL asks for it. The Ads report file's type is not documented: octet-stream stays (UNCONFIRMED).
    'content-type': kind === 'spapi' ? 'text/plain; charset=UTF-8' : 'application/octet-stream',
    'content-length': String(file.bytes.byteLength),
    'accept-ranges': 'bytes',
    'last-modified': new Date(file.storedAt).toUTCString(),
    etag: `"${file.id
      .replace(/[^0-9a-f]/gi, '')
      .slice(-32)
      .padStart(32, '0')}"`,
    server: 'AmazonS3',
  });
  if (kind === 'spapi') headers.set('x-amz-server-side-encryption', 'aws:kms');
  const encoding = new URL(request.url).searchParams.get('response-content-encoding');
  if (encoding) headers.set('content-encoding', encoding);
  return new Response(file.bytes.slice(), { status: 200, headers });
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
