/**
 * The backend contract's routes, relative to wherever the host mounts the handler (for example
 * `/api/amazon`). The transport and the server half both read them from here.
 *
 * @example
 * ```ts
 * import { contractRoutes } from '@smart-ads/core';
 * contractRoutes.disconnect; // { method: 'POST', path: '/disconnect' }
 * ```
 */
export const contractRoutes = {
  status: { method: 'GET', path: '/status' },
  authorize: { method: 'POST', path: '/authorize' },
  callback: { method: 'POST', path: '/callback' },
  selectAccount: { method: 'POST', path: '/advertising/account' },
  disconnect: { method: 'POST', path: '/disconnect' },
  metrics: { method: 'GET', path: '/metrics' },
  history: { method: 'GET', path: '/history' },
} as const;

/** The media type of error bodies (RFC 9457). */
export const problemContentType = 'application/problem+json';
