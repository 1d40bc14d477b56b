import { ConnectionsError } from '../../errors/connections-error';

/**
 * Refuses a state-changing request sent by a page of another origin (defence in depth beside the JSON media type
 * and the host's SameSite cookie). The handler checks its own routes with it; a host's own state-changing routes
 * (an Apply button's) can call it the same way. A browser always sends `Origin` on a `POST`; when it is missing, a
 * `Sec-Fetch-Site: cross-site` still gives a cross-site request away. Requests with neither header are not
 * browser requests (a server, a script) and pass.
 *
 * @example
 * ```ts
 * import { checkRequestOrigin } from '@smart-ads/core/server';
 * checkRequestOrigin(request, ['https://app.example']); // throws origin_not_allowed for https://evil.example
 * checkRequestOrigin(request, undefined); // the page's host must be the request's (or X-Forwarded-Host)
 * ```
 */
export function checkRequestOrigin(request: Request, allowedOrigins: readonly string[] | undefined): void {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (!originAllowed(request, origin, allowedOrigins)) throw new ConnectionsError('origin_not_allowed');
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site') throw new ConnectionsError('origin_not_allowed');
}

function originAllowed(request: Request, origin: string, allowed: readonly string[] | undefined): boolean {
  if (origin === 'null') return false; // sandboxed frames, file: pages, some redirects
  if (allowed) return allowed.includes(origin);
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // Without a list: the page's host must be the one this request was sent to (a proxy may put it in X-Forwarded-Host).
  const own = new URL(request.url).host;
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return host === own || (forwarded !== undefined && host === forwarded);
}
