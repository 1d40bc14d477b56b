import type { HttpHandler } from 'msw';
import { amazonRegions } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { adsProfileHandlers } from './ads-profiles.js';
import { adsReportHandlers } from './ads-reports.js';
import { adsSpProductAdsHandlers } from './ads-sp-product-ads.js';
import { adsSpTargetingHandlers } from './ads-sp-targeting.js';
import { lwaAuthorizeHandlers } from './lwa-authorize.js';
import { lwaTokenHandlers } from './lwa-token.js';
import { reportDownloadHandlers } from './report-downloads.js';
import { sellerCentralHandlers } from './seller-central-consent.js';
import { spApiReportHandlers } from './spapi-reports.js';
import { spApiSalesHandlers } from './spapi-sales.js';
import { spApiSellerHandlers } from './spapi-sellers.js';

/** Every handler of the mock, for all three regions, in one list. */
export function createHandlers(ctx: MockContext): HttpHandler[] {
  return amazonRegions.flatMap((region) => [
    ...lwaAuthorizeHandlers(ctx, region),
    ...lwaTokenHandlers(ctx, region),
    ...sellerCentralHandlers(ctx, region),
    ...adsProfileHandlers(ctx, region),
    ...adsReportHandlers(ctx, region),
    ...adsSpTargetingHandlers(ctx, region),
    ...adsSpProductAdsHandlers(ctx, region),
    ...spApiSellerHandlers(ctx, region),
    ...spApiSalesHandlers(ctx, region),
    ...spApiReportHandlers(ctx, region),
    ...reportDownloadHandlers(ctx, region),
  ]);
}
