import * as oauth from 'oauth4webapi';
import type {
  AdvertisingAccount,
  AuthorizeRequest,
  AuthorizeResponse,
  CallbackRequest,
  ConnectionKind,
} from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { constantTimeEqual } from '../../oauth/constant-time';
import type { AdsApiClient } from '../amazon/ads-api-client';
import { type AmazonBaseUrls, amazonUrl } from '../amazon/amazon-base-urls';
import type { LwaClient, LwaTokens } from '../amazon/lwa-client';
import type { SpApiClient } from '../amazon/sp-api-client';
import type { AmazonAppCredentials } from '../http/connections-handler-options';
import type {
  AdvertisingConnectionRecord,
  ClaimablePhase,
  ConnectionStore,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  TransactionOutcome,
} from '../storage/connection-store';
import { randomToken, toBase64Url } from '../tokens/base64url';
import type { TokenCipher } from '../tokens/token-cipher';
import { sealContext } from '../tokens/token-manager';
import { newOAuthState, parseOAuthState } from './oauth-state';

/** The subscription an OAuth step runs for. */
export interface FlowSubscription {
  readonly id: string;
  readonly accountLimit: number;
}

/** What a settled callback or account choice answers (the handler adds the fresh status). */
export type FlowResult =
  | { readonly outcome: 'connected' }
  | { readonly outcome: 'choose_account'; readonly accounts: readonly AdvertisingAccount[] };

interface PendingGrant extends LwaTokens {
  readonly tokenRegion: AuthorizeRequest['region'] & string;
}

/** Whom a new connection is for: the Advertising account, or the selling partner and its marketplaces. */
type ConnectedAccount =
  | Pick<AdvertisingConnectionRecord, 'kind' | 'accountId' | 'account'>
  | Pick<NewSellerCentralConnection, 'kind' | 'accountId' | 'marketplaces'>;

/** What one request asks of a transaction: complete Amazon's callback, or pick one of the offered accounts. */
type Step =
  | { readonly type: 'callback'; readonly request: CallbackRequest }
  | { readonly type: 'select'; readonly accountId: string };

/** A claim this request holds on a transaction: every write it makes is fenced by `claimId`. */
interface Claim {
  readonly transaction: OAuthTransactionRecord;
  readonly claimId: string;
}

const advertisingScope = 'advertising::campaign_management';
/** Failures after which the same request may succeed: Amazon or our store was briefly unavailable. */
const transient: ReadonlySet<ConnectionsError['code']> = new Set([
  'rate_limited',
  'amazon_unavailable',
  'network_error',
  'server_error',
]);

async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

const typed = (error: unknown): ConnectionsError =>
  error instanceof ConnectionsError ? error : new ConnectionsError('server_error', { cause: error });

/**
 * The OAuth half of the server: `/authorize` builds Amazon's URL with a random `state` bound to the
 * subscription (and PKCE S256 for Login with Amazon); `/callback` checks the state in constant time,
 * exchanges each code at most once, discovers the accounts and saves the connection under the rules;
 * `/advertising/account` finishes a sign-in that sees several advertising accounts.
 *
 * Every answer is true for a retry of the same request: a transient failure before Amazon gave tokens leaves
 * the transaction `pending` (the code may still be unspent, so a retry exchanges it); after, the tokens stay
 * sealed in the transaction (`granted`) and a retry resumes without spending the code again. A request's writes
 * are fenced by its claim; an exchange whose server crashed is taken over once its lease ends, resuming from the
 * sealed tokens, or ending in `exchange_interrupted` (sign in again) when Amazon's answer was lost with it.
 *
 * @example
 * ```ts
 * const flow = createAuthorizationFlow({ store, cipher, lwa, ads, sp, amazon, baseUrls, now, transactionTtlMs: 600_000, exchangeLeaseMs: 10_000 });
 * const { authorizeUrl } = await flow.authorize(subscription, { kind: 'advertising', returnTo: '/dashboard' });
 * ```
 */
export interface AuthorizationFlow {
  authorize(subscription: FlowSubscription, request: AuthorizeRequest): Promise<AuthorizeResponse>;
  callback(subscription: FlowSubscription, request: CallbackRequest): Promise<FlowResult>;
  selectAccount(
    subscription: FlowSubscription,
    request: { state: string; accountId: string },
  ): Promise<FlowResult>;
}

/** Creates the {@link AuthorizationFlow}. */
export function createAuthorizationFlow(deps: {
  store: ConnectionStore;
  cipher: TokenCipher;
  lwa: LwaClient;
  ads: AdsApiClient;
  sp: SpApiClient;
  amazon: AmazonAppCredentials;
  baseUrls: AmazonBaseUrls;
  now: () => number;
  transactionTtlMs: number;
  /** How long a claimed exchange may run before another request may take it over (the longest exchange). */
  exchangeLeaseMs: number;
  /** How often a request waiting for a concurrent exchange looks again. @default 25 */
  pollMs?: number;
}): AuthorizationFlow {
  const regions = deps.amazon.regions ?? (['na', 'eu', 'fe'] as const);
  const pollMs = deps.pollMs ?? 25;
  let lastCleanup = 0;

  const grantContext = (t: OAuthTransactionRecord) => `${t.subscriptionId}/${t.selector}/grant`;
  const verifierContext = (t: { subscriptionId: string; selector: string }) =>
    `${t.subscriptionId}/${t.selector}/pkce`;

  function replay(outcome: TransactionOutcome | null): FlowResult {
    if (outcome === null) throw new ConnectionsError('server_error');
    if (outcome.type === 'failed') throw new ConnectionsError(outcome.code);
    if (outcome.type === 'choose_account') return { outcome: 'choose_account', accounts: outcome.accounts };
    return { outcome: 'connected' };
  }

  /**
   * Finds the transaction of `state` for this subscription and kind, comparing the secret in constant time. A
   * state whose transaction is gone is `transaction_expired` when its selector says it expired, else
   * `state_mismatch`.
   */
  async function transactionFor(
    subscription: FlowSubscription,
    state: string,
    kind: ConnectionKind,
  ): Promise<OAuthTransactionRecord> {
    const parsed = parseOAuthState(state);
    const found = parsed ? await deps.store.getTransaction(parsed.selector) : null;
    // Hash even when nothing was found, so timing does not tell a known selector from an unknown one.
    const presented = await sha256(parsed?.verifier ?? '');
    if (!found) {
      const expired = parsed?.expiresAt != null && parsed.expiresAt <= deps.now();
      throw new ConnectionsError(expired ? 'transaction_expired' : 'state_mismatch');
    }
    const verified = constantTimeEqual(presented, found.verifierHash);
    if (!verified || found.subscriptionId !== subscription.id || found.kind !== kind) {
      throw new ConnectionsError('state_mismatch');
    }
    return found;
  }

  /** Claims the transaction from `from` for this request; null when another request got it first. */
  async function claim(transaction: OAuthTransactionRecord, from: ClaimablePhase): Promise<Claim | null> {
    const claimId = randomToken(12);
    const now = deps.now();
    const won = await deps.store.claimTransaction(transaction.selector, {
      from,
      claimId,
      now,
      ...(from === 'exchanging' ? { abandonedBefore: now - deps.exchangeLeaseMs } : {}),
    });
    return won ? { transaction, claimId } : null;
  }

  /**
   * Ends a claim after `error`: a transient failure leaves the transaction retryable (`pending` before Amazon gave
   * tokens, `granted` after, with the failure recorded for requests that waited on this one); any other failure
   * settles it. Then rethrows the typed error.
   */
  async function fail(held: Claim, error: unknown, sealedGrant: string | null): Promise<never> {
    const failure = typed(error);
    const outcome: TransactionOutcome = { type: 'failed', code: failure.code };
    const retry = transient.has(failure.code);
    await deps.store
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
    subscription: FlowSubscription,
    held: Claim,
    grant: PendingGrant,
    connected: ConnectedAccount,
  ): Promise<FlowResult | 'claim_lost'> {
    const authorizationId = randomToken(16);
    const ids = { subscriptionId: subscription.id, authorizationId };
    const saved = await deps.store.saveConnection({
      connection: {
        ...connected,
        ...ids,
        tokenRegion: grant.tokenRegion,
        sealedRefreshToken: await deps.cipher.encrypt(grant.refreshToken, sealContext.refresh(ids)),
        sealedAccessToken: await deps.cipher.encrypt(grant.accessToken, sealContext.access(ids)),
        accessTokenExpiresAt: grant.accessTokenExpiresAt,
        health: 'ok',
        connectedAt: deps.now(),
      },
      accountLimit: subscription.accountLimit,
      settle: { selector: held.transaction.selector, claimId: held.claimId },
    });
    if (saved.ok) return { outcome: 'connected' };
    if (saved.code === 'claim_lost') return 'claim_lost';
    throw new ConnectionsError(saved.code);
  }

  /** With Amazon's tokens in hand: finds the accounts and saves the connection (or offers the choice). */
  async function discoverAndSave(
    subscription: FlowSubscription,
    held: Claim,
    grant: PendingGrant,
    sellingPartnerId: string | null,
  ): Promise<FlowResult | 'claim_lost'> {
    const { transaction } = held;
    if (transaction.kind === 'sellerCentral') {
      const marketplaces = await deps.sp.marketplaces(grant.accessToken, grant.tokenRegion).catch((error) => {
        // A fresh token refused by the SP-API means this login has no selling account there.
        if (error instanceof ConnectionsError) throw error;
        throw new ConnectionsError('no_seller_central_access');
      });
      if (marketplaces.length === 0 || sellingPartnerId === null)
        throw new ConnectionsError('no_seller_central_access');
      return sealAndSave(subscription, held, grant, {
        kind: 'sellerCentral',
        accountId: sellingPartnerId,
        marketplaces,
      });
    }
    const accounts = await deps.ads.discoverAccounts(grant.accessToken, regions).catch((error) => {
      if (error instanceof ConnectionsError) throw error;
      throw new ConnectionsError('no_advertising_access');
    });
    const [only] = accounts;
    if (!only) throw new ConnectionsError('no_advertising_access');
    if (accounts.length === 1)
      return sealAndSave(subscription, held, grant, {
        kind: 'advertising',
        accountId: only.id,
        account: only,
      });
    const settled = await deps.store.settleTransaction(transaction.selector, held.claimId, {
      phase: 'choosing',
      outcome: { type: 'choose_account', accounts },
      sealedPendingGrant: await sealGrant(transaction, grant),
    });
    return settled ? { outcome: 'choose_account', accounts } : 'claim_lost';
  }

  const sealGrant = (transaction: OAuthTransactionRecord, grant: PendingGrant) =>
    deps.cipher.encrypt(JSON.stringify(grant), grantContext(transaction));
  const openGrant = async (transaction: OAuthTransactionRecord, sealed: string): Promise<PendingGrant> =>
    JSON.parse(await deps.cipher.decrypt(sealed, grantContext(transaction))) as PendingGrant;

  /** Exchanges the code (held from `pending`), seals the tokens into the transaction at once, then saves. */
  async function exchange(
    subscription: FlowSubscription,
    held: Claim,
    request: CallbackRequest,
  ): Promise<FlowResult | 'claim_lost'> {
    const { transaction } = held;
    let grant: PendingGrant;
    try {
      const codeVerifier =
        transaction.sealedCodeVerifier === null
          ? null
          : await deps.cipher.decrypt(transaction.sealedCodeVerifier, verifierContext(transaction));
      const tokens = await deps.lwa.exchangeCode({
        region: transaction.region,
        code: request.code,
        redirectUri: deps.amazon.redirectUris[transaction.kind],
        codeVerifier,
      });
      grant = { ...tokens, tokenRegion: transaction.region };
    } catch (error) {
      return fail(held, error, null);
    }
    // From here on the code is spent: keep Amazon's tokens, so neither a retry nor a takeover needs it again.
    let sealedGrant: string | null = null;
    try {
      sealedGrant = await sealGrant(transaction, grant);
      await deps.store.settleTransaction(transaction.selector, held.claimId, {
        phase: 'exchanging',
        outcome: null,
        sealedPendingGrant: sealedGrant,
        renewedAt: deps.now(),
      });
    } catch {
      // The store is failing: carry on in memory; a failure below leaves the claim to its lease.
    }
    const sellingPartnerId = request.kind === 'sellerCentral' ? request.sellingPartnerId : null;
    try {
      return await discoverAndSave(subscription, held, grant, sellingPartnerId);
    } catch (error) {
      return fail(held, error, sealedGrant);
    }
  }

  /** Resumes a claimed transaction that already holds Amazon's tokens (`granted`, or an abandoned exchange). */
  async function resumeGranted(
    subscription: FlowSubscription,
    held: Claim,
    sellingPartnerId: string | null,
  ): Promise<FlowResult | 'claim_lost'> {
    const sealed = held.transaction.sealedPendingGrant;
    try {
      if (sealed === null) throw new ConnectionsError('exchange_interrupted');
      const grant = await openGrant(held.transaction, sealed);
      return await discoverAndSave(subscription, held, grant, sellingPartnerId);
    } catch (error) {
      return fail(held, error, sealed);
    }
  }

  /** Saves the account picked among several (held from `choosing`). */
  async function choose(
    subscription: FlowSubscription,
    held: Claim,
    accountId: string,
  ): Promise<FlowResult | 'claim_lost'> {
    const { transaction } = held;
    const offered = transaction.outcome?.type === 'choose_account' ? transaction.outcome.accounts : [];
    const account = offered.find((candidate) => candidate.id === accountId);
    try {
      if (!account || transaction.sealedPendingGrant === null) throw new ConnectionsError('server_error');
      const grant = await openGrant(transaction, transaction.sealedPendingGrant);
      return await sealAndSave(subscription, held, grant, { kind: 'advertising', accountId, account });
    } catch (error) {
      // Back to the choice: the tokens stay, another pick (or the same, retried) can still succeed.
      const failure = typed(error);
      await deps.store
        .settleTransaction(transaction.selector, held.claimId, {
          phase: transient.has(failure.code) ? 'choosing' : 'done',
          outcome: transient.has(failure.code) ? transaction.outcome : { type: 'failed', code: failure.code },
          sealedPendingGrant: transient.has(failure.code) ? transaction.sealedPendingGrant : null,
        })
        .catch(() => undefined);
      throw failure;
    }
  }

  /**
   * Moves the transaction of `selector` on for one request until it has an answer: claims it where it can, waits
   * while another request holds a live claim, takes over a claim whose lease ended. A request that waited on
   * another answers with that request's outcome, failures included (its client may retry).
   */
  async function advance(subscription: FlowSubscription, first: OAuthTransactionRecord, step: Step) {
    let transaction = first;
    let waited = false;
    for (;;) {
      const now = deps.now();
      const live = transaction.phase !== 'done' && transaction.expiresAt <= now;
      if (live) throw new ConnectionsError('transaction_expired');
      let result: FlowResult | 'claim_lost' | null = null;
      switch (transaction.phase) {
        case 'done':
          return replay(transaction.outcome);
        case 'pending':
        case 'granted': {
          if (step.type === 'select') throw new ConnectionsError('state_mismatch');
          if (waited && transaction.outcome?.type === 'failed') return replay(transaction.outcome);
          const held = await claim(transaction, transaction.phase);
          const sellingPartnerId =
            step.request.kind === 'sellerCentral' ? step.request.sellingPartnerId : null;
          if (held)
            result =
              transaction.phase === 'pending'
                ? await exchange(subscription, held, step.request)
                : await resumeGranted(subscription, held, sellingPartnerId);
          break;
        }
        case 'choosing': {
          if (step.type === 'callback') return replay(transaction.outcome);
          const offered = transaction.outcome?.type === 'choose_account' ? transaction.outcome.accounts : [];
          if (!offered.some((account) => account.id === step.accountId)) {
            throw new ConnectionsError('invalid_request', {
              detail: 'That account was not one of the choices.',
            });
          }
          const held = await claim(transaction, 'choosing');
          if (held) result = await choose(subscription, held, step.accountId);
          break;
        }
        case 'exchanging': {
          const leaseEnds = (transaction.claimedAt ?? 0) + deps.exchangeLeaseMs;
          if (leaseEnds < now) {
            // Its server crashed or hung past every Amazon deadline: take over, from the sealed tokens if any.
            const held = await claim(transaction, 'exchanging');
            const sellingPartnerId =
              step.type === 'callback' && step.request.kind === 'sellerCentral'
                ? step.request.sellingPartnerId
                : null;
            if (held) result = await resumeGranted(subscription, held, sellingPartnerId);
          } else {
            waited = true;
            await new Promise((resolve) => setTimeout(resolve, pollMs));
          }
          break;
        }
      }
      if (result !== null && result !== 'claim_lost') return result;
      if (result === 'claim_lost') waited = true;
      const current = await deps.store.getTransaction(transaction.selector);
      if (!current) throw new ConnectionsError('transaction_expired');
      transaction = current;
    }
  }

  return {
    async authorize(subscription, request) {
      const now = deps.now();
      if (now - lastCleanup > 60_000) {
        lastCleanup = now;
        await deps.store.deleteExpiredTransactions(now).catch(() => 0);
      }
      const region = request.region ?? deps.amazon.defaultRegion ?? 'na';
      if (!regions.includes(region)) {
        throw new ConnectionsError('invalid_request', {
          detail: `This app does not connect accounts in region ${region}.`,
        });
      }
      const connections = await deps.store.listConnections(subscription.id);
      const advertising = connections.filter((c) => c.kind === 'advertising');
      if (request.kind === 'advertising') {
        // Stale accounts do not count: reconnecting one is how a stale connection is repaired.
        const healthy = advertising.filter((c) => c.health === 'ok');
        if (healthy.length >= subscription.accountLimit) throw new ConnectionsError('account_limit_reached');
      } else if (advertising.length === 0) {
        throw new ConnectionsError('advertising_required');
      }

      const expiresAt = now + deps.transactionTtlMs;
      const { state, selector, verifier } = newOAuthState(expiresAt);
      const redirectUri = deps.amazon.redirectUris[request.kind];
      let url: URL;
      let sealedCodeVerifier: string | null = null;
      if (request.kind === 'advertising') {
        const codeVerifier = oauth.generateRandomCodeVerifier();
        sealedCodeVerifier = await deps.cipher.encrypt(
          codeVerifier,
          verifierContext({ subscriptionId: subscription.id, selector }),
        );
        url = amazonUrl(deps.baseUrls.authorize[region], '/ap/oa');
        url.searchParams.set('client_id', deps.amazon.clientId);
        url.searchParams.set('scope', advertisingScope);
        url.searchParams.set('response_type', 'code');
        url.searchParams.set('redirect_uri', redirectUri);
        url.searchParams.set('state', state);
        url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
        url.searchParams.set('code_challenge_method', 'S256');
      } else {
        url = amazonUrl(deps.baseUrls.sellerCentral[region], '/apps/authorize/consent');
        url.searchParams.set('application_id', deps.amazon.applicationId);
        url.searchParams.set('state', state);
        url.searchParams.set('redirect_uri', redirectUri);
        if (deps.amazon.draftApp) url.searchParams.set('version', 'beta');
      }
      await deps.store.createTransaction({
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
    },

    async callback(subscription, request) {
      const transaction = await transactionFor(subscription, request.state, request.kind);
      return advance(subscription, transaction, { type: 'callback', request });
    },

    async selectAccount(subscription, request) {
      const transaction = await transactionFor(subscription, request.state, 'advertising');
      return advance(subscription, transaction, { type: 'select', accountId: request.accountId });
    },
  };
}
