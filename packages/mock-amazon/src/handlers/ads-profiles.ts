import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { adsError, json } from '../http/respond.js';
import type { AdsProfile, AdvertisingAccount } from '../world/types.js';
import { adsRoute, profilesIn } from './ads-auth.js';

/** A profile as `GET /v2/profiles` shows it. */
export function profileJson(account: AdvertisingAccount, profile: AdsProfile) {
  return {
    profileId: profile.profileId,
    countryCode: profile.marketplace.countryCode,
    currencyCode: profile.marketplace.currencyCode,
    dailyBudget: profile.dailyBudget,
    timezone: profile.marketplace.timezone,
    accountInfo: {
      marketplaceStringId: profile.marketplace.id,
      id: account.entityId,
      type: account.type,
      name: account.name,
      validPaymentMethod: true,
    },
  };
}

/** `GET /v2/profiles` and `GET /v2/profiles/{profileId}` on one region's Ads host. */
export function adsProfileHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  const spec = { method: 'GET', needScope: false } as const;
  return [
    adsRoute(
      ctx,
      region,
      { ...spec, path: '/v2/profiles', endpoint: 'ads.profiles' },
      (caller, { request }) => {
        const filter = new URL(request.url).searchParams.get('profileTypeFilter');
        const types = filter ? filter.split(',').map((t) => t.trim()) : null;
        const profiles = profilesIn(caller.record, region)
          .filter(({ account }) => !types || types.includes(account.type))
          .map(({ account, profile }) => profileJson(account, profile));
        return json(200, profiles);
      },
    ),
    adsRoute(
      ctx,
      region,
      { ...spec, path: '/v2/profiles/:profileId', endpoint: 'ads.profiles.get' },
      (caller, { requestId, params }) => {
        const match = profilesIn(caller.record, region).find(
          (p) => String(p.profile.profileId) === params.profileId,
        );
        if (!match) return adsError(404, 'Profile not found', requestId, 'NOT_FOUND');
        return json(200, profileJson(match.account, match.profile));
      },
    ),
  ];
}
