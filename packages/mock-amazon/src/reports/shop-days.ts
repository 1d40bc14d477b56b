import type { Marketplace } from '../world/marketplaces.js';
import { type AsinDay, asinDay } from '../world/shop-metrics.js';
import type { Shop } from '../world/types.js';

/** Every ASIN's day of a shop in a marketplace (optionally one ASIN or SKU). */
export function shopAsinDays(
  seed: number,
  shop: Shop,
  marketplace: Marketplace,
  date: string,
  filter: { asin?: string | null; sku?: string | null } = {},
): AsinDay[] {
  return shop.products
    .filter((p) => (!filter.asin || p.asin === filter.asin) && (!filter.sku || p.sku === filter.sku))
    .map((product) => asinDay(seed, shop, marketplace, product, date));
}
