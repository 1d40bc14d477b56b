import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { adsError } from '../http/respond.js';
import { type RouteArgs, type RouteSpec, route } from '../http/route.js';
import { checkAccessToken } from '../state/auth.js';
import type { Grant, UserRecord } from '../state/types.js';
import type { AdsProfile, AdvertisingAccount } from '../world/types.js';

/** An authenticated Ads API caller (and, when asked for, the profile of its scope header). */
export interface AdsCaller {
  grant: Grant;
  record: UserRecord;
  profile: AdsProfile | null;
  account: AdvertisingAccount | null;
}

/** The profiles a user can see on one region's host. */
export function profilesIn(record: UserRecord, region: AmazonRegion) {
  return record.user.advertisingAccounts.flatMap((account) =>
    account.profiles.filter((p) => p.marketplace.region === region).map((profile) => ({ account, profile })),
  );
}

function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * Checks the headers every Ads API call needs: `Authorization: Bearer`, `Amazon-Advertising-API-ClientId`,
 * and (when `needScope`) `Amazon-Advertising-API-Scope`. Answers Amazon's 401 bodies on failure.
 */
export function authenticateAds(
  ctx: MockContext,
  request: Request,
  region: AmazonRegion,
  requestId: string,
  needScope: boolean,
): AdsCaller | Response {
  const clientId = request.headers.get('amazon-advertising-api-clientid');
  if (!clientId) return adsError(401, 'Amazon-Advertising-API-ClientId header is missing', requestId);
  const check = checkAccessToken(ctx, bearer(request));
  if (!check.ok) {
    const details =
      check.reason === 'expired'
        ? 'Authentication failed: the access token has expired'
        : 'Authentication failed';
    return adsError(401, details, requestId);
  }
  if (check.grant.kind !== 'advertising') return adsError(401, 'Authentication failed', requestId);
  if (clientId !== check.clientId) {
    return adsError(401, 'The Amazon-Advertising-API-ClientId does not match the access token', requestId);
  }
  if (!needScope) return { grant: check.grant, record: check.record, profile: null, account: null };
  const scope = request.headers.get('amazon-advertising-api-scope');
  if (!scope) return adsError(401, 'Scope header is missing', requestId);
  const match = profilesIn(check.record, region).find((p) => String(p.profile.profileId) === scope.trim());
  if (!match) {
    const anyUser = [...ctx.state.users.values()].some((record) =>
      profilesIn(record, region).some((p) => String(p.profile.profileId) === scope.trim()),
    );
    return adsError(
      401,
      anyUser ? `Not authorized to access scope ${scope}` : 'No matching advertiser found for scope',
      requestId,
    );
  }
  return { grant: check.grant, record: check.record, profile: match.profile, account: match.account };
}

/**
 * One Ads API endpoint on one region's host: `resolve` answers only an authenticated caller
 * ({@link authenticateAds}, with the scope header when `needScope`, answers the rest).
 */
export function adsRoute(
  ctx: MockContext,
  region: AmazonRegion,
  spec: Pick<RouteSpec, 'method' | 'path' | 'endpoint'> & { needScope: boolean },
  resolve: (caller: AdsCaller, args: RouteArgs) => Response | Promise<Response>,
): HttpHandler {
  const { needScope, ...endpoint } = spec;
  return route(ctx, region, { ...endpoint, service: 'ads', family: 'ads' }, (args) => {
    const caller = authenticateAds(ctx, args.request, region, args.requestId, needScope);
    if (caller instanceof Response) return caller;
    return resolve(caller, args);
  });
}
