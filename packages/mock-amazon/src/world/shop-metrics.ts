import { createRandom } from '../random.js';
import type { Marketplace } from './marketplaces.js';
import type { Campaign, Product, Shop } from './types.js';

/** One ASIN's day in one marketplace: organic and ad figures from the same shoppers, so they agree. */
export interface AsinDay {
  date: string;
  asin: string;
  parentAsin: string;
  sku: string;
  price: number;
  sessions: number;
  browserSessions: number;
  pageViews: number;
  browserPageViews: number;
  unitsOrdered: number;
  totalOrderItems: number;
  orders: number;
  sales: number;
  buyBoxPercentage: number;
  adUnits: number;
  adOrders: number;
  adSales: number;
  clicks: number;
  impressions: number;
  cost: number;
}

/** Rounds an amount the way the currency does (JPY has no minor unit). */
export function roundMoney(amount: number, currencyCode: string): number {
  const factor = currencyCode === 'JPY' ? 1 : 100;
  return Math.round(amount * factor) / factor;
}

const weekdayFactor = [1.12, 0.96, 0.94, 0.97, 1.0, 1.05, 1.15];

/**
 * The figures of one ASIN on one date in one marketplace. Pure: a function of the seed, the ids and the date.
 * Total sales always exceed ad-attributed sales, and ad spend lands near 8-15% of total sales (TACoS).
 */
export function asinDay(
  seed: number,
  shop: Shop,
  marketplace: Marketplace,
  product: Product,
  date: string,
): AsinDay {
  const random = createRandom(`${seed}:day:${shop.id}:${marketplace.id}:${product.asin}:${date}`);
  const weight = shop.marketplaceWeights[marketplace.countryCode] ?? 0.2;
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = weekdayFactor[day.getUTCDay()] ?? 1;
  // A gentle yearly season (Q4 peak) so charts are not flat.
  const dayOfYear = Math.floor((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000);
  const season = 1 + 0.18 * Math.cos(((dayOfYear - 340) / 365) * 2 * Math.PI);
  const sessions = Math.max(
    1,
    Math.round(product.baseSessions * weight * weekday * season * random.between(0.8, 1.2)),
  );
  const browserSessions = Math.round(sessions * random.between(0.35, 0.5));
  const pageViews = Math.round(sessions * random.between(1.2, 1.6));
  const browserPageViews = Math.round(pageViews * (browserSessions / sessions));
  const unitsOrdered = Math.round(sessions * product.conversion * random.between(0.8, 1.2));
  const totalOrderItems = unitsOrdered - Math.floor(unitsOrdered * random.between(0, 0.08));
  const orders = totalOrderItems - Math.floor(totalOrderItems * random.between(0, 0.04));
  const price = roundMoney(product.basePrice * marketplace.priceScale, marketplace.currencyCode);
  const sales = roundMoney(unitsOrdered * price, marketplace.currencyCode);
  const buyBoxPercentage =
    Math.round(Math.min(1, product.buyBox + random.between(-0.03, 0.03)) * 10_000) / 100;

  const adUnits = Math.min(
    unitsOrdered,
    Math.round(unitsOrdered * product.adShare * random.between(0.85, 1.15)),
  );
  const adOrders = adUnits - Math.floor(adUnits * random.between(0, 0.05));
  const adSales = roundMoney(adUnits * price, marketplace.currencyCode);
  const clicks =
    adUnits > 0
      ? Math.max(adUnits, Math.round((adUnits / product.adConversion) * random.between(0.85, 1.15)))
      : random.int(0, 9);
  const impressions = Math.round((clicks / product.ctr) * random.between(0.9, 1.1));
  const cost = roundMoney(
    clicks * product.cpc * marketplace.priceScale * random.between(0.9, 1.1),
    marketplace.currencyCode,
  );
  return {
    date,
    asin: product.asin,
    parentAsin: product.parentAsin,
    sku: product.sku,
    price,
    sessions,
    browserSessions,
    pageViews,
    browserPageViews,
    unitsOrdered,
    totalOrderItems,
    orders,
    sales,
    buyBoxPercentage,
    adUnits,
    adOrders,
    adSales,
    clicks,
    impressions,
    cost,
  };
}

/** The ad figures of a campaign, a campaign-ASIN or a sum of them. */
export interface AdFigures {
  impressions: number;
  clicks: number;
  cost: number;
  sales: number;
  purchases: number;
  units: number;
}

/** One campaign's (or one campaign-ASIN's) ad figures on a date. */
export interface AdDay extends AdFigures {
  date: string;
  campaign: Campaign;
  asin?: string;
  adId?: number;
  sku?: string;
}

/** The ad figures of each advertised ASIN of a campaign on a date (its share of the ASIN's ad traffic). */
export function campaignAdDays(
  seed: number,
  shop: Shop,
  marketplace: Marketplace,
  campaign: Campaign,
  date: string,
): AdDay[] {
  return campaign.ads.flatMap((ad) => {
    const product = shop.products.find((p) => p.asin === ad.asin);
    if (!product) return [];
    const day = asinDay(seed, shop, marketplace, product, date);
    const part = (n: number) => Math.round(n * ad.share);
    return [
      {
        date,
        campaign,
        asin: ad.asin,
        adId: ad.adId,
        sku: product.sku,
        impressions: part(day.impressions),
        clicks: part(day.clicks),
        cost: roundMoney(day.cost * ad.share, marketplace.currencyCode),
        sales: roundMoney(part(day.adUnits) * day.price, marketplace.currencyCode),
        purchases: part(day.adOrders),
        units: part(day.adUnits),
      },
    ];
  });
}

/** Lists the dates from `start` to `end` inclusive (YYYY-MM-DD). */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= last; t += 86_400_000) out.push(isoDate(t));
  return out;
}

/** The UTC calendar date of a timestamp, as YYYY-MM-DD. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
