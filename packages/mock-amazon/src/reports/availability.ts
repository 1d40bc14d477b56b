import type { MockContext } from '../context.js';
import type { Grant, ReportBehaviour } from '../state/types.js';
import { datesBetween, isoDate } from '../world/shop-metrics.js';

/**
 * The dates of [start, end] that have data at the mock's current time: none while the connection is younger than
 * the data-latency scenario, none for an empty-reports scenario, and nothing after `lastDay` (today for Ads,
 * yesterday for Seller Central's sales-and-traffic days).
 */
export function datesWithData(
  ctx: MockContext,
  grant: Grant,
  behaviour: ReportBehaviour,
  start: string,
  end: string,
  lag: 'today' | 'yesterday',
): string[] {
  if (behaviour.empty) return [];
  const now = ctx.clock.now();
  if (now < grant.createdAt + behaviour.dataLatencyMs) return [];
  const lastDay = isoDate(lag === 'today' ? now : now - 86_400_000);
  return datesBetween(start, end < lastDay ? end : lastDay);
}

/** Whether a string is a calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  );
}

/** The status a report shows at its `poll`-th status read (1-based), given how it is set to behave. */
export function reportProgress(
  ctx: MockContext,
  behaviour: ReportBehaviour,
  createdAt: number,
  poll: number,
) {
  const done = poll >= behaviour.polls && ctx.clock.now() >= createdAt + behaviour.processingMs;
  return { done, started: poll > 1 || behaviour.polls <= 1 };
}
