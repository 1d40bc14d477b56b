import type { AdvertisingAccount, AmazonRegion, DataSource } from '../../contract/types';
import type { AdsApiClient } from '../amazon/ads-api-client';
import type { AmazonFetch } from '../amazon/amazon-fetch';
import { localDateTime, marketplaceTimeZone, nextDate } from '../amazon/marketplace-time-zone';
import type { SpApiClient } from '../amazon/sp-api-client';
import type {
  AdvertisingConnectionRecord,
  ReportKey,
  SellerCentralConnectionRecord,
  SellerMarketplaceRecord,
} from '../storage/connection-store';
import type { TokenManager } from '../tokens/token-manager';
import type { ReportSource } from './report-cache';
import { downloadReport } from './report-download';
import {
  advertisedProductTotalsFrom,
  asJson,
  campaignTotalsFrom,
  trafficTotalsFrom,
} from './report-payloads';

/** A date range, `YYYY-MM-DD` inclusive. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

interface SourceDeps {
  readonly tokens: TokenManager;
  readonly fetch: AmazonFetch;
  readonly now: () => number;
}

type AdvertisingMarketplace = AdvertisingAccount['marketplaces'][number];

/**
 * How each data source's reports are named in the cache (`ads/spCampaigns/<profile>`, …): the prefix of its keys.
 * Seller Central's are asked for the marketplace's local days, under `sp/orderMetrics/local/<marketplace>` and
 * `sp/salesAndTraffic/local/<marketplace>`: reports cached before (`sp/orderMetrics/<marketplace>`, UTC days)
 * are never read as local days, yet still count for when the account's data first arrived (same prefix).
 */
export const dataSourcePrefixes: { readonly [S in DataSource]: string } = {
  campaigns: 'ads/spCampaigns/',
  advertisedProducts: 'ads/spAdvertisedProduct/',
  orders: 'sp/orderMetrics/',
  salesAndTraffic: 'sp/salesAndTraffic/',
};

/**
 * The cache name of a Seller Central source's reports for local days, marketplace id to follow
 * (`sp/orderMetrics/local/`).
 *
 * @example
 * ```ts
 * `${localDaysSource('orders')}ATVPDKIKX0DER`; // 'sp/orderMetrics/local/ATVPDKIKX0DER'
 * ```
 */
export const localDaysSource = (source: 'orders' | 'salesAndTraffic') =>
  `${dataSourcePrefixes[source]}local/`;

/** The account key under which Advertising data is kept (survives disconnects). */
export const adsAccountKey = (accountId: string) => `ads:${accountId}`;
/**
 * The account key under which one region's Seller Central data is kept (survives disconnects): per region, since
 * one selling partner id may be authorised in several regions and each region's data arrives on its own.
 */
export const sellerAccountKey = (sellingPartnerId: string, region: AmazonRegion) =>
  `sp:${sellingPartnerId}@${region}`;

/** The cache key of the connection's `source` report of `range`, under the account key of its kind. */
function reportKey(
  connection: AdvertisingConnectionRecord | SellerCentralConnectionRecord,
  source: string,
  range: DateRange,
): ReportKey {
  const accountKey =
    connection.kind === 'advertising'
      ? adsAccountKey(connection.accountId)
      : sellerAccountKey(connection.accountId, connection.tokenRegion);
  return { subscriptionId: connection.subscriptionId, accountKey, source, from: range.from, to: range.to };
}

function adsReportSource(
  deps: SourceDeps & { ads: AdsApiClient },
  connection: AdvertisingConnectionRecord,
  marketplace: AdvertisingMarketplace,
  range: DateRange,
  report: { reportTypeId: string; groupBy: string[]; columns: string[]; read: (document: unknown) => object },
): ReportSource {
  const target = { region: marketplace.region, profileId: marketplace.profileId };
  return {
    key: reportKey(connection, `ads/${report.reportTypeId}/${marketplace.profileId}`, range),
    async start() {
      const reportId = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.ads.createReport({
          accessToken,
          ...target,
          body: {
            name: `smart-ads ${report.reportTypeId} ${range.from}..${range.to}`,
            startDate: range.from,
            endDate: range.to,
            configuration: {
              adProduct: 'SPONSORED_PRODUCTS',
              groupBy: report.groupBy,
              columns: report.columns,
              reportTypeId: report.reportTypeId,
              timeUnit: 'DAILY',
              format: 'GZIP_JSON',
            },
          },
        }),
      );
      return { reportId };
    },
    async poll(reportId) {
      const status = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.ads.getReport({ accessToken, ...target, reportId }),
      );
      if (status.state !== 'completed') return status;
      const totals = report.read(await downloadReport(deps.fetch, status.url, deps.now()));
      return { state: 'done', payload: asJson(totals), hasData: (totals as { rows: number }).rows > 0 };
    },
  };
}

/** spCampaigns: ad spend and ad sales of the range. */
export function campaignSource(
  deps: SourceDeps & { ads: AdsApiClient },
  connection: AdvertisingConnectionRecord,
  marketplace: AdvertisingMarketplace,
  range: DateRange,
): ReportSource {
  return adsReportSource(deps, connection, marketplace, range, {
    reportTypeId: 'spCampaigns',
    groupBy: ['campaign'],
    columns: ['impressions', 'clicks', 'cost', 'sales14d', 'purchases14d', 'date'],
    read: campaignTotalsFrom,
  });
}

/** spAdvertisedProduct: ad spend per ASIN. */
export function advertisedProductSource(
  deps: SourceDeps & { ads: AdsApiClient },
  connection: AdvertisingConnectionRecord,
  marketplace: AdvertisingMarketplace,
  range: DateRange,
): ReportSource {
  return adsReportSource(deps, connection, marketplace, range, {
    reportTypeId: 'spAdvertisedProduct',
    groupBy: ['advertiser'],
    columns: ['advertisedAsin', 'cost', 'sales14d', 'date'],
    read: advertisedProductTotalsFrom,
  });
}

/**
 * Sales API orderMetrics: total sales and orders (answers at once, no job), for the marketplace's local days (its
 * time zone, as Seller Central counts them), from the SP-API host of the authorisation's region.
 */
export function orderMetricsSource(
  deps: SourceDeps & { sp: SpApiClient },
  connection: SellerCentralConnectionRecord,
  marketplace: SellerMarketplaceRecord,
  range: DateRange,
): ReportSource {
  const zone = marketplaceTimeZone(marketplace.countryCode);
  return {
    key: reportKey(connection, `${localDaysSource('orders')}${marketplace.id}`, range),
    async start() {
      const totals = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.sp.orderTotals({
          accessToken,
          region: connection.tokenRegion,
          marketplaceId: marketplace.id,
          interval: `${localDateTime(range.from, '00:00:00', zone)}--${localDateTime(nextDate(range.to), '00:00:00', zone)}`,
          timeZone: zone,
        }),
      );
      const rows = totals.totalOrders > 0 || totals.totalSales > 0 ? 1 : 0;
      return { payload: asJson({ ...totals, rows }), hasData: rows > 0 };
    },
    async poll() {
      return { state: 'failed' };
    },
  };
}

/**
 * GET_SALES_AND_TRAFFIC_REPORT: sessions, Buy Box %, Listing CVR and sales per ASIN, for the marketplace's local
 * days, from the SP-API host of the authorisation's region.
 */
export function trafficSource(
  deps: SourceDeps & { sp: SpApiClient },
  connection: SellerCentralConnectionRecord,
  marketplace: SellerMarketplaceRecord,
  range: DateRange,
): ReportSource {
  const region = connection.tokenRegion;
  const zone = marketplaceTimeZone(marketplace.countryCode);
  return {
    key: reportKey(connection, `${localDaysSource('salesAndTraffic')}${marketplace.id}`, range),
    async start() {
      const reportId = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.sp.createReport({
          accessToken,
          region,
          body: {
            reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
            dataStartTime: localDateTime(range.from, '00:00:00', zone),
            dataEndTime: localDateTime(range.to, '23:59:59', zone),
            marketplaceIds: [marketplace.id],
            reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
          },
        }),
      );
      return { reportId };
    },
    async poll(reportId) {
      const status = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.sp.getReport({ accessToken, region, reportId }),
      );
      if (status.state === 'empty') {
        return { state: 'done', payload: asJson(trafficTotalsFrom({})), hasData: false };
      }
      if (status.state !== 'done') return status;
      const url = await deps.tokens.withAccessToken(connection, (accessToken) =>
        deps.sp.documentUrl({ accessToken, region, documentId: status.documentId }),
      );
      const totals = trafficTotalsFrom(await downloadReport(deps.fetch, url, deps.now()));
      return { state: 'done', payload: asJson(totals), hasData: totals.rows > 0 };
    },
  };
}
