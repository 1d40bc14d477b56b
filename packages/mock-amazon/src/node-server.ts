import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AmazonBaseUrls, mockAmazonBaseUrls } from './base-urls.js';
import { handleControlRequest } from './control.js';
import { type CreateMockAmazonOptions, createMockAmazon, type MockAmazon } from './create-mock-amazon.js';
import { escapeHtml, layout } from './http/pages.js';

/**
 * Options of `startMockAmazonServer`: where to listen, plus every `createMockAmazon` option.
 *
 * @example
 * ```ts
 * await startMockAmazonServer({ port: 4010, host: '127.0.0.1', seed: 1, clock: 'running' });
 * ```
 */
export interface StartMockAmazonServerOptions extends CreateMockAmazonOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/**
 * A running standalone mock Amazon.
 *
 * @example
 * ```ts
 * const server: MockAmazonServer = await startMockAmazonServer();
 * await fetch(`${server.url}/__mock/reset`, { method: 'POST' });
 * ```
 */
export interface MockAmazonServer {
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Where each service lives on this server (`mockAmazonBaseUrls(url)` unless given). */
  baseUrls: Required<AmazonBaseUrls>;
  /** The mock behind the server: scenarios, clock, log, reset. */
  amazon: MockAmazon;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const exposed = 'location, retry-after, x-amzn-requestid, x-amzn-ratelimit-limit, content-length';

function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return {
    'access-control-allow-origin': origin ?? '*',
    ...(origin ? { 'access-control-allow-credentials': 'true', vary: 'Origin' } : {}),
    'access-control-expose-headers': exposed,
  };
}

async function toFetchRequest(request: IncomingMessage, origin: string): Promise<Request> {
  // The canonical origin, not the Host header: `localhost` and `127.0.0.1` reach the same handlers.
  const url = new URL(request.url ?? '/', origin);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = request.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

async function writeResponse(response: Response, res: ServerResponse, extra: Record<string, string>) {
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body && !('content-length' in headers)) headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}

function indexPage(amazon: MockAmazon, url: string): Response {
  const users = Object.entries(amazon.users)
    .map(
      ([key, u]) =>
        `<li><b>${escapeHtml(key)}</b>: ${escapeHtml(u.email)} / ${escapeHtml(u.password)}<br><small>${escapeHtml(u.description)}</small></li>`,
    )
    .join('');
  const page = layout(
    'mock-amazon',
    `<h1>mock-amazon</h1><p><small>${escapeHtml(url)}</small></p><h3>Users</h3><ul>${users}</ul>
<h3>Base URLs</h3><pre style="font-size:11px;overflow:auto">${escapeHtml(JSON.stringify(amazon.baseUrls, null, 2))}</pre>
<p><small>Control endpoint: <code>/__mock</code></small></p>`,
  );
  return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * Starts the standalone mock Amazon over real HTTP (for full-page OAuth redirects in a real browser). It answers
 * with the very same MSW handlers (through msw's `getResponse`), plus the control endpoint under `/__mock`.
 *
 * @example
 * ```ts
 * import { startMockAmazonServer } from '@smart-ads/mock-amazon/node';
 * const server = await startMockAmazonServer({ port: 4010 });
 * // configure the app with server.baseUrls and server.amazon.app
 * await server.close();
 * ```
 */
export async function startMockAmazonServer(
  options: StartMockAmazonServerOptions = {},
): Promise<MockAmazonServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  let amazon: MockAmazon | undefined;
  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      const cors = corsHeaders(req);
      if (!amazon) {
        res.writeHead(503).end();
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const request = await toFetchRequest(req, origin);
      const path = new URL(request.url).pathname;
      let response = await handleControlRequest(amazon, request);
      if (!response && path === '/' && request.method === 'GET') response = indexPage(amazon, origin);
      if (!response) {
        try {
          response = await amazon.fetch(request);
        } catch {
          response = Response.json(
            { message: `mock-amazon has no route for ${request.method} ${path}` },
            { status: 404 },
          );
        }
      }
      await writeResponse(response, res, cors);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${address.port}`;
  amazon = createMockAmazon({ ...mockOptions, baseUrls: mockOptions.baseUrls ?? mockAmazonBaseUrls(origin) });
  const running = amazon;
  return {
    url: origin,
    baseUrls: running.baseUrls,
    amazon: running,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
