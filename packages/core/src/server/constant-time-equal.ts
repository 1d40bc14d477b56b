const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on their lengths' maximum, never on where they first
 * differ. Used for OAuth `state` verifiers, so a timing attacker learns nothing about the expected value.
 *
 * @example
 * ```ts
 * constantTimeEqual(received, expected); // true only for identical strings
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}
