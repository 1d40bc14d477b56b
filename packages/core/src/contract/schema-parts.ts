/**
 * Small zod/mini building blocks shared by the contract and the browser's own stored or posted data. Each is one
 * `z.refine` over a plain test: zod's `minLength`/`maxLength`/`length` and `int` checks would each ship another
 * check class to the browser (together about 1 kB min+gzip) for the same verdict.
 */
import * as z from 'zod/mini';

/**
 * A string of `min` to `max` characters (UTF-16 code units, as `String#length` and zod's length checks count).
 *
 * @example
 * ```ts
 * const countryCode = text(2, 2);
 * const state = text(16, 256);
 * ```
 */
export const text = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number) =>
  z
    .string()
    .check(
      z.refine(
        (value) => value.length >= min && value.length <= max,
        min === max ? `must have ${min} characters` : `must have ${min} to ${max} characters`,
      ),
    );

/**
 * A whole number (a safe integer, as `z.int()`) at least `min`.
 *
 * @example
 * ```ts
 * const attempt = integerFrom(1);
 * ```
 */
export const integerFrom = /* @__NO_SIDE_EFFECTS__ */ (min: number) =>
  z
    .number()
    .check(
      z.refine((value) => Number.isSafeInteger(value) && value >= min, `must be an integer from ${min}`),
    );
