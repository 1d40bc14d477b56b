import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { spError } from '../http/respond.js';
import { type RouteArgs, type RouteSpec, route } from '../http/route.js';
import { checkAccessToken } from '../state/auth.js';
import type { Grant, UserRecord } from '../state/types.js';
import type { SellingPartner } from '../world/types.js';

/** An authenticated SP-API caller: the selling partner its token was granted for. */
export interface SpCaller {
  grant: Grant;
  record: UserRecord;
  partner: SellingPartner;
}

const DENIED = 'Access to requested resource is denied.';

/** Checks `x-amz-access-token`: a live Seller Central grant for this region. Answers 403 `{errors:[…]}` otherwise. */
export function authenticateSpApi(
  ctx: MockContext,
  request: Request,
  region: AmazonRegion,
): SpCaller | Response {
  const check = checkAccessToken(ctx, request.headers.get('x-amz-access-token'));
  if (!check.ok) {
    if (check.reason === 'missing')
      return spError(403, 'Unauthorized', DENIED, 'The request has no x-amz-access-token header.');
    if (check.reason === 'expired')
      return spError(403, 'Unauthorized', DENIED, 'The access token you provided has expired.');
    return spError(
      403,
      'Unauthorized',
      DENIED,
      'The access token you provided is revoked, malformed or invalid.',
    );
  }
  const partner = check.record.user.sellingPartners.find(
    (p) => p.sellingPartnerId === check.grant.sellingPartnerId,
  );
  if (check.grant.kind !== 'sellingPartner' || check.grant.region !== region || !partner) {
    return spError(403, 'Unauthorized', DENIED, '');
  }
  return { grant: check.grant, record: check.record, partner };
}

/**
 * One SP-API endpoint on one region's host: `resolve` answers only an authenticated caller
 * ({@link authenticateSpApi} answers the rest).
 */
export function spApiRoute(
  ctx: MockContext,
  region: AmazonRegion,
  spec: Pick<RouteSpec, 'method' | 'path' | 'endpoint'>,
  resolve: (caller: SpCaller, args: RouteArgs) => Response | Promise<Response>,
): HttpHandler {
  return route(ctx, region, { ...spec, service: 'spApi', family: 'spapi' }, (args) => {
    const caller = authenticateSpApi(ctx, args.request, region);
    if (caller instanceof Response) return caller;
    return resolve(caller, args);
  });
}
