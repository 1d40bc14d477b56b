import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionsHandler } from './connections-handler';

/**
 * Adapts a fetch-standard handler to Node's `http` (and Express/Connect, which pass the same objects).
 * Mount it on the same path as the handler's `basePath`.
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
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
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
      let body: ArrayBuffer | null = null;
      if (method !== 'GET' && method !== 'HEAD') {
        const chunks: Uint8Array[] = [];
        for await (const chunk of incoming)
          chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        const joined = Buffer.concat(chunks);
        body = new Uint8Array(joined).buffer;
      }
      const request = new Request(new URL(incoming.url ?? '/', `${protocol}://${host}`), {
        method,
        headers,
        body,
      });
      const response = await handler(request);
      outgoing.statusCode = response.status;
      response.headers.forEach((value, name) => {
        outgoing.setHeader(name, value);
      });
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!outgoing.headersSent) outgoing.statusCode = 500;
      outgoing.end();
    }
  };
}
