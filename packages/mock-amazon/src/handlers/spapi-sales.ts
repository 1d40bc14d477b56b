import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json, spError } from '../http/respond.js';
import { shopAsinDays } from '../reports/shop-days.js';
import { roundMoney } from '../world/shop-metrics.js';
import { spApiRoute } from './spapi-auth.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const granularities = ['Hour', 'Day', 'Week', 'Month', 'Year', 'Total'] as const;
type Granularity = (typeof granularities)[number];

/** Formats a Sales API money amount the way Amazon does: a decimal string ("22.95", "25"). */
export function moneyAmount(amount: number, currencyCode: string): string {
  return String(roundMoney(amount, currencyCode));
}

function parseEnd(text: string): { ms: number; offset: string; offsetMs: number } | null {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const ms = Date.parse(text);
  if (!match?.[1] || Number.isNaN(ms)) return null;
  const offset = match[1];
  if (offset === 'Z') return { ms, offset, offsetMs: 0 };
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return { ms, offset, offsetMs: sign * ((h ?? 0) * HOUR + (m ?? 0) * 60_000) };
}

/**
 * The next bucket boundary after `ms`, in local time: `offsetAt` gives the bucket zone's offset at an instant (the
 * `granularityTimeZone`'s, so daylight saving time moves the boundaries as Amazon's do; or the interval's fixed
 * offset).
 */
function nextBoundary(
  ms: number,
  offsetAt: (ms: number) => number,
  granularity: Granularity,
  firstDay: number,
): number {
  const offsetMs = offsetAt(ms);
  const local = new Date(ms + offsetMs);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth();
  const d = local.getUTCDate();
  let next: number;
  switch (granularity) {
    case 'Hour':
      return ms + HOUR - ((ms + offsetMs) % HOUR);
    case 'Day':
      next = Date.UTC(y, mo, d + 1);
      break;
    case 'Week': {
      const ahead = (firstDay - local.getUTCDay() + 7) % 7 || 7;
      next = Date.UTC(y, mo, d + ahead);
      break;
    }
    case 'Month':
      next = Date.UTC(y, mo + 1, 1);
      break;
    case 'Year':
      next = Date.UTC(y + 1, 0, 1);
      break;
    case 'Total':
      return Number.POSITIVE_INFINITY;
  }
  // The wall-clock boundary as an instant, with the offset in force then (it differs across a DST change).
  return next - offsetAt(next - offsetMs);
}

function offsetText(offsetMs: number, utc: boolean): string {
  if (utc) return 'Z';
  const abs = Math.abs(offsetMs);
  const hh = String(Math.floor(abs / HOUR)).padStart(2, '0');
  const mm = String(Math.floor((abs % HOUR) / 60_000)).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}

function formatLocal(ms: number, offsetMs: number, utc: boolean): string {
  return `${new Date(ms + offsetMs).toISOString().slice(0, 16)}${offsetText(offsetMs, utc)}`;
}

/** Midnight starting the local date `date` (`YYYY-MM-DD`) in `zone`, as an instant. */
function zoneMidnight(date: string, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  const guess = zoneOffsetAt(zone, wall) ?? 0;
  return wall - (zoneOffsetAt(zone, wall - guess) ?? guess);
}

/** The UTC offset (ms) of an IANA time zone at an instant, or `null` for a zone `Intl` does not know. */
function zoneOffsetAt(zone: string, ms: number): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return null;
  }
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match) return null;
  if (!match[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60_000);
}

/**
 * Checks `granularityTimeZone` as the Sales API model describes it (sales.json, getOrderMetrics): required for a
 * granularity above Hour; with a `Z` interval it must be `UTC`, with an offset it must be an IANA zone whose offset
 * at the interval's start is that offset. Returns the error message, or `null` when it is fine.
 */
function timeZoneProblem(
  zone: string | null,
  granularity: Granularity,
  start: { ms: number; offset: string; offsetMs: number },
): string | null {
  if (zone === null || zone === '') {
    return granularity === 'Hour'
      ? null
      : 'granularityTimeZone is required when granularity is greater than Hour.';
  }
  const offset = zoneOffsetAt(zone, start.ms);
  if (offset === null) return `Invalid granularityTimeZone: ${zone}.`;
  if (start.offset === 'Z' ? zone !== 'UTC' && zone !== 'Etc/UTC' : offset !== start.offsetMs) {
    return `granularityTimeZone ${zone} does not align with the offset of the interval (${start.offset}).`;
  }
  return null;
}

const enums = {
  buyerType: ['B2B', 'B2C', 'All'],
  fulfillmentNetwork: ['MFN', 'AFN'],
  firstDayOfWeek: ['Monday', 'Sunday'],
  amazonProgram: ['AmazonHaul'],
} as const;

/** `GET /sales/v1/orderMetrics` on one region's SP-API host. */
export function spApiSalesHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    spApiRoute(
      ctx,
      region,
      { method: 'GET', path: '/sales/v1/orderMetrics', endpoint: 'spapi.orderMetrics' },
      (caller, { request }) => {
        const query = new URL(request.url).searchParams;
        const ids = query
          .getAll('marketplaceIds')
          .flatMap((v) => v.split(','))
          .filter(Boolean);
        if (ids.length !== 1) {
          return spError(400, 'InvalidInput', 'marketplaceIds must name exactly one marketplace.');
        }
        const marketplace = caller.partner.marketplaces.find((m) => m.id === ids[0]);
        if (!marketplace) return spError(400, 'InvalidInput', `Invalid marketplaceId: ${ids[0]}`);
        const granularity = query.get('granularity') as Granularity | null;
        if (!granularity || !granularities.includes(granularity)) {
          return spError(
            400,
            'InvalidInput',
            'granularity must be one of Hour, Day, Week, Month, Year, Total.',
          );
        }
        const [startText, endText] = (query.get('interval') ?? '').split('--');
        const start = startText ? parseEnd(startText) : null;
        const end = endText ? parseEnd(endText) : null;
        if (!start || !end || end.ms <= start.ms) {
          return spError(
            400,
            'InvalidInput',
            'interval must be two ISO 8601 date-times with a zone, start--end, start before end.',
          );
        }
        const zoneProblem = timeZoneProblem(query.get('granularityTimeZone'), granularity, start);
        if (zoneProblem) return spError(400, 'InvalidInput', zoneProblem);
        // The model's limits on how far back an interval may reach: 30 days for Hour, two years otherwise.
        const reach = granularity === 'Hour' ? 30 * DAY : 2 * 366 * DAY;
        if (start.ms < ctx.clock.now() - reach) {
          return spError(
            400,
            'InvalidInput',
            granularity === 'Hour'
              ? 'With granularity Hour the interval must lie within the last 30 days.'
              : 'The interval must lie within the last two years.',
          );
        }
        for (const [name, allowed] of Object.entries(enums)) {
          const value = query.get(name);
          if (value !== null && !(allowed as readonly string[]).includes(value)) {
            return spError(400, 'InvalidInput', `${name} must be one of ${allowed.join(', ')}.`);
          }
        }
        const asin = query.get('asin');
        const sku = query.get('sku');
        if (asin && sku) return spError(400, 'InvalidInput', 'Specify asin or sku, not both.');
        const firstDay = query.get('firstDayOfWeek') === 'Sunday' ? 0 : 1;
        // The mock's shops sell to consumers only, through Amazon's network, outside Amazon Haul: the B2B, MFN and
        // AmazonHaul filters select nothing.
        const selectsNothing =
          query.get('buyerType') === 'B2B' ||
          query.get('fulfillmentNetwork') === 'MFN' ||
          query.get('amazonProgram') !== null;
        const now = ctx.clock.now();
        const visibleFrom = caller.grant.createdAt + ctx.state.scenarios.salesDataLatencyMs;
        const currency = marketplace.currencyCode;
        const payload = [];
        // Buckets follow granularityTimeZone (daylight saving time included), else the interval's offset.
        const bucketZone = query.get('granularityTimeZone');
        const utc = start.offset === 'Z';
        const offsetAt = (ms: number) =>
          utc || !bucketZone ? start.offsetMs : (zoneOffsetAt(bucketZone, ms) ?? start.offsetMs);
        // The shop's figures are per day of the marketplace's own time zone, as Seller Central counts them: a
        // bucket gets the share of each of those days that lies in it (and is past).
        const dayZone = marketplace.timezone;
        for (let from = start.ms; from < end.ms; ) {
          const to = Math.min(end.ms, nextBoundary(from, offsetAt, granularity, firstDay));
          const totals = { units: 0, items: 0, orders: 0, sales: 0 };
          const until = Math.min(to, now);
          if (now >= visibleFrom && !selectsNothing) {
            let date = new Date(from - DAY).toISOString().slice(0, 10);
            for (let day = zoneMidnight(date, dayZone); day < until; ) {
              const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
              const dayEnd = zoneMidnight(next, dayZone);
              const share = (Math.min(dayEnd, until) - Math.max(day, from)) / (dayEnd - day);
              if (share > 0) {
                for (const figures of shopAsinDays(ctx.world.seed, caller.partner.shop, marketplace, date, {
                  asin,
                  sku,
                })) {
                  totals.units += figures.unitsOrdered * share;
                  totals.items += figures.totalOrderItems * share;
                  totals.orders += figures.orders * share;
                  totals.sales += figures.sales * share;
                }
              }
              date = next;
              day = dayEnd;
            }
          }
          const unitCount = Math.round(totals.units);
          const totalSales = unitCount === 0 ? 0 : totals.sales;
          payload.push({
            interval: `${formatLocal(from, offsetAt(from), utc)}--${formatLocal(to, offsetAt(to), utc)}`,
            unitCount,
            orderItemCount: Math.min(unitCount, Math.round(totals.items)),
            orderCount: Math.min(unitCount, Math.round(totals.orders)),
            averageUnitPrice: {
              amount: moneyAmount(unitCount ? totalSales / unitCount : 0, currency),
              currencyCode: currency,
            },
            totalSales: { amount: moneyAmount(totalSales, currency), currencyCode: currency },
          });
          from = to;
        }
        return json(200, { payload });
      },
    ),
  ];
}
