/**
 * Small zod/mini building blocks shared by the contract and the browser's own stored or posted data. Each is one
 * `z.refine` over a plain test: zod's `minLength`/`maxLength`/`length` and `int` checks would each ship another
 * check class to the browser (together about 1 kB min+gzip) for the same verdict.
 */
import * as z from 'zod/mini';

// Declared, then exported: the build keeps `@__NO_SIDE_EFFECTS__` on a plain function declaration only.
export { everyKey, integerFrom, text };

/**
 * A string of `min` to `max` characters (UTF-16 code units, as `String#length` and zod's length checks count).
 *
 * @example
 * ```ts
 * const countryCode = text(2, 2);
 * const state = text(16, 256);
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
function text(min: number, max: number) {
  return z
    .string()
    .check(
      z.refine(
        (value) => value.length >= min && value.length <= max,
        min === max ? `must have ${min} characters` : `must have ${min} to ${max} characters`,
      ),
    );
}

/**
 * A whole number (a safe integer, as `z.int()`) at least `min`.
 *
 * @example
 * ```ts
 * const attempt = integerFrom(1);
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
function integerFrom(min: number) {
  return z
    .number()
    .check(
      z.refine((value) => Number.isSafeInteger(value) && value >= min, `must be an integer from ${min}`),
    );
}

/**
 * An object with exactly the values of `keys` as keys, each a `value`: what `z.record(keys, value)` checks for an
 * enum's keys (every key present, no other key), without zod's record schema.
 *
 * @example
 * ```ts
 * const metrics = everyKey(metricIdSchema, metricValueSchema);
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
function everyKey<K extends string, V extends z.ZodMiniType>(keys: z.ZodMiniEnum<{ [P in K]: P }>, value: V) {
  return z.strictObject(Object.fromEntries(keys.options.map((key) => [key, value])) as Record<K, V>);
}
