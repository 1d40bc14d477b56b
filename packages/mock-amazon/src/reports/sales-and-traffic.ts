import type { Marketplace } from '../world/marketplaces.js';
import { type AsinDay, roundMoney } from '../world/shop-metrics.js';
import type { Shop } from '../world/types.js';
import { shopAsinDays } from './shop-days.js';

interface Sums {
  units: number;
  items: number;
  sales: number;
  sessions: number;
  browserSessions: number;
  pageViews: number;
  browserPageViews: number;
  buyBoxWeighted: number;
}

function empty(): Sums {
  return {
    units: 0,
    items: 0,
    sales: 0,
    sessions: 0,
    browserSessions: 0,
    pageViews: 0,
    browserPageViews: 0,
    buyBoxWeighted: 0,
  };
}

function add(sums: Sums, day: AsinDay): void {
  sums.units += day.unitsOrdered;
  sums.items += day.totalOrderItems;
  sums.sales += day.sales;
  sums.sessions += day.sessions;
  sums.browserSessions += day.browserSessions;
  sums.pageViews += day.pageViews;
  sums.browserPageViews += day.browserPageViews;
  sums.buyBoxWeighted += day.buyBoxPercentage * day.pageViews;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);

/** The Buy Box percentage of the summed days, weighted by page views. */
const buyBoxPercentage = (s: Sums) =>
  s.pageViews ? Math.round((s.buyBoxWeighted / s.pageViews) * 100) / 100 : 0;

function bucketOf(date: string, granularity: 'DAY' | 'WEEK' | 'MONTH'): string {
  if (granularity === 'DAY') return date;
  if (granularity === 'MONTH') return `${date.slice(0, 8)}01`;
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - day.getUTCDay()); // weeks start on Sunday in Seller Central
  return day.toISOString().slice(0, 10);
}

/**
 * Builds a GET_SALES_AND_TRAFFIC_REPORT document for the dates that have data: totals per date (or week/month)
 * and per ASIN over the whole range. ASINs with no orders are left out, as Amazon does.
 */
export function buildSalesAndTraffic(options: {
  seed: number;
  shop: Shop;
  marketplace: Marketplace;
  dates: string[];
  dataStartTime: string;
  dataEndTime: string;
  dateGranularity: 'DAY' | 'WEEK' | 'MONTH';
  asinGranularity: 'PARENT' | 'CHILD' | 'SKU';
}) {
  const { marketplace, dateGranularity, asinGranularity } = options;
  const currencyCode = marketplace.currencyCode;
  const money = (amount: number) => ({ amount: roundMoney(amount, currencyCode), currencyCode });
  const byDate = new Map<string, Sums>();
  const byAsin = new Map<string, { parentAsin: string; childAsin: string; sku: string; sums: Sums }>();
  /** Every ASIN over the whole range: the base of trafficByAsin's session and page-view percentages. */
  const all = empty();
  for (const date of options.dates) {
    const bucket = bucketOf(date, dateGranularity);
    const dateSums = byDate.get(bucket) ?? empty();
    byDate.set(bucket, dateSums);
    for (const day of shopAsinDays(options.seed, options.shop, marketplace, date)) {
      add(dateSums, day);
      add(all, day);
      const key =
        asinGranularity === 'PARENT' ? day.parentAsin : asinGranularity === 'CHILD' ? day.asin : day.sku;
      const entry = byAsin.get(key) ?? {
        parentAsin: day.parentAsin,
        childAsin: day.asin,
        sku: day.sku,
        sums: empty(),
      };
      byAsin.set(key, entry);
      add(entry.sums, day);
    }
  }
  return {
    reportSpecification: {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportOptions: { dateGranularity, asinGranularity },
      dataStartTime: options.dataStartTime.slice(0, 10),
      dataEndTime: options.dataEndTime.slice(0, 10),
      marketplaceIds: [marketplace.id],
    },
    salesAndTrafficByDate: [...byDate.entries()].map(([date, s]) => ({
      date,
      salesByDate: {
        orderedProductSales: money(s.sales),
        orderedProductSalesB2B: money(0),
        unitsOrdered: s.units,
        unitsOrderedB2B: 0,
        totalOrderItems: s.items,
        totalOrderItemsB2B: 0,
        averageSalesPerOrderItem: money(s.items ? s.sales / s.items : 0),
        averageUnitsPerOrderItem: s.items ? Math.round((s.units / s.items) * 100) / 100 : 0,
        averageSellingPrice: money(s.units ? s.sales / s.units : 0),
        unitsRefunded: Math.floor(s.units * 0.02),
        refundRate: s.units ? pct(Math.floor(s.units * 0.02), s.units) : 0,
        claimsGranted: 0,
        claimsAmount: money(0),
        shippedProductSales: money(s.sales * 0.97),
        unitsShipped: Math.round(s.units * 0.97),
        ordersShipped: Math.round(s.items * 0.97),
      },
      trafficByDate: {
        browserPageViews: s.browserPageViews,
        mobileAppPageViews: s.pageViews - s.browserPageViews,
        pageViews: s.pageViews,
        browserSessions: s.browserSessions,
        mobileAppSessions: s.sessions - s.browserSessions,
        sessions: s.sessions,
        buyBoxPercentage: buyBoxPercentage(s),
        orderItemSessionPercentage: pct(s.items, s.sessions),
        unitSessionPercentage: pct(s.units, s.sessions),
        averageOfferCount: 1,
        averageParentItems: options.shop.products.length,
        feedbackReceived: Math.floor(s.items * 0.03),
        negativeFeedbackReceived: 0,
        receivedNegativeFeedbackRate: 0,
      },
    })),
    salesAndTrafficByAsin: [...byAsin.values()]
      .filter((entry) => entry.sums.units > 0)
      .map(({ parentAsin, childAsin, sku, sums: s }) => ({
        parentAsin,
        ...(asinGranularity === 'PARENT' ? {} : { childAsin }),
        ...(asinGranularity === 'SKU' ? { sku } : {}),
        salesByAsin: {
          unitsOrdered: s.units,
          unitsOrderedB2B: 0,
          orderedProductSales: money(s.sales),
          orderedProductSalesB2B: money(0),
          totalOrderItems: s.items,
          totalOrderItemsB2B: 0,
        },
        // The six *Percentage fields are required by the model (sellerSalesAndTrafficReport.json, TrafficByAsin):
        // this ASIN's share of all products' sessions / page views, per channel.
        trafficByAsin: {
          browserSessions: s.browserSessions,
          mobileAppSessions: s.sessions - s.browserSessions,
          sessions: s.sessions,
          browserSessionPercentage: pct(s.browserSessions, all.browserSessions),
          mobileAppSessionPercentage: pct(s.sessions - s.browserSessions, all.sessions - all.browserSessions),
          sessionPercentage: pct(s.sessions, all.sessions),
          browserPageViews: s.browserPageViews,
          mobileAppPageViews: s.pageViews - s.browserPageViews,
          pageViews: s.pageViews,
          browserPageViewsPercentage: pct(s.browserPageViews, all.browserPageViews),
          mobileAppPageViewsPercentage: pct(
            s.pageViews - s.browserPageViews,
            all.pageViews - all.browserPageViews,
          ),
          pageViewsPercentage: pct(s.pageViews, all.pageViews),
          buyBoxPercentage: buyBoxPercentage(s),
          unitSessionPercentage: pct(s.units, s.sessions),
        },
      })),
  };
}
