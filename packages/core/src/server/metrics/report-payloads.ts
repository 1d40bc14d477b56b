import * as z from 'zod/mini';
import { ConnectionsError } from '../../errors/connections-error';
import type { JsonValue } from '../storage/connection-store';

/** Ad spend and ad-attributed sales of a range (spCampaigns: `cost`, `sales14d`). */
export interface CampaignTotals {
  readonly rows: number;
  readonly adSpend: number;
  readonly adSales: number;
}
/** Ad spend per advertised ASIN (spAdvertisedProduct). */
export interface AdvertisedProductTotals {
  readonly rows: number;
  readonly adSpendByAsin: Record<string, number>;
}
/** Total sales and orders (Sales API orderMetrics). */
export interface OrderTotalsPayload {
  readonly rows: number;
  readonly totalSales: number;
  readonly totalOrders: number;
  readonly currency: string | null;
}
/** Sessions, Buy Box %, Listing CVR and sales per ASIN (GET_SALES_AND_TRAFFIC_REPORT). */
export interface TrafficTotals {
  readonly rows: number;
  readonly sessions: number;
  readonly pageViews: number;
  readonly buyBoxPercentage: number | null;
  readonly listingConversionRate: number | null;
  /** Units ordered (absent from reports cached by earlier versions). */
  readonly units?: number;
  /** Σ daily Buy Box % × the day's page views (or sessions): sums across marketplaces (absent before). */
  readonly buyBoxWeighted?: number;
  readonly salesByAsin: Record<string, number>;
}

const num = z.optional(z.nullable(z.union([z.number(), z.string()])));
const toNumber = (value: number | string | null | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

const adsRowsSchema = z.array(z.object({ cost: num, sales14d: num, advertisedAsin: z.optional(z.string()) }));
const money = z.optional(z.nullable(z.object({ amount: num })));
const trafficDocumentSchema = z.object({
  salesAndTrafficByDate: z.optional(
    z.array(
      z.object({
        salesByDate: z.optional(z.object({ orderedProductSales: money, unitsOrdered: num })),
        trafficByDate: z.optional(z.object({ sessions: num, pageViews: num, buyBoxPercentage: num })),
      }),
    ),
  ),
  salesAndTrafficByAsin: z.optional(
    z.array(
      z.object({
        childAsin: z.optional(z.string()),
        parentAsin: z.optional(z.string()),
        salesByAsin: z.optional(z.object({ orderedProductSales: money })),
      }),
    ),
  ),
});

function parse<S extends z.ZodMiniType>(schema: S, document: unknown): z.infer<S> {
  const parsed = schema.safeParse(document);
  if (!parsed.success) {
    throw new ConnectionsError('amazon_unavailable', {
      detail: 'Amazon sent a report in an unexpected shape.',
    });
  }
  return parsed.data;
}

/** Sums an spCampaigns report. */
export function campaignTotalsFrom(document: unknown): CampaignTotals {
  const rows = parse(adsRowsSchema, document);
  return {
    rows: rows.length,
    adSpend: rows.reduce((sum, row) => sum + toNumber(row.cost), 0),
    adSales: rows.reduce((sum, row) => sum + toNumber(row.sales14d), 0),
  };
}

/** Sums an spAdvertisedProduct report per ASIN. */
export function advertisedProductTotalsFrom(document: unknown): AdvertisedProductTotals {
  const rows = parse(adsRowsSchema, document);
  const adSpendByAsin: Record<string, number> = {};
  for (const row of rows) {
    if (!row.advertisedAsin) continue;
    adSpendByAsin[row.advertisedAsin] = (adSpendByAsin[row.advertisedAsin] ?? 0) + toNumber(row.cost);
  }
  return { rows: rows.length, adSpendByAsin };
}

/** Sums a GET_SALES_AND_TRAFFIC_REPORT document. */
export function trafficTotalsFrom(document: unknown): TrafficTotals {
  const doc = parse(trafficDocumentSchema, document);
  const days = doc.salesAndTrafficByDate ?? [];
  let sessions = 0;
  let pageViews = 0;
  let units = 0;
  let buyBoxWeighted = 0;
  for (const day of days) {
    const daySessions = toNumber(day.trafficByDate?.sessions);
    const dayViews = toNumber(day.trafficByDate?.pageViews);
    sessions += daySessions;
    pageViews += dayViews;
    units += toNumber(day.salesByDate?.unitsOrdered);
    buyBoxWeighted += toNumber(day.trafficByDate?.buyBoxPercentage) * (dayViews > 0 ? dayViews : daySessions);
  }
  const weight = pageViews > 0 ? pageViews : sessions;
  const salesByAsin: Record<string, number> = {};
  for (const entry of doc.salesAndTrafficByAsin ?? []) {
    const asin = entry.childAsin ?? entry.parentAsin;
    if (!asin) continue;
    salesByAsin[asin] = (salesByAsin[asin] ?? 0) + toNumber(entry.salesByAsin?.orderedProductSales?.amount);
  }
  return {
    rows: days.length,
    sessions,
    pageViews,
    buyBoxPercentage: weight > 0 ? round(buyBoxWeighted / weight) : null,
    listingConversionRate: sessions > 0 ? round((units / sessions) * 100) : null,
    units,
    buyBoxWeighted,
    salesByAsin,
  };
}

/** Rounds to 4 decimals (money and percentages). */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Whether a stored payload holds no rows (Amazon's data has not arrived yet). */
export function isEmptyPayload(payload: JsonValue): boolean {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) && payload.rows === 0;
}

/** Stores a payload object as JSON. */
export function asJson(payload: object): JsonValue {
  return JSON.parse(JSON.stringify(payload));
}
