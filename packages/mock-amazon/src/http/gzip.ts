/** Gzips bytes with the platform's CompressionStream (browsers and Node alike). */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Gunzips bytes with the platform's DecompressionStream (report files are gzipped JSON).
 *
 * @example
 * ```ts
 * const rows = JSON.parse(await gunzip(await (await fetch(report.url)).arrayBuffer()));
 * ```
 */
export async function gunzip(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
