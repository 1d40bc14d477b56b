import type { MockAmazon } from './create-mock-amazon.js';
import { MockAmazonError } from './errors/mock-amazon-error.js';
import { json } from './http/respond.js';
import { runScenario, scenarioNames } from './scenarios.js';

/** The path prefix of the control endpoint. */
export const CONTROL_PREFIX = '/__mock';

async function body(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MockAmazonError('INVALID_OPTION', 'The body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Answers the standalone server's control endpoint (`/__mock/...`) for `amazon`, or returns `null` for any other
 * path. Routes: `GET /__mock` (app, users, base URLs), `POST /__mock/reset`, `GET|POST /__mock/clock`
 * (`{advance}` or `{set}` in ms), `POST /__mock/scenario` (`{name, args}`), `GET /__mock/calls[?endpoint=]`,
 * `GET /__mock/log`.
 *
 * @example
 * ```ts
 * await fetch(`${url}/__mock/scenario`, { method: 'POST', body: JSON.stringify({ name: 'throttle', args: ['spapi', { times: 2 }] }) });
 * ```
 */
export async function handleControlRequest(amazon: MockAmazon, request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (url.pathname !== CONTROL_PREFIX && !url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return null;
  const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
  const method = request.method.toUpperCase();
  try {
    if (method === 'GET' && path === '/') {
      return json(200, {
        app: amazon.app,
        baseUrls: amazon.baseUrls,
        users: Object.entries(amazon.users).map(([key, user]) => ({
          key,
          email: user.email,
          password: user.password,
          name: user.name,
          description: user.description,
        })),
        now: amazon.clock.now(),
        scenarios: scenarioNames,
      });
    }
    if (method === 'POST' && path === '/reset') {
      amazon.reset();
      return json(200, { ok: true, now: amazon.clock.now() });
    }
    if (path === '/clock' && (method === 'GET' || method === 'POST')) {
      if (method === 'POST') {
        const { advance, set } = await body(request);
        if (typeof set === 'number') amazon.clock.set(set);
        if (typeof advance === 'number') amazon.clock.advance(advance);
      }
      return json(200, { now: amazon.clock.now() });
    }
    if (method === 'POST' && path === '/scenario') {
      const { name, args } = await body(request);
      if (typeof name !== 'string') throw new MockAmazonError('UNKNOWN_SCENARIO', 'name is required');
      const list = args === undefined ? [] : Array.isArray(args) ? args : [args];
      const result = runScenario(amazon.scenarios, name, list);
      return json(200, { ok: true, result: result ?? null });
    }
    if (method === 'GET' && path === '/calls') {
      const endpoint = url.searchParams.get('endpoint');
      if (endpoint) return json(200, { endpoint, count: amazon.calls(endpoint) });
      return json(200, { counts: amazon.callCounts() });
    }
    if (method === 'GET' && path === '/log') return json(200, { log: amazon.log });
    return json(404, { error: 'NOT_FOUND', message: `No control route ${method} ${url.pathname}` });
  } catch (error) {
    const code = error instanceof MockAmazonError ? error.code : 'INVALID_OPTION';
    const message = error instanceof Error ? error.message : String(error);
    return json(400, { error: code, message });
  }
}
