import * as z from 'zod/mini';
import type { AmazonRegion } from '../../contract/types';
import type { SellerMarketplaceRecord } from '../storage/connection-store';
import { type AmazonBaseUrls, amazonUrl } from './amazon-base-urls';
import { type AmazonFetch, expectOk, readAmazonJson, sendToAmazon } from './amazon-fetch';

const participationsSchema = z.object({
  payload: z.array(
    z.object({
      marketplace: z.object({
        id: z.string(),
        name: z.string(),
        countryCode: z.string(),
        defaultCurrencyCode: z.optional(z.string()),
      }),
      storeName: z.optional(z.string()),
      participation: z.object({ isParticipating: z.boolean() }),
    }),
  ),
});
const moneySchema = z.object({ amount: z.union([z.number(), z.string()]), currencyCode: z.string() });
const orderMetricsSchema = z.object({
  payload: z.array(z.object({ interval: z.string(), orderCount: z.number(), totalSales: moneySchema })),
});
const createdSchema = z.object({ reportId: z.string() });
const reportSchema = z.object({
  reportId: z.string(),
  processingStatus: z.string(),
  reportDocumentId: z.optional(z.nullable(z.string())),
});
const documentSchema = z.object({ reportDocumentId: z.string(), url: z.string() });

/** Where an SP-API report stands. */
export type SpReportStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'done'; readonly documentId: string }
  /** CANCELLED: Amazon had no data for the range (yet). */
  | { readonly state: 'empty' }
  | { readonly state: 'failed' };

/** Order metrics of an interval. */
export interface OrderTotals {
  readonly totalSales: number;
  readonly totalOrders: number;
  readonly currency: string | null;
}

/** What the server half asks of the Selling Partner API. */
export interface SpApiClient {
  /** `GET /sellers/v1/marketplaceParticipations`, participating marketplaces only. */
  marketplaces(accessToken: string, region: AmazonRegion): Promise<SellerMarketplaceRecord[]>;
  /** `GET /sales/v1/orderMetrics` summed over the interval. */
  orderTotals(input: {
    accessToken: string;
    region: AmazonRegion;
    marketplaceId: string;
    interval: string;
    /**
     * The IANA zone of the interval's day boundaries (`granularityTimeZone`), matching the interval's offsets.
     * @default the zone of the interval's first offset (`UTC` for `Z`)
     */
    timeZone?: string;
  }): Promise<OrderTotals>;
  /** `POST /reports/2021-06-30/reports`. */
  createReport(input: {
    accessToken: string;
    region: AmazonRegion;
    body: Record<string, unknown>;
  }): Promise<string>;
  /** `GET /reports/2021-06-30/reports/{id}`. */
  getReport(input: { accessToken: string; region: AmazonRegion; reportId: string }): Promise<SpReportStatus>;
  /** `GET /reports/2021-06-30/documents/{id}`: the download URL. */
  documentUrl(input: { accessToken: string; region: AmazonRegion; documentId: string }): Promise<string>;
}

/**
 * The IANA zone whose offset is the one an orderMetrics interval is written in: `UTC` for `Z`, `Etc/GMT∓H` for a
 * whole-hour offset (IANA's Etc zones invert the sign), so the Sales API's day boundaries match the interval's.
 */
function granularityTimeZoneOf(interval: string): string {
  const offset = /(Z|([+-])(\d{2}):00)$/.exec(interval.split('--')[0] ?? '');
  if (!offset?.[2]) return 'UTC';
  const hours = Number(offset[3]);
  return hours === 0 ? 'UTC' : `Etc/GMT${offset[2] === '-' ? '+' : '-'}${hours}`;
}

/**
 * Creates the SP-API client (header `x-amz-access-token`).
 *
 * @example
 * ```ts
 * const sp = createSpApiClient({ baseUrls, fetch, now: Date.now });
 * const marketplaces = await sp.marketplaces(accessToken, 'na');
 * ```
 */
export function createSpApiClient(options: {
  baseUrls: AmazonBaseUrls;
  fetch: AmazonFetch;
  now: () => number;
}): SpApiClient {
  async function call(accessToken: string, region: AmazonRegion, path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('x-amz-access-token', accessToken);
    headers.set('accept', 'application/json');
    const request = new Request(amazonUrl(options.baseUrls.spApi[region], path), { ...init, headers });
    return expectOk(await sendToAmazon(options.fetch, request, options.now()));
  }
  return {
    async marketplaces(accessToken, region) {
      const body = await readAmazonJson(
        await call(accessToken, region, '/sellers/v1/marketplaceParticipations'),
        participationsSchema,
      );
      return body.payload
        .filter((entry) => entry.participation.isParticipating)
        .map(({ marketplace, storeName }) => ({
          id: marketplace.id,
          name: marketplace.name,
          countryCode: marketplace.countryCode.slice(0, 2).toUpperCase(),
          currencyCode: marketplace.defaultCurrencyCode ?? null,
          ...(storeName ? { storeName } : {}),
        }));
    },
    async orderTotals({ accessToken, region, marketplaceId, interval, timeZone }) {
      // granularityTimeZone is required above Hour and must align with the interval's offset (Sales API model).
      const query = new URLSearchParams({
        marketplaceIds: marketplaceId,
        interval,
        granularity: 'Day',
        granularityTimeZone: timeZone ?? granularityTimeZoneOf(interval),
      });
      const body = await readAmazonJson(
        await call(accessToken, region, `/sales/v1/orderMetrics?${query}`),
        orderMetricsSchema,
      );
      let totalSales = 0;
      let totalOrders = 0;
      let currency: string | null = null;
      for (const day of body.payload) {
        totalSales += Number(day.totalSales.amount);
        totalOrders += day.orderCount;
        currency ??= day.totalSales.currencyCode;
      }
      return { totalSales, totalOrders, currency };
    },
    async createReport({ accessToken, region, body }) {
      const response = await call(accessToken, region, '/reports/2021-06-30/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await readAmazonJson(response, createdSchema)).reportId;
    },
    async getReport({ accessToken, region, reportId }) {
      const response = await call(
        accessToken,
        region,
        `/reports/2021-06-30/reports/${encodeURIComponent(reportId)}`,
      );
      const report = await readAmazonJson(response, reportSchema);
      if (report.processingStatus === 'DONE' && report.reportDocumentId) {
        return { state: 'done', documentId: report.reportDocumentId };
      }
      if (report.processingStatus === 'CANCELLED') return { state: 'empty' };
      if (report.processingStatus === 'FATAL') return { state: 'failed' };
      return { state: 'pending' };
    },
    async documentUrl({ accessToken, region, documentId }) {
      const response = await call(
        accessToken,
        region,
        `/reports/2021-06-30/documents/${encodeURIComponent(documentId)}`,
      );
      return (await readAmazonJson(response, documentSchema)).url;
    },
  };
}
