import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie that ties a browser to its demo subscription. */
export const subscriptionCookieName = 'demo_subscription';

const idShape = /^[A-Za-z0-9-]{8,64}$/;

/** Reads the demo subscription id from a `Cookie` header, or `null` when there is none (or it is malformed). */
export function subscriptionFromCookieHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== subscriptionCookieName) continue;
    const value = rest.join('=');
    return idShape.test(value) ? value : null;
  }
  return null;
}

/** Whether the page was served over https: on a TLS socket, or behind a proxy that says so. */
function servedOverHttps(request: IncomingMessage): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

/**
 * The subscription of a page request: the cookie's, or a new one with the `Set-Cookie` header that keeps it
 * (HttpOnly, SameSite=Lax, and Secure whenever the page came over https). The demo stands in for a real login:
 * every browser gets its own subscription, so test runs never share state.
 */
export function pageSubscription(request: IncomingMessage): { id: string; setCookie: string | null } {
  const existing = subscriptionFromCookieHeader(request.headers.cookie);
  if (existing) return { id: existing, setCookie: null };
  const id = `demo-${randomUUID()}`;
  const secure = servedOverHttps(request) ? '; Secure' : '';
  return { id, setCookie: `${subscriptionCookieName}=${id}; Path=/; HttpOnly; SameSite=Lax${secure}` };
}
