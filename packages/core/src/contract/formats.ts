/**
 * The string and number formats of the contract, as plain predicates. The schemas check them with one
 * `z.refine` each instead of zod's `z.iso.*`, `z.url` and `z.int` checks, which would ship zod's whole
 * string-format and number-format machinery to the browser (about 2.5 kB min+gzip) for five formats.
 */

const dateShape = /^(\d{4})-(\d\d)-(\d\d)$/;
const dateTimeShape =
  /^(\d{4}-\d\d-\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * True for a calendar date `YYYY-MM-DD` that exists (`2028-02-29` yes, `2026-02-29` no).
 *
 * @example
 * ```ts
 * isIsoDate('2026-11-30'); // true
 * isIsoDate('2026-11-31'); // false
 * ```
 */
export function isIsoDate(value: string): boolean {
  const parts = dateShape.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // years 0000–0099 would otherwise be read as 1900–1999
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * True for an RFC 3339 date-time with seconds (fractions allowed) and `Z`, or also a `±HH:MM` offset when
 * `offset` is true: `2026-11-30T10:00:00.000Z`, `2026-11-30T10:00:00+01:00`.
 *
 * @example
 * ```ts
 * isIsoDateTime('2026-11-30T10:00:00Z');              // true
 * isIsoDateTime('2026-11-30T10:00:00+01:00');         // false
 * isIsoDateTime('2026-11-30T10:00:00+01:00', true);   // true
 * ```
 */
export function isIsoDateTime(value: string, offset = false): boolean {
  const parts = dateTimeShape.exec(value);
  return !!parts && isIsoDate(parts[1] as string) && (offset || parts[2] === 'Z');
}

/**
 * True for an absolute `http:` or `https:` URL.
 *
 * @example
 * ```ts
 * isHttpUrl('https://www.amazon.com/ap/oa?client_id=x'); // true
 * isHttpUrl('javascript:alert(1)');                       // false
 * ```
 */
export function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value.trim()).protocol);
  } catch {
    return false;
  }
}
