/**
 * The package's version.
 *
 * @example
 * ```ts
 * import { version } from '@smart-ads/mock-amazon';
 * ```
 */
export const version = '0.1.0';
