/**
 * Marks the server entry point; the handler arrives with the server-half issue.
 *
 * @example
 * ```ts
 * import { serverEntry } from '@smart-ads/core/server';
 * ```
 */
export const serverEntry = 'server';
