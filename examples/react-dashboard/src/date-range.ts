import type { MetricsRange } from '@smart-ads/react';

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The last `days` full days, ending yesterday (UTC): the dashboard's reporting period.
 *
 * @example
 * ```ts
 * lastDays(7, Date.parse('2026-11-20T10:00:00Z')); // { from: '2026-11-13', to: '2026-11-19' }
 * ```
 */
export function lastDays(days: number, now: number = Date.now()): MetricsRange {
  const yesterday = Math.floor(now / day) * day - day;
  return { from: isoDay(yesterday - (days - 1) * day), to: isoDay(yesterday) };
}
