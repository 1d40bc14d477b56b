import { createRandom } from '../random.js';
import type { Marketplace } from './marketplaces.js';
import type { Campaign, Shop, SpKeyword, SpTarget } from './types.js';

/**
 * The four clauses Amazon creates in every automatic SP campaign (Ads API v3 targeting clauses, expression types
 * `QUERY_HIGH_REL_MATCHES` close match, `QUERY_BROAD_REL_MATCHES` loose match, `ASIN_SUBSTITUTE_RELATED`
 * substitutes, `ASIN_ACCESSORY_RELATED` complements).
 */
const autoClauses = [
  'QUERY_HIGH_REL_MATCHES',
  'QUERY_BROAD_REL_MATCHES',
  'ASIN_SUBSTITUTE_RELATED',
  'ASIN_ACCESSORY_RELATED',
] as const;

const matchTypes = ['EXACT', 'PHRASE', 'BROAD'] as const;

function words(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 2 && !['with', 'and', 'the', 'pcs', 'pack', 'inch'].includes(w));
}

/**
 * Seeds a campaign's keywords and product targets, so an optimiser has bids to change: an auto campaign gets
 * Amazon's four automatic clauses; a manual one gets three keywords per advertised product (exact, phrase,
 * broad; the last of the campaign archived, to show that archived keywords cannot change) and one ASIN target.
 * Ids are numeric strings as in v3. Shares add up to 1 per campaign.
 */
export function seedTargeting(
  seed: number,
  shop: Shop,
  marketplace: Marketplace,
  campaign: Campaign,
): { keywords: SpKeyword[]; targets: SpTarget[] } {
  const random = createRandom(`${seed}:targeting:${marketplace.id}:${campaign.campaignId}`);
  const scale = marketplace.priceScale;
  const bid = () => Math.max(0.02, Math.round(random.between(0.45, 1.6) * scale * 100) / 100);
  const id = (base: number, index: number) =>
    `${campaign.campaignId}${String(base + index).padStart(2, '0')}`;
  if (campaign.targeting === 'auto') {
    const weights = autoClauses.map(() => random.between(0.5, 1.5));
    const sum = weights.reduce((a, b) => a + b, 0);
    return {
      keywords: [],
      targets: autoClauses.map((type, index) => ({
        targetId: id(10, index),
        expressionType: 'AUTO',
        expression: [{ type }],
        state: 'ENABLED',
        bid: bid(),
        share: (weights[index] ?? 1) / sum,
      })),
    };
  }
  const products = campaign.ads.flatMap((ad) => shop.products.filter((p) => p.asin === ad.asin));
  const keywords: Omit<SpKeyword, 'share'>[] = [];
  products.forEach((product, p) => {
    const terms = words(product.title);
    const phrase = terms.slice(0, 3).join(' ') || product.title.toLowerCase();
    matchTypes.forEach((matchType, m) => {
      keywords.push({
        keywordId: id(30, p * 3 + m),
        keywordText: matchType === 'BROAD' ? terms.slice(0, 2).join(' ') || phrase : phrase,
        matchType,
        state: 'ENABLED',
        bid: bid(),
      });
    });
  });
  const last = keywords.at(-1);
  if (last) last.state = 'ARCHIVED';
  const competitor = `B0${random.chars(8)}`;
  const live = keywords.filter((k) => k.state !== 'ARCHIVED');
  const weights = [...live.map(() => random.between(0.5, 1.5)), random.between(0.2, 0.5)];
  const sum = weights.reduce((a, b) => a + b, 0);
  return {
    keywords: keywords.map((k) => {
      const index = live.indexOf(k);
      return { ...k, share: index < 0 ? 0 : (weights[index] ?? 0) / sum };
    }),
    targets: [
      {
        targetId: id(60, 0),
        expressionType: 'MANUAL',
        expression: [{ type: 'ASIN_SAME_AS', value: competitor }],
        state: 'ENABLED',
        bid: bid(),
        share: (weights.at(-1) ?? 0) / sum,
      },
    ],
  };
}
