import * as oauth from 'oauth4webapi';
import type { AuthorizeRequest, AuthorizeResponse } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { amazonUrl } from '../amazon/amazon-base-urls';
import { primaryConnections } from '../metrics/connections-status';
import { type FlowContext, type FlowSubscription, sha256, verifierContext } from './flow-context';
import { newOAuthState } from './oauth-state';

const advertisingScope = 'advertising::campaign_management';

/**
 * `/authorize`: checks the rules that can be checked before the redirect (the one-account rule, Seller Central
 * needs Advertising), then records a pending transaction under a random `state` and builds Amazon's URL (Login
 * with Amazon with PKCE S256, or the Seller Central consent page).
 */
export async function startAuthorization(
  ctx: FlowContext,
  subscription: FlowSubscription,
  request: AuthorizeRequest,
): Promise<AuthorizeResponse> {
  const now = ctx.now();
  const connections = await ctx.store.listConnections(subscription.id);
  const advertising = connections.filter((c) => c.kind === 'advertising');
  // Seller Central is authorised per region: by default the Advertising account's home region (its first
  // profile's); `region` asks for another (Europe, for a seller's UK and German marketplaces).
  const home = request.kind === 'sellerCentral' ? primaryConnections(connections).advertising : undefined;
  const region = request.region ?? home?.account.marketplaces[0]?.region ?? ctx.amazon.defaultRegion ?? 'na';
  if (!ctx.regions.includes(region)) {
    throw new ConnectionsError('invalid_request', {
      detail: `This app does not connect accounts in region ${region}.`,
    });
  }
  if (request.kind === 'advertising') {
    // Stale accounts do not count: reconnecting one is how a stale connection is repaired.
    const healthy = advertising.filter((c) => c.health === 'ok');
    if (healthy.length >= subscription.accountLimit) throw new ConnectionsError('account_limit_reached');
  } else if (advertising.length === 0) {
    throw new ConnectionsError('advertising_required');
  }

  const expiresAt = now + ctx.transactionTtlMs;
  const { state, selector, verifier } = newOAuthState(expiresAt);
  const redirectUri = ctx.amazon.redirectUris[request.kind];
  let url: URL;
  let sealedCodeVerifier: string | null = null;
  if (request.kind === 'advertising') {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    sealedCodeVerifier = await ctx.cipher.encrypt(
      codeVerifier,
      verifierContext({ subscriptionId: subscription.id, selector }),
    );
    url = amazonUrl(ctx.baseUrls.authorize[region], '/ap/oa');
    url.searchParams.set('client_id', ctx.amazon.clientId);
    url.searchParams.set('scope', advertisingScope);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  } else {
    url = amazonUrl(ctx.baseUrls.sellerCentral[region], '/apps/authorize/consent');
    url.searchParams.set('application_id', ctx.amazon.applicationId);
    url.searchParams.set('state', state);
    url.searchParams.set('redirect_uri', redirectUri);
    if (ctx.amazon.draftApp) url.searchParams.set('version', 'beta');
  }
  await ctx.store.createTransaction({
    selector,
    verifierHash: await sha256(verifier),
    subscriptionId: subscription.id,
    kind: request.kind,
    region,
    returnTo: request.returnTo,
    sealedCodeVerifier,
    createdAt: now,
    expiresAt,
    phase: 'pending',
    outcome: null,
    sealedPendingGrant: null,
    claimId: null,
    claimedAt: null,
  });
  return { authorizeUrl: url.href, state, expiresAt: new Date(expiresAt).toISOString() };
}
