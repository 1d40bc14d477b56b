import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectionsError } from '../../errors/connections-error';
import type { ConnectionsHandler } from './connections-handler';
import { problemResponse } from './problem-response';
import { defaultMaxBodyBytes } from './request-body';

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * toNodeListener(handler, { maxBodyBytes: 16 * 1024 });
 * ```
 */
export interface NodeListenerOptions {
  /** Bodies larger than this are refused with 413 without being read (keep it equal to the handler's). @default 16384 */
  readonly maxBodyBytes?: number;
}

/** Reads the body up to `limit` bytes; `null` as soon as it passes the limit (reading stops there). */
function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        stop();
        incoming.pause();
        resolve(null);
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

async function send(outgoing: ServerResponse, response: Response, close = false): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => {
    outgoing.setHeader(name, value);
  });
  if (close) outgoing.setHeader('connection', 'close');
  const body = Buffer.from(await response.arrayBuffer());
  await new Promise<void>((resolve) => outgoing.end(body, resolve));
}

/**
 * Adapts a fetch-standard handler to Node's `http` (and Express/Connect, which pass the same objects).
 * Mount it on the same path as the handler's `basePath`. A body larger than `maxBodyBytes` is refused with 413
 * `payload_too_large`: at once when its `Content-Length` says so, else as soon as it passes the limit (the rest is
 * never read and the connection is closed).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(handler)).listen(3000);
 * // Express: app.use('/api/amazon', (req, res) => { req.url = req.originalUrl; toNodeListener(handler)(req, res); });
 * ```
 */
export function toNodeListener(
  handler: ConnectionsHandler,
  options: NodeListenerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const tooLarge = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    await send(outgoing, problemResponse(new ConnectionsError('payload_too_large')), true);
    incoming.socket.destroy();
  };
  return async (incoming, outgoing) => {
    try {
      const host = incoming.headers.host ?? 'localhost';
      const protocol = 'encrypted' in incoming.socket && incoming.socket.encrypted ? 'https' : 'http';
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
      }
      const method = incoming.method ?? 'GET';
      let body: Uint8Array<ArrayBuffer> | null = null;
      if (method !== 'GET' && method !== 'HEAD') {
        const declared = Number(incoming.headers['content-length'] ?? Number.NaN);
        if (Number.isFinite(declared) && declared > limit) return await tooLarge(incoming, outgoing);
        const read = await readBody(incoming, limit);
        if (read === null) return await tooLarge(incoming, outgoing);
        body = new Uint8Array(read);
      }
      const request = new Request(new URL(incoming.url ?? '/', `${protocol}://${host}`), {
        method,
        headers,
        body,
      });
      await send(outgoing, await handler(request));
    } catch {
      if (!outgoing.headersSent) outgoing.statusCode = 500;
      outgoing.end();
    }
  };
}
