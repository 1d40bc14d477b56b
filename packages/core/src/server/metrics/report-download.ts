import { ConnectionsError } from '../../errors/connections-error';
import { type AmazonFetch, sendToAmazon } from '../amazon/amazon-fetch';

/**
 * Downloads a finished report document from the URL Amazon gave (a pre-signed S3 URL: no token is sent)
 * and parses it, gzipped or not.
 */
export async function downloadReport(fetch: AmazonFetch, url: string, now: number): Promise<unknown> {
  const response = await sendToAmazon(fetch, new Request(url), now).catch((error: unknown) => {
    // A 403 from S3 means an expired link, not a revoked authorization.
    if (error instanceof ConnectionsError) throw error;
    throw new ConnectionsError('amazon_unavailable', { detail: 'The report file could not be downloaded.' });
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new ConnectionsError('amazon_unavailable', { detail: 'The report file could not be downloaded.' });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    // Web-standard gunzip: works in Node, Deno, Bun and edge runtimes alike.
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const plain = gzipped
      ? await new Response(
          new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
        ).arrayBuffer()
      : bytes;
    return JSON.parse(new TextDecoder().decode(plain));
  } catch (cause) {
    throw new ConnectionsError('amazon_unavailable', {
      detail: 'Amazon sent a malformed report file.',
      cause,
    });
  }
}
