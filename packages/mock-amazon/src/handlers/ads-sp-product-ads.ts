import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import type { RouteArgs } from '../http/route.js';
import { type AdsCaller, adsRoute } from './ads-auth.js';
import { includeList, invalid, mediaTypeProblem, readBody, vendorJson } from './ads-sp-targeting.js';

/*
 * Sponsored Products campaign management v3: product ads, list only (ListSponsoredProductsProductAdsRequestContent:
 * campaignIdFilter, adGroupIdFilter, adIdFilter, stateFilter, maxResults; answers { productAds, totalResults }).
 * Enough for a host to find which campaigns advertise an ASIN before changing their bids.
 */

const MEDIA_TYPE = 'application/vnd.spProductAd.v3+json';
const MAX_PAGE = 5000;

interface ProductAd {
  adId: string;
  adGroupId: string;
  campaignId: string;
  asin: string;
  state: 'ENABLED';
}

const filterFields: Record<string, keyof ProductAd> = {
  campaignIdFilter: 'campaignId',
  adGroupIdFilter: 'adGroupId',
  adIdFilter: 'adId',
  stateFilter: 'state',
};

async function list(caller: AdsCaller, { request }: RouteArgs): Promise<Response> {
  const media = mediaTypeProblem(request, MEDIA_TYPE);
  if (media) return media;
  const body = await readBody(request);
  if (!body) return invalid('The request body is not a JSON object');
  const { maxResults, ...filters } = body;
  const keeps: ((ad: ProductAd) => boolean)[] = [];
  for (const [name, value] of Object.entries(filters)) {
    const field = filterFields[name];
    if (!field) return invalid(`Unknown field ${name}`);
    const set = includeList(value, name, 1000);
    if (typeof set === 'string') return invalid(set);
    keeps.push((ad) => set.has(ad[field]));
  }
  if (
    maxResults !== undefined &&
    (!Number.isInteger(maxResults) || (maxResults as number) < 1 || (maxResults as number) > MAX_PAGE)
  ) {
    return invalid(`maxResults must be an integer from 1 to ${MAX_PAGE}`);
  }
  const ads: ProductAd[] = (caller.profile?.campaigns ?? []).flatMap((campaign) =>
    campaign.ads.map((ad) => ({
      adId: String(ad.adId),
      adGroupId: String(campaign.adGroupId),
      campaignId: String(campaign.campaignId),
      asin: ad.asin,
      state: 'ENABLED' as const,
    })),
  );
  const matching = ads.filter((ad) => keeps.every((keep) => keep(ad)));
  return vendorJson(
    200,
    {
      productAds: matching.slice(0, (maxResults as number | undefined) ?? MAX_PAGE),
      totalResults: matching.length,
    },
    MEDIA_TYPE,
  );
}

/**
 * `POST /sp/productAds/list` on one region's Ads host (endpoint name `ads.sp.productAds.list`).
 *
 * @example
 * ```ts
 * const handlers = [...adsSpTargetingHandlers(ctx, 'na'), ...adsSpProductAdsHandlers(ctx, 'na')];
 * ```
 */
export function adsSpProductAdsHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    adsRoute(
      ctx,
      region,
      {
        method: 'POST',
        path: '/sp/productAds/list',
        endpoint: 'ads.sp.productAds.list',
        needScope: true,
        family: 'adsV3',
      },
      (caller, args) => list(caller, args),
    ),
  ];
}
