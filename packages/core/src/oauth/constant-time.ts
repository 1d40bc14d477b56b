/**
 * Compares two strings in time that depends only on their lengths, not on where they first differ, so an
 * attacker cannot learn a `state` value character by character from timing.
 *
 * @example
 * ```ts
 * constantTimeEqual(saved.state, fromUrl.state); // true only for identical strings
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let index = 0; index < length; index++) {
    // charCodeAt past the end is NaN, and NaN | 0 is 0: the loop runs the same number of steps either way.
    difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0);
  }
  return difference === 0;
}
