import type * as z from 'zod/mini';
import { ConnectionsError } from '../../errors/connections-error';

/** The default limit of a request body: the contract's bodies are a few hundred bytes. */
export const defaultMaxBodyBytes = 16 * 1024;

/**
 * Reads at most `limit` bytes of a body: refused at once by its `Content-Length`, and reading stops (the stream is
 * cancelled) as soon as a chunked body passes the limit, so a large body costs neither time nor memory.
 *
 * @example
 * ```ts
 * const text = await readBoundedText(request, 16 * 1024); // throws payload_too_large past the limit
 * ```
 */
export async function readBoundedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new ConnectionsError('payload_too_large');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ConnectionsError('payload_too_large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a JSON body (media type `application/json` exactly, at most `limit` bytes) and checks it against `schema`;
 * every failure is `invalid_request` (or `payload_too_large`) with a detail that names the fields, never the body.
 *
 * @example
 * ```ts
 * const body = await readJsonBody(request, disconnectRequestSchema, 16 * 1024);
 * ```
 */
export async function readJsonBody<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
  limit: number,
): Promise<z.infer<S>> {
  // The media type itself, not a substring: `text/plain;x=application/json` is a CORS-simple type a
  // cross-site form or fetch can send without a preflight.
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ConnectionsError('invalid_request', { detail: 'The request body must be JSON.' });
  }
  const text = await readBoundedText(request, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ConnectionsError('invalid_request', { detail: 'The request body is not valid JSON.' });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
    throw new ConnectionsError('invalid_request', {
      detail: `The request is not valid: check ${fields.join(', ')}.`,
    });
  }
  return parsed.data;
}
