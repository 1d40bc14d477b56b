import type { AmazonRegion, CallbackRequest } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { primaryConnections } from '../metrics/connections-status';
import type {
  ClaimablePhase,
  OAuthTransactionRecord,
  SellerMarketplaceRecord,
  TransactionOutcome,
} from '../storage/connection-store';
import { randomToken } from '../tokens/base64url';
import { sealContext } from '../tokens/token-manager';
import {
  type Claim,
  type ConnectedAccount,
  type FlowContext,
  type FlowSubscription,
  grantContext,
  type PendingGrant,
  type StepResult,
  transientCodes,
  verifierContext,
} from './flow-context';

// The steps one request takes on a transaction it has claimed. Every write is fenced by the claim; a step answers
// `claim_lost` when another request took the transaction over meanwhile (nothing was written then).

const typed = (error: unknown): ConnectionsError =>
  error instanceof ConnectionsError ? error : new ConnectionsError('server_error', { cause: error });

const sealGrant = (ctx: FlowContext, transaction: OAuthTransactionRecord, grant: PendingGrant) =>
  ctx.cipher.encrypt(JSON.stringify(grant), grantContext(transaction));
const openGrant = async (
  ctx: FlowContext,
  transaction: OAuthTransactionRecord,
  sealed: string,
): Promise<PendingGrant> =>
  JSON.parse(await ctx.cipher.decrypt(sealed, grantContext(transaction))) as PendingGrant;

/** Claims the transaction from `from` for this request; null when another request got it first. */
export async function claimTransaction(
  ctx: FlowContext,
  transaction: OAuthTransactionRecord,
  from: ClaimablePhase,
): Promise<Claim | null> {
  const claimId = randomToken(12);
  const now = ctx.now();
  const won = await ctx.store.claimTransaction(transaction.selector, {
    from,
    claimId,
    now,
    ...(from === 'exchanging' ? { abandonedBefore: now - ctx.exchangeLeaseMs } : {}),
  });
  return won ? { transaction, claimId } : null;
}

/**
 * Ends a claim after `error`: a transient failure leaves the transaction retryable (`pending` before Amazon gave
 * tokens, `granted` after, with the failure recorded for requests that waited on this one); any other failure
 * settles it. Then rethrows the typed error.
 */
async function failClaim(
  ctx: FlowContext,
  held: Claim,
  error: unknown,
  sealedGrant: string | null,
): Promise<never> {
  const failure = typed(error);
  const outcome: TransactionOutcome = { type: 'failed', code: failure.code };
  const retry = transientCodes.has(failure.code);
  await ctx.store
    .settleTransaction(held.transaction.selector, held.claimId, {
      phase: retry ? (sealedGrant === null ? 'pending' : 'granted') : 'done',
      outcome,
      sealedPendingGrant: retry ? sealedGrant : null,
    })
    .catch(() => undefined);
  throw failure;
}

/** Seals the grant's tokens under a fresh authorization id and saves the connection, settling the claim. */
async function sealAndSave(
  ctx: FlowContext,
  subscription: FlowSubscription,
  held: Claim,
  grant: PendingGrant,
  connected: ConnectedAccount,
  chosen = false,
  storeNames: StoreNamesOfRegions = {},
): Promise<StepResult> {
  const authorizationId = randomToken(16);
  const ids = { subscriptionId: subscription.id, authorizationId };
  const saved = await ctx.store.saveConnection({
    connection: {
      ...connected,
      ...ids,
      tokenRegion: grant.tokenRegion,
      sealedRefreshToken: await ctx.cipher.encrypt(grant.refreshToken, sealContext.refresh(ids)),
      sealedAccessToken: await ctx.cipher.encrypt(grant.accessToken, sealContext.access(ids)),
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
      health: 'ok',
      connectedAt: ctx.now(),
    },
    accountLimit: subscription.accountLimit,
    settle: { selector: held.transaction.selector, claimId: held.claimId },
    context: { ...subscription.context, at: ctx.now(), chosen },
    ...(Object.keys(storeNames).length > 0 ? { authorisedMarketplaces: storeNames } : {}),
  });
  if (saved.ok) return { outcome: 'connected' };
  if (saved.code === 'claim_lost') return 'claim_lost';
  throw new ConnectionsError(saved.code, saved.detail ? { detail: saved.detail } : {});
}

/** The participations of authorised regions read afresh, by authorisation id. */
type StoreNamesOfRegions = { [authorizationId: string]: SellerMarketplaceRecord[] };

/**
 * For the one-account rule across regions: the marketplace participations (with the store name) of each other
 * region's authorisation whose stored row has no store name (rows made before store names were kept), read from
 * the SP-API with that authorisation's own token. One that cannot be read is left out (the save then cannot
 * establish that the sellers are the same, and refuses).
 */
async function storeNamesOfAuthorisedRegions(
  ctx: FlowContext,
  subscription: FlowSubscription,
  region: AmazonRegion,
): Promise<StoreNamesOfRegions> {
  const tokens = ctx.tokens;
  if (!tokens) return {};
  const { sellerCentralRegions } = primaryConnections(await ctx.store.listConnections(subscription.id));
  const unnamed = sellerCentralRegions.filter(
    (layer) =>
      layer.tokenRegion !== region && layer.health === 'ok' && !layer.marketplaces.some((m) => m.storeName),
  );
  const read: StoreNamesOfRegions = {};
  for (const layer of unnamed) {
    try {
      read[layer.authorizationId] = await tokens.withAccessToken(layer, (accessToken) =>
        ctx.sp.marketplaces(accessToken, layer.tokenRegion),
      );
    } catch {
      // Left out: sameness cannot be established with this region.
    }
  }
  return read;
}

/** With Amazon's tokens in hand: finds the accounts and saves the connection (or offers the choice). */
async function discoverAndSave(
  ctx: FlowContext,
  subscription: FlowSubscription,
  held: Claim,
  grant: PendingGrant,
  sellingPartnerId: string | null,
): Promise<StepResult> {
  const { transaction } = held;
  if (transaction.kind === 'sellerCentral') {
    const marketplaces = await ctx.sp.marketplaces(grant.accessToken, grant.tokenRegion).catch((error) => {
      // A fresh token refused by the SP-API means this login has no selling account there.
      if (error instanceof ConnectionsError) throw error;
      throw new ConnectionsError('no_seller_central_access');
    });
    if (marketplaces.length === 0 || sellingPartnerId === null)
      throw new ConnectionsError('no_seller_central_access');
    return sealAndSave(
      ctx,
      subscription,
      held,
      grant,
      { kind: 'sellerCentral', accountId: sellingPartnerId, marketplaces },
      false,
      await storeNamesOfAuthorisedRegions(ctx, subscription, grant.tokenRegion),
    );
  }
  const accounts = await ctx.ads.discoverAccounts(grant.accessToken, ctx.regions).catch((error) => {
    if (error instanceof ConnectionsError) throw error;
    throw new ConnectionsError('no_advertising_access');
  });
  const [only] = accounts;
  if (!only) throw new ConnectionsError('no_advertising_access');
  if (accounts.length === 1)
    return sealAndSave(ctx, subscription, held, grant, {
      kind: 'advertising',
      accountId: only.id,
      account: only,
    });
  const settled = await ctx.store.settleTransaction(transaction.selector, held.claimId, {
    phase: 'choosing',
    outcome: { type: 'choose_account', accounts },
    sealedPendingGrant: await sealGrant(ctx, transaction, grant),
  });
  return settled ? { outcome: 'choose_account', accounts } : 'claim_lost';
}

/** Exchanges the code (held from `pending`), seals the tokens into the transaction at once, then saves. */
export async function exchangeCode(
  ctx: FlowContext,
  subscription: FlowSubscription,
  held: Claim,
  request: CallbackRequest,
): Promise<StepResult> {
  const { transaction } = held;
  let grant: PendingGrant;
  try {
    const codeVerifier =
      transaction.sealedCodeVerifier === null
        ? null
        : await ctx.cipher.decrypt(transaction.sealedCodeVerifier, verifierContext(transaction));
    const tokens = await ctx.lwa.exchangeCode({
      region: transaction.region,
      code: request.code,
      redirectUri: ctx.amazon.redirectUris[transaction.kind],
      codeVerifier,
    });
    grant = { ...tokens, tokenRegion: transaction.region };
  } catch (error) {
    return failClaim(ctx, held, error, null);
  }
  // From here on the code is spent: keep Amazon's tokens, so neither a retry nor a takeover needs it again.
  let sealedGrant: string | null = null;
  try {
    sealedGrant = await sealGrant(ctx, transaction, grant);
    await ctx.store.settleTransaction(transaction.selector, held.claimId, {
      phase: 'exchanging',
      outcome: null,
      sealedPendingGrant: sealedGrant,
      renewedAt: ctx.now(),
    });
  } catch {
    // The store is failing: carry on in memory; a failure below leaves the claim to its lease.
  }
  const sellingPartnerId = request.kind === 'sellerCentral' ? request.sellingPartnerId : null;
  try {
    return await discoverAndSave(ctx, subscription, held, grant, sellingPartnerId);
  } catch (error) {
    return failClaim(ctx, held, error, sealedGrant);
  }
}

/** Resumes a claimed transaction that already holds Amazon's tokens (`granted`, or an abandoned exchange). */
export async function resumeGranted(
  ctx: FlowContext,
  subscription: FlowSubscription,
  held: Claim,
  sellingPartnerId: string | null,
): Promise<StepResult> {
  const sealed = held.transaction.sealedPendingGrant;
  try {
    if (sealed === null) throw new ConnectionsError('exchange_interrupted');
    const grant = await openGrant(ctx, held.transaction, sealed);
    return await discoverAndSave(ctx, subscription, held, grant, sellingPartnerId);
  } catch (error) {
    return failClaim(ctx, held, error, sealed);
  }
}

/** Saves the account picked among several (held from `choosing`). */
export async function chooseAccount(
  ctx: FlowContext,
  subscription: FlowSubscription,
  held: Claim,
  accountId: string,
): Promise<StepResult> {
  const { transaction } = held;
  const offered = transaction.outcome?.type === 'choose_account' ? transaction.outcome.accounts : [];
  const account = offered.find((candidate) => candidate.id === accountId);
  try {
    if (!account || transaction.sealedPendingGrant === null) throw new ConnectionsError('server_error');
    const grant = await openGrant(ctx, transaction, transaction.sealedPendingGrant);
    return await sealAndSave(
      ctx,
      subscription,
      held,
      grant,
      { kind: 'advertising', accountId, account },
      true,
    );
  } catch (error) {
    // Back to the choice: the tokens stay, another pick (or the same, retried) can still succeed.
    const failure = typed(error);
    const transient = transientCodes.has(failure.code);
    await ctx.store
      .settleTransaction(transaction.selector, held.claimId, {
        phase: transient ? 'choosing' : 'done',
        outcome: transient ? transaction.outcome : { type: 'failed', code: failure.code },
        sealedPendingGrant: transient ? transaction.sealedPendingGrant : null,
      })
      .catch(() => undefined);
    throw failure;
  }
}
