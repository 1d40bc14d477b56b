/**
 * Structural equality for view-model data: plain objects and arrays are compared key by key, everything else
 * with `Object.is`, and two functions count as equal (the view model's commands are re-created with every
 * snapshot; the hooks call the current ones, so they never matter for re-rendering). Pass it as the `isEqual`
 * of {@link useConnectionsSelector} when the selector builds or picks an object.
 *
 * @example
 * ```ts
 * import { sameData } from '@smart-ads/react';
 * sameData({ state: 'unavailable', connections: ['sellerCentral'] }, { state: 'unavailable', connections: ['sellerCentral'] }); // true
 * sameData({ state: 'available' }, { state: 'populating', waitingFor: ['advertising'] }); // false
 * ```
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' && typeof b === 'function') return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameData(left[key], right[key]));
}
