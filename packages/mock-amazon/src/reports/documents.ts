import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { gzip } from '../http/gzip.js';

/** A report file as stored on the mock's "S3": gzipped JSON, with pre-signed URLs that expire. */
export interface ReportFile {
  id: string;
  region: AmazonRegion;
  kind: 'ads' | 'spapi';
  bytes: Uint8Array;
  signatures: Map<string, number>;
}

function store(ctx: MockContext): Map<string, ReportFile> {
  return ctx.state.files;
}

/** How long a pre-signed download URL stays valid. */
export const DOWNLOAD_URL_LIFETIME_MS = 60 * 60_000;

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

/** A fresh pre-signed URL of a report file, valid for an hour of the mock clock. */
export function presignedUrl(ctx: MockContext, file: ReportFile): { url: string; expiresAt: number } {
  const signature = ctx.state.random.chars(64, '0123456789abcdef');
  const expiresAt = ctx.clock.now() + DOWNLOAD_URL_LIFETIME_MS;
  file.signatures.set(signature, expiresAt);
  const stamp = new Date(ctx.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': stamp,
    'X-Amz-Expires': '3600',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': signature,
  });
  const extension = file.kind === 'ads' ? '.json.gz' : '';
  return {
    url: `${ctx.baseUrls.reports[file.region]}/${file.kind}/${file.id}${extension}?${query}`,
    expiresAt,
  };
}
