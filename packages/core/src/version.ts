/**
 * The package's version, useful in bug reports.
 *
 * @example
 * ```ts
 * import { version } from '@smart-ads/core';
 * console.log(version); // "0.1.0"
 * ```
 */
export const version = '0.1.0';
