import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { gzip } from '../http/gzip.js';

/** A report file as stored on the mock's "S3": gzipped JSON, with pre-signed URLs that expire. */
export interface ReportFile {
  id: string;
  region: AmazonRegion;
  kind: 'ads' | 'spapi';
  bytes: Uint8Array;
  /** When it was stored (mock clock): S3's `Last-Modified`. */
  storedAt: number;
  signatures: Map<string, number>;
}

function store(ctx: MockContext): Map<string, ReportFile> {
  return ctx.state.files;
}

/**
 * How long a pre-signed download URL stays valid: 5 minutes for an SP-API report document (the Reports API docs,
 * and `X-Amz-Expires=300` in the URLs Amazon hands out), an hour for an Ads report (`urlExpiresAt`).
 */
export const DOWNLOAD_URL_LIFETIME_MS: Record<ReportFile['kind'], number> = {
  ads: 60 * 60_000,
  spapi: 5 * 60_000,
};

/** Stores a report's content, gzipped. */
export async function saveReportFile(
  ctx: MockContext,
  kind: ReportFile['kind'],
  id: string,
  region: AmazonRegion,
  content: unknown,
): Promise<ReportFile> {
  const file: ReportFile = {
    id,
    region,
    kind,
    bytes: await gzip(JSON.stringify(content)),
    storedAt: ctx.clock.now(),
    signatures: new Map(),
  };
  store(ctx).set(`${kind}/${id}`, file);
  return file;
}

/** Finds a stored report file. */
export function findReportFile(
  ctx: MockContext,
  kind: ReportFile['kind'],
  id: string,
): ReportFile | undefined {
  return store(ctx).get(`${kind}/${id}`);
}

/**
 * A fresh pre-signed URL of a report file, valid for {@link DOWNLOAD_URL_LIFETIME_MS} of the mock clock.
 * `gzipContentEncoding` adds S3's `response-content-encoding=gzip` override, so the download carries
 * `Content-Encoding: gzip` (the Reports API's `enableContentEncodingUrlHeader=true`).
 */
export function presignedUrl(
  ctx: MockContext,
  file: ReportFile,
  gzipContentEncoding = false,
): { url: string; expiresAt: number } {
  const signature = ctx.state.random.chars(64, '0123456789abcdef');
  const lifetime = DOWNLOAD_URL_LIFETIME_MS[file.kind];
  const expiresAt = ctx.clock.now() + lifetime;
  file.signatures.set(signature, expiresAt);
  const stamp = new Date(ctx.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': stamp,
    'X-Amz-Expires': String(lifetime / 1000),
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': signature,
  });
  if (gzipContentEncoding) query.set('response-content-encoding', 'gzip');
  const extension = file.kind === 'ads' ? '.json.gz' : '';
  return {
    url: `${ctx.baseUrls.reports[file.region]}/${file.kind}/${file.id}${extension}?${query}`,
    expiresAt,
  };
}
