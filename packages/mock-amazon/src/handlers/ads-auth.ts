import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { adsError, v3Error } from '../http/respond.js';
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

/** How an Ads API family writes a 401: v2/reporting `{code, details, requestId}`, campaign management v3 `{code, message}`. */
function unauthorized(family: AdsFamily, details: string, requestId: string): Response {
  return family === 'adsV3' ? v3Error(401, 'UNAUTHORIZED', details) : adsError(401, details, requestId);
}

/** The Ads API's two error dialects (see {@link unauthorized}). */
export type AdsFamily = 'ads' | 'adsV3';

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
  family: AdsFamily = 'ads',
): AdsCaller | Response {
  const fail = (details: string) => unauthorized(family, details, requestId);
  const clientId = request.headers.get('amazon-advertising-api-clientid');
  if (!clientId) return fail('Amazon-Advertising-API-ClientId header is missing');
  const check = checkAccessToken(ctx, bearer(request));
  if (!check.ok) {
    const details =
      check.reason === 'expired'
        ? 'Authentication failed: the access token has expired'
        : 'Authentication failed';
    return fail(details);
  }
  if (check.grant.kind !== 'advertising') return fail('Authentication failed');
  if (clientId !== check.clientId) {
    return fail('The Amazon-Advertising-API-ClientId does not match the access token');
  }
  if (!needScope) return { grant: check.grant, record: check.record, profile: null, account: null };
  const scope = request.headers.get('amazon-advertising-api-scope');
  if (!scope) return fail('Scope header is missing');
  const match = profilesIn(check.record, region).find((p) => String(p.profile.profileId) === scope.trim());
  if (!match) {
    const anyUser = [...ctx.state.users.values()].some((record) =>
      profilesIn(record, region).some((p) => String(p.profile.profileId) === scope.trim()),
    );
    return fail(
      anyUser ? `Not authorized to access scope ${scope}` : 'No matching advertiser found for scope',
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
  spec: Pick<RouteSpec, 'method' | 'path' | 'endpoint'> & { needScope: boolean; family?: AdsFamily },
  resolve: (caller: AdsCaller, args: RouteArgs) => Response | Promise<Response>,
): HttpHandler {
  const { needScope, family = 'ads', ...endpoint } = spec;
  return route(ctx, region, { ...endpoint, service: 'ads', family }, (args) => {
    const caller = authenticateAds(ctx, args.request, region, args.requestId, needScope, family);
    if (caller instanceof Response) return caller;
    return resolve(caller, args);
  });
}
