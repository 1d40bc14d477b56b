import { createRandom, type Random } from '../random.js';
import { type Marketplace, type MarketplaceCountry, marketplaces } from './marketplaces.js';
import { seedTargeting } from './seed-targeting.js';
import type {
  AdsProfile,
  AdvertisingAccount,
  AmazonUser,
  Campaign,
  Product,
  SellingPartner,
  Shop,
} from './types.js';

/**
 * The password of every ready-made user (like Plaid's `pass_good`).
 *
 * @example
 * ```ts
 * await amazon.signIn(url, { email: 'agency@example.com', password: DEFAULT_PASSWORD });
 * ```
 */
export const DEFAULT_PASSWORD = 'pass_good';

/**
 * The keys of the ready-made users.
 *
 * @example
 * ```ts
 * const key: ReadyMadeUserKey = 'multipleAccounts';
 * amazon.users[key].email; // 'agency@example.com'
 * ```
 */
export type ReadyMadeUserKey =
  | 'default'
  | 'noAdvertising'
  | 'noSellerCentral'
  | 'multipleAccounts'
  | 'otherAccount'
  | 'euOnly';

/** The seeded world: every Amazon user and what they own. */
export interface World {
  seed: number;
  users: AmazonUser[];
  byKey: Record<ReadyMadeUserKey, AmazonUser>;
}

const catalogues: Record<string, [string, number][]> = {
  kitchen: [
    ['Stainless Steel Garlic Press', 14.99],
    ['Bamboo Cutting Board Set (3 pcs)', 29.99],
    ['Silicone Spatula Set, Heat Resistant', 12.49],
    ['Cast Iron Skillet 10 inch, Pre-Seasoned', 34.95],
    ['Digital Kitchen Scale with Tare', 19.99],
    ['Glass Meal Prep Containers (10 pack)', 39.99],
    ['Electric Milk Frother', 16.99],
  ],
  outdoors: [
    ['Ultralight Camping Hammock', 32.99],
    ['Insulated Water Bottle 32 oz', 24.95],
    ['LED Headlamp, Rechargeable', 18.99],
    ['Trekking Poles, Collapsible (Pair)', 44.99],
    ['Compact Camping Stove', 27.5],
  ],
  brands: [
    ['Organic Green Tea, 100 Bags', 11.99],
    ['Whole Bean Coffee, Medium Roast 2 lb', 22.49],
    ['Dark Chocolate Almonds 16 oz', 13.99],
    ['Protein Bars Variety Pack (12)', 24.99],
  ],
  toys: [
    ['Wooden Building Blocks (100 pcs)', 27.99],
    ['Magnetic Drawing Board', 15.99],
    ['Remote Control Car, 2.4 GHz', 39.99],
    ['Kids Art Set (150 pcs)', 21.99],
    ['Plush Dinosaur 12 inch', 13.49],
  ],
  garden: [
    ['Raised Garden Bed Kit', 59.99],
    ['Expandable Garden Hose 50 ft', 29.99],
    ['Pruning Shears, Bypass', 17.99],
    ['Solar Pathway Lights (8 pack)', 26.99],
  ],
  pets: [
    ['Orthopedic Dog Bed, Large', 49.99],
    ['Cat Scratching Post 32 inch', 25.99],
    ['Dog Poop Bags (540 count)', 12.99],
    ['Interactive Cat Toy', 14.49],
    ['Pet Grooming Brush', 11.99],
  ],
};

function asin(random: Random): string {
  return `B0${random.chars(8)}`;
}

function makeShop(
  seed: number,
  key: string,
  name: string,
  theme: string,
  weights: Record<string, number>,
): Shop {
  const random = createRandom(`${seed}:shop:${key}`);
  const items = catalogues[theme] ?? [];
  const count = Math.min(items.length, random.int(4, items.length));
  const products: Product[] = items.slice(0, count).map(([title, price], index) => {
    const childAsin = asin(random);
    return {
      asin: childAsin,
      // Most products are their own parent; every third shares the first product's parent (a variation family).
      parentAsin: index > 0 && index % 3 === 0 ? 'PARENT' : childAsin,
      sku: `${key.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(3, '0')}-${random.chars(4)}`,
      title,
      basePrice: price,
      baseSessions: random.int(60, 420),
      conversion: random.between(0.07, 0.16),
      adShare: random.between(0.28, 0.45),
      adConversion: random.between(0.08, 0.14),
      cpc: random.between(0.55, 1.35),
      ctr: random.between(0.0035, 0.0075),
      buyBox: random.between(0.9, 1),
    };
  });
  const first = products[0];
  for (const product of products)
    if (product.parentAsin === 'PARENT' && first) product.parentAsin = first.asin;
  return { id: key, name, products, marketplaceWeights: weights };
}

function makeCampaigns(seed: number, shop: Shop, marketplace: Marketplace, idBase: number): Campaign[] {
  const random = createRandom(`${seed}:campaigns:${shop.id}:${marketplace.id}`);
  const campaigns: Campaign[] = [];
  const products = shop.products;
  // One auto campaign over everything, plus one exact-match campaign per pair of products.
  const auto: Campaign = {
    campaignId: idBase + random.int(1000, 9999),
    adGroupId: idBase + 100_000 + random.int(1000, 9999),
    name: `SP - Auto - ${shop.name}`,
    adGroupName: 'Auto targeting',
    dailyBudget: Math.round(random.int(30, 80) * marketplace.priceScale),
    targeting: 'auto',
    ads: [],
    keywords: [],
    targets: [],
  };
  campaigns.push(auto);
  for (let i = 0; i < products.length; i += 2) {
    const group = products.slice(i, i + 2);
    const label = group[0]?.title.split(',')[0] ?? 'Products';
    campaigns.push({
      campaignId: idBase + (i + 1) * 10_000 + random.int(1000, 9999),
      adGroupId: idBase + 200_000 + (i + 1) * 10_000 + random.int(1000, 9999),
      name: `SP - Exact - ${label}`,
      adGroupName: `${label} - exact`,
      dailyBudget: Math.round(random.int(15, 50) * marketplace.priceScale),
      targeting: 'manual',
      ads: [],
      keywords: [],
      targets: [],
    });
  }
  products.forEach((product, index) => {
    const manual = campaigns[1 + Math.floor(index / 2)];
    const autoShare = random.between(0.25, 0.45);
    auto.ads.push({ asin: product.asin, adId: idBase + 300_000 + index * 7 + 1, share: autoShare });
    manual?.ads.push({ asin: product.asin, adId: idBase + 400_000 + index * 7 + 3, share: 1 - autoShare });
  });
  for (const campaign of campaigns) Object.assign(campaign, seedTargeting(seed, shop, marketplace, campaign));
  return campaigns;
}

function makeAccount(
  seed: number,
  key: string,
  type: AdvertisingAccount['type'],
  name: string,
  shop: Shop,
  countries: MarketplaceCountry[],
): AdvertisingAccount {
  const random = createRandom(`${seed}:account:${key}`);
  const entityId = `ENTITY${random.chars(13)}`;
  const profiles: AdsProfile[] = countries.map((country, index) => {
    const marketplace = marketplaces[country];
    const profileId = random.int(1_000_000_000_000, 3_999_999_999_999) * 10 + index;
    const idBase = random.int(100_000_000, 899_999_999) * 100_000;
    return {
      profileId,
      marketplace,
      dailyBudget: Math.round(random.int(80, 250) * marketplace.priceScale),
      campaigns: makeCampaigns(seed, shop, marketplace, idBase),
    };
  });
  return { entityId, type, name, shop, profiles };
}

function makePartner(seed: number, key: string, shop: Shop, countries: MarketplaceCountry[]): SellingPartner {
  const random = createRandom(`${seed}:partner:${key}`);
  return {
    sellingPartnerId: `A${random.chars(13)}`,
    storeName: shop.name,
    shop,
    marketplaces: countries.map((country) => marketplaces[country]),
  };
}

/** Builds the seeded world. The same seed always gives the same users, ids, products and figures. */
export function seedWorld(seed: number): World {
  const acme = makeShop(seed, 'acme', 'Acme Home & Kitchen', 'kitchen', {
    US: 1,
    CA: 0.18,
    UK: 0.35,
    DE: 0.3,
  });
  const northwind = makeShop(seed, 'northwind', 'Northwind Outdoors', 'outdoors', { US: 1, CA: 0.25 });
  const contoso = makeShop(seed, 'contoso', 'Contoso Brands', 'brands', { US: 1, UK: 0.4, DE: 0.45 });
  const tailspin = makeShop(seed, 'tailspin', 'Tailspin Toys', 'toys', { JP: 1, AU: 0.6 });
  const globex = makeShop(seed, 'globex', 'Globex Garden Supply', 'garden', { US: 1 });
  const wingtip = makeShop(seed, 'wingtip', 'Wingtip Pets', 'pets', { US: 1 });
  const fourth = makeShop(seed, 'fourthcoffee', 'Fourth Coffee Kitchenware', 'kitchen', {
    UK: 1,
    DE: 0.8,
    FR: 0.5,
  });

  const user = (
    key: ReadyMadeUserKey,
    email: string,
    name: string,
    description: string,
    advertisingAccounts: AdvertisingAccount[],
    sellingPartners: SellingPartner[],
  ): AmazonUser => ({
    key,
    email,
    password: DEFAULT_PASSWORD,
    name,
    description,
    advertisingAccounts,
    sellingPartners,
  });

  const byKey: Record<ReadyMadeUserKey, AmazonUser> = {
    default: user(
      'default',
      'user_good@example.com',
      'Alex Good',
      'One seller account (Acme Home & Kitchen) advertising in US, CA (na) and UK, DE (eu); Seller Central in na and eu. Both connections work.',
      [makeAccount(seed, 'acme', 'seller', 'Acme Home & Kitchen', acme, ['US', 'CA', 'UK', 'DE'])],
      [makePartner(seed, 'acme-na', acme, ['US', 'CA']), makePartner(seed, 'acme-eu', acme, ['UK', 'DE'])],
    ),
    noAdvertising: user(
      'noAdvertising',
      'no_ads@example.com',
      'Sam Noads',
      'A Seller Central account (Wingtip Pets, US) with no Amazon Ads account: /v2/profiles is [] in every region.',
      [],
      [makePartner(seed, 'wingtip-na', wingtip, ['US'])],
    ),
    noSellerCentral: user(
      'noSellerCentral',
      'vendor_only@example.com',
      'Vic Vendor',
      'A vendor Ads account (Contoso Brands, US) and no Seller Central account: Seller Central consent shows "no seller account".',
      [makeAccount(seed, 'contoso-vendor', 'vendor', 'Contoso Brands', contoso, ['US'])],
      [],
    ),
    multipleAccounts: user(
      'multipleAccounts',
      'agency@example.com',
      'Morgan Agency',
      'Three advertising accounts: seller Northwind Outdoors (US, CA), vendor Contoso Brands (US, UK, DE), agency for Tailspin Toys (JP, AU); Seller Central for Northwind in na.',
      [
        makeAccount(seed, 'northwind', 'seller', 'Northwind Outdoors', northwind, ['US', 'CA']),
        makeAccount(seed, 'contoso', 'vendor', 'Contoso Brands', contoso, ['US', 'UK', 'DE']),
        makeAccount(seed, 'tailspin', 'agency', 'Tailspin Toys (managed by Fabrikam Agency)', tailspin, [
          'JP',
          'AU',
        ]),
      ],
      [makePartner(seed, 'northwind-na', northwind, ['US', 'CA'])],
    ),
    otherAccount: user(
      'otherAccount',
      'other@example.com',
      'Olivia Other',
      'A different seller (Globex Garden Supply, US) with both connections: use it to test the one-account rule.',
      [makeAccount(seed, 'globex', 'seller', 'Globex Garden Supply', globex, ['US'])],
      [makePartner(seed, 'globex-na', globex, ['US'])],
    ),
    euOnly: user(
      'euOnly',
      'eu_seller@example.com',
      'Elena Europa',
      'A seller in Europe only (UK, DE, FR): /v2/profiles is [] on the na and fe hosts, a list on the eu host.',
      [makeAccount(seed, 'fourthcoffee', 'seller', 'Fourth Coffee Kitchenware', fourth, ['UK', 'DE', 'FR'])],
      [makePartner(seed, 'fourthcoffee-eu', fourth, ['UK', 'DE', 'FR'])],
    ),
  };
  return { seed, users: Object.values(byKey), byKey };
}
