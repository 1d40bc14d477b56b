import type { AdsReportConfiguration } from '../state/types.js';
import type { Marketplace } from '../world/marketplaces.js';
import { type AdDay, type AdFigures, campaignAdDays, roundMoney } from '../world/shop-metrics.js';
import type { AdsProfile, Shop } from '../world/types.js';

/** A keyword or product target of an spTargeting row, with its bid and state when the report was generated. */
export interface TargetingRow {
  kind: 'keyword' | 'target';
  id: string;
  campaignId: number;
  text: string;
  matchType: string;
  bid: number;
  state: string;
  share: number;
}

interface RowSource {
  totals: AdFigures;
  targeting?: TargetingRow;
  date: string | null;
  startDate: string;
  endDate: string;
  day: AdDay;
  profile: AdsProfile;
  marketplace: Marketplace;
}

type Column = (row: RowSource) => string | number | null;

const windows: Record<string, number> = { '1d': 0.78, '7d': 0.94, '14d': 1, '30d': 1.03 };

function metricColumns(): Record<string, Column> {
  const columns: Record<string, Column> = {
    impressions: (r) => r.totals.impressions,
    clicks: (r) => r.totals.clicks,
    cost: (r) => roundMoney(r.totals.cost, r.marketplace.currencyCode),
    spend: (r) => roundMoney(r.totals.cost, r.marketplace.currencyCode),
    costPerClick: (r) =>
      r.totals.clicks > 0 ? Math.round((r.totals.cost / r.totals.clicks) * 100) / 100 : 0,
    clickThroughRate: (r) =>
      r.totals.impressions > 0 ? Math.round((r.totals.clicks / r.totals.impressions) * 10_000) / 100 : 0,
    roasClicks14d: (r) => (r.totals.cost > 0 ? Math.round((r.totals.sales / r.totals.cost) * 100) / 100 : 0),
    acosClicks14d: (r) =>
      r.totals.sales > 0 ? Math.round((r.totals.cost / r.totals.sales) * 10_000) / 100 : 0,
  };
  for (const [window, factor] of Object.entries(windows)) {
    columns[`sales${window}`] = (r) => roundMoney(r.totals.sales * factor, r.marketplace.currencyCode);
    columns[`purchases${window}`] = (r) => Math.round(r.totals.purchases * factor);
    columns[`unitsSoldClicks${window}`] = (r) => Math.round(r.totals.units * factor);
    columns[`attributedSalesSameSku${window}`] = (r) =>
      roundMoney(r.totals.sales * factor * 0.92, r.marketplace.currencyCode);
    columns[`purchasesSameSku${window}`] = (r) => Math.round(r.totals.purchases * factor * 0.92);
  }
  return columns;
}

const common: Record<string, Column> = {
  ...metricColumns(),
  date: (r) => r.date,
  startDate: (r) => r.startDate,
  endDate: (r) => r.endDate,
  campaignId: (r) => r.day.campaign.campaignId,
  campaignName: (r) => r.day.campaign.name,
  campaignStatus: () => 'ENABLED',
  campaignBudgetAmount: (r) => r.day.campaign.dailyBudget,
  campaignBudgetType: () => 'DAILY_BUDGET',
  campaignBudgetCurrencyCode: (r) => r.marketplace.currencyCode,
};

/** Amazon's `matchType` column of spTargeting: the keyword's match type, or TARGETING_EXPRESSION(_PREDEFINED). */
const targetingColumns: Record<string, Column> = {
  adGroupId: (r) => r.day.campaign.adGroupId,
  adGroupName: (r) => r.day.campaign.adGroupName,
  keywordId: (r) => (r.targeting ? Number(r.targeting.id) : null),
  keyword: (r) => r.targeting?.text ?? null,
  targeting: (r) => r.targeting?.text ?? null,
  keywordBid: (r) => r.targeting?.bid ?? null,
  keywordType: (r) => (r.targeting?.kind === 'keyword' ? r.targeting.matchType : 'TARGETING_EXPRESSION'),
  matchType: (r) => r.targeting?.matchType ?? null,
  adKeywordStatus: (r) => r.targeting?.state ?? null,
};

/** The report types the mock serves: their allowed `groupBy` and columns. */
export const adsReportTypes: Record<string, { groupBy: string[]; columns: Record<string, Column> }> = {
  spCampaigns: { groupBy: ['campaign'], columns: common },
  spAdvertisedProduct: {
    groupBy: ['advertiser'],
    columns: {
      ...common,
      adGroupId: (r) => r.day.campaign.adGroupId,
      adGroupName: (r) => r.day.campaign.adGroupName,
      adId: (r) => r.day.adId ?? null,
      advertisedAsin: (r) => r.day.asin ?? null,
      advertisedSku: (r) => r.day.sku ?? null,
    },
  },
  // Per keyword / product target: each gets its share of its campaign's ad figures; keywordBid is the bid at the
  // time the report was generated, so a bid changed through PUT /sp/keywords shows in later reports.
  spTargeting: { groupBy: ['targeting'], columns: { ...common, ...targetingColumns } },
};

function add(totals: AdFigures, day: AdFigures): void {
  totals.impressions += day.impressions;
  totals.clicks += day.clicks;
  totals.cost += day.cost;
  totals.sales += day.sales;
  totals.purchases += day.purchases;
  totals.units += day.units;
}

/** Builds the rows of an Ads report: only the requested columns, one row per group (and per date when DAILY). */
export function buildAdsReportRows(options: {
  seed: number;
  shop: Shop;
  profile: AdsProfile;
  configuration: AdsReportConfiguration;
  startDate: string;
  endDate: string;
  dates: string[];
  /** The profile's keywords and targets now (spTargeting only). */
  targeting?: TargetingRow[];
}): Record<string, string | number | null>[] {
  const { seed, shop, profile, configuration } = options;
  const type = adsReportTypes[configuration.reportTypeId];
  if (!type) return [];
  if (configuration.reportTypeId === 'spTargeting') return targetingRows(options, type.columns);
  const perAsin = configuration.reportTypeId === 'spAdvertisedProduct';
  const groups = new Map<string, RowSource>();
  for (const campaign of profile.campaigns) {
    for (const date of options.dates) {
      for (const day of campaignAdDays(seed, shop, profile.marketplace, campaign, date)) {
        const key = [
          configuration.timeUnit === 'DAILY' ? date : '',
          campaign.campaignId,
          perAsin ? day.asin : '',
        ].join('|');
        let group = groups.get(key);
        if (!group) {
          group = {
            totals: { impressions: 0, clicks: 0, cost: 0, sales: 0, purchases: 0, units: 0 },
            date: configuration.timeUnit === 'DAILY' ? date : null,
            startDate: options.startDate,
            endDate: options.endDate,
            day,
            profile,
            marketplace: profile.marketplace,
          };
          groups.set(key, group);
        }
        add(group.totals, day);
      }
    }
  }
  return [...groups.values()]
    .filter((group) => group.totals.impressions > 0 || group.totals.clicks > 0)
    .map((group) => {
      const row: Record<string, string | number | null> = {};
      for (const column of configuration.columns) row[column] = type.columns[column]?.(group) ?? null;
      return row;
    });
}

function scaled(figures: AdFigures, share: number, currencyCode: string): AdFigures {
  return {
    impressions: Math.round(figures.impressions * share),
    clicks: Math.round(figures.clicks * share),
    cost: roundMoney(figures.cost * share, currencyCode),
    sales: roundMoney(figures.sales * share, currencyCode),
    purchases: Math.round(figures.purchases * share),
    units: Math.round(figures.units * share),
  };
}

/** spTargeting rows: a campaign's ad figures split over its keywords and targets by their shares. */
function targetingRows(
  options: Parameters<typeof buildAdsReportRows>[0],
  columns: Record<string, Column>,
): Record<string, string | number | null>[] {
  const { seed, shop, profile, configuration } = options;
  const currency = profile.marketplace.currencyCode;
  const groups = new Map<string, RowSource>();
  for (const campaign of profile.campaigns) {
    const entities = (options.targeting ?? []).filter((t) => t.campaignId === campaign.campaignId);
    for (const date of options.dates) {
      const days = campaignAdDays(seed, shop, profile.marketplace, campaign, date);
      const first = days[0];
      if (!first) continue;
      const day: AdFigures = { impressions: 0, clicks: 0, cost: 0, sales: 0, purchases: 0, units: 0 };
      for (const d of days) add(day, d);
      for (const entity of entities) {
        const key = `${configuration.timeUnit === 'DAILY' ? date : ''}|${entity.kind}:${entity.id}`;
        let group = groups.get(key);
        if (!group) {
          group = {
            totals: { impressions: 0, clicks: 0, cost: 0, sales: 0, purchases: 0, units: 0 },
            targeting: entity,
            date: configuration.timeUnit === 'DAILY' ? date : null,
            startDate: options.startDate,
            endDate: options.endDate,
            day: first,
            profile,
            marketplace: profile.marketplace,
          };
          groups.set(key, group);
        }
        add(group.totals, scaled(day, entity.share, currency));
      }
    }
  }
  return [...groups.values()]
    .filter((group) => group.totals.impressions > 0 || group.totals.clicks > 0)
    .map((group) => {
      const row: Record<string, string | number | null> = {};
      for (const column of configuration.columns) row[column] = columns[column]?.(group) ?? null;
      return row;
    });
}
