import type { Marketplace } from './marketplaces.js';

/** A product a shop sells, the same ASIN in every marketplace the shop sells in.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.advertisingAccounts[0].shop.products[0].asin; // 'B0…'
 * ```
 */
export interface Product {
  asin: string;
  parentAsin: string;
  sku: string;
  title: string;
  /** Price in USD; multiplied by the marketplace's price scale. */
  basePrice: number;
  /** Average daily sessions in the shop's main marketplace. */
  baseSessions: number;
  /** Share of sessions that buy (unit session percentage / 100). */
  conversion: number;
  /** Share of units that come from ads. */
  adShare: number;
  /** Click-to-order rate of its ads. */
  adConversion: number;
  /** Cost per click in USD. */
  cpc: number;
  /** Click-through rate of its ads. */
  ctr: number;
  buyBox: number;
}

/**
 * A Sponsored Products keyword as seeded (campaign management v3, `SponsoredProductsKeyword`). Bids and states
 * that a client changes live in the mock's state; the world keeps the seeded values.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.advertisingAccounts[0].profiles[0].campaigns[1].keywords[0].keywordText;
 * ```
 */
export interface SpKeyword {
  keywordId: string;
  keywordText: string;
  matchType: 'EXACT' | 'PHRASE' | 'BROAD';
  state: 'ENABLED' | 'PAUSED' | 'ARCHIVED';
  bid: number;
  /** Share of its campaign's ad traffic (the keywords and targets of a campaign add up to 1). */
  share: number;
}

/**
 * A Sponsored Products product target as seeded (`SponsoredProductsTargetingClause`): the four automatic
 * clauses of an auto campaign, or a manual `ASIN_SAME_AS` target.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.advertisingAccounts[0].profiles[0].campaigns[0].targets.map((t) => t.expression[0].type);
 * ```
 */
export interface SpTarget {
  targetId: string;
  expressionType: 'AUTO' | 'MANUAL';
  expression: { type: string; value?: string }[];
  state: 'ENABLED' | 'PAUSED' | 'ARCHIVED';
  bid: number;
  /** Share of its campaign's ad traffic. */
  share: number;
}

/** A Sponsored Products campaign and the ASINs it advertises (with the share of each ASIN's ad sales).
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.advertisingAccounts[0].profiles[0].campaigns.map((c) => c.name);
 * ```
 */
export interface Campaign {
  campaignId: number;
  adGroupId: number;
  name: string;
  adGroupName: string;
  dailyBudget: number;
  targeting: 'auto' | 'manual';
  ads: { asin: string; adId: number; share: number }[];
  /** Its keywords (manual campaigns). */
  keywords: SpKeyword[];
  /** Its product targets: the four automatic clauses (auto campaigns) or ASIN targets (manual ones). */
  targets: SpTarget[];
}

/** A shop: one seller's (or vendor's) catalogue with its traffic, sales and ads.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.sellingPartners[0].shop.name; // 'Acme Home & Kitchen'
 * ```
 */
export interface Shop {
  id: string;
  name: string;
  products: Product[];
  /** Sales volume of each marketplace relative to the shop's main one. */
  marketplaceWeights: Record<string, number>;
}

/** An advertising profile: one advertising account in one marketplace.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.advertisingAccounts[0].profiles[0].profileId;
 * ```
 */
export interface AdsProfile {
  profileId: number;
  marketplace: Marketplace;
  dailyBudget: number;
  campaigns: Campaign[];
}

/** An Amazon Ads account (seller, vendor or agency) with profiles in one or more marketplaces.
 *
 * @example
 * ```ts
 * amazon.world.byKey.multipleAccounts.advertisingAccounts.map((a) => a.type); // ['seller', 'vendor', 'agency']
 * ```
 */
export interface AdvertisingAccount {
  entityId: string;
  type: 'seller' | 'vendor' | 'agency';
  name: string;
  shop: Shop;
  profiles: AdsProfile[];
}

/** A Seller Central account (selling partner) with its marketplace participations.
 *
 * @example
 * ```ts
 * amazon.world.byKey.default.sellingPartners[0].sellingPartnerId; // 'A…'
 * ```
 */
export interface SellingPartner {
  sellingPartnerId: string;
  storeName: string;
  shop: Shop;
  marketplaces: Marketplace[];
}

/** An Amazon customer account that can sign in.
 *
 * @example
 * ```ts
 * amazon.world.users.map((u) => u.email);
 * ```
 */
export interface AmazonUser {
  email: string;
  password: string;
  name: string;
  /** The ready-made role, e.g. `default` or `noAdvertising`. */
  key: string;
  description: string;
  advertisingAccounts: AdvertisingAccount[];
  /** Selling partner accounts, at most one per region. */
  sellingPartners: SellingPartner[];
}
