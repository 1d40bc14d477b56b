import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json } from '../http/respond.js';
import { spApiRoute } from './spapi-auth.js';

/** `GET /sellers/v1/marketplaceParticipations` on one region's SP-API host. */
export function spApiSellerHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    spApiRoute(
      ctx,
      region,
      {
        method: 'GET',
        path: '/sellers/v1/marketplaceParticipations',
        endpoint: 'spapi.marketplaceParticipations',
      },
      (caller) =>
        json(200, {
          payload: caller.partner.marketplaces.map((marketplace) => ({
            marketplace: {
              id: marketplace.id,
              name: marketplace.name,
              countryCode: marketplace.countryCode === 'UK' ? 'GB' : marketplace.countryCode,
              defaultCurrencyCode: marketplace.currencyCode,
              defaultLanguageCode: marketplace.languageCode,
              domainName: marketplace.domainName,
            },
            storeName: caller.partner.storeName,
            participation: { isParticipating: true, hasSuspendedListings: false },
          })),
        }),
    ),
  ];
}
