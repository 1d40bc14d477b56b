import * as oauth from 'oauth4webapi';
import type {
  AdvertisingAccount,
  AuthorizeRequest,
  AuthorizeResponse,
  CallbackRequest,
  ConnectionKind,
} from '../contract/types';
import { ConnectionsError } from '../errors/connections-error';
import { constantTimeEqual } from '../oauth/constant-time';
import type { AdsApiClient } from './ads-api-client';
import { type AmazonBaseUrls, amazonUrl } from './amazon-base-urls';
import { randomToken, toBase64Url } from './base64url';
import type {
  AdvertisingConnectionRecord,
  ConnectionStore,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  TransactionOutcome,
} from './connection-store';
import type { AmazonAppCredentials } from './connections-handler-options';
import type { LwaClient, LwaTokens } from './lwa-client';
import type { SpApiClient } from './sp-api-client';
import type { TokenCipher } from './token-cipher';
import { sealContext } from './token-manager';

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

const advertisingScope = 'advertising::campaign_management';
const stateShape = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/;

async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/**
 * The OAuth half of the server: `/authorize` builds Amazon's URL with a random `state` bound to the
 * subscription (and PKCE S256 for Login with Amazon); `/callback` checks the state in constant time,
 * exchanges each code once (a retried callback replays the stored outcome), discovers the accounts and
 * saves the connection under the rules; `/advertising/account` finishes a sign-in that sees several
 * advertising accounts.
 *
 * @example
 * ```ts
 * const flow = createAuthorizationFlow({ store, cipher, lwa, ads, sp, amazon, baseUrls, now, transactionTtlMs: 600_000 });
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
  /** How long a retried callback waits for the first one to finish. @default 15000 */
  waitForExchangeMs?: number;
}): AuthorizationFlow {
  const regions = deps.amazon.regions ?? (['na', 'eu', 'fe'] as const);
  const waitForExchange = deps.waitForExchangeMs ?? 15_000;
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

  /** Finds the transaction of `state` for this subscription and kind, comparing the secret in constant time. */
  async function transactionFor(
    subscription: FlowSubscription,
    state: string,
    kind: ConnectionKind,
  ): Promise<OAuthTransactionRecord> {
    const match = stateShape.exec(state);
    const selector = match?.[1];
    const verifier = match?.[2];
    const found = selector ? await deps.store.getTransaction(selector) : null;
    // Hash even when nothing was found, so timing does not tell a known selector from an unknown one.
    const presented = await sha256(verifier ?? '');
    const verified = found !== null && constantTimeEqual(presented, found.verifierHash);
    if (!found || !verified || found.subscriptionId !== subscription.id || found.kind !== kind) {
      throw new ConnectionsError('state_mismatch');
    }
    return found;
  }

  /** Waits until a concurrent request settles the transaction, then replays its outcome. */
  async function awaitSettled(selector: string): Promise<FlowResult> {
    const deadline = Date.now() + waitForExchange;
    for (;;) {
      const current = await deps.store.getTransaction(selector);
      if (!current) throw new ConnectionsError('transaction_expired');
      if (current.phase === 'done' || current.phase === 'choosing') return replay(current.outcome);
      if (current.phase === 'pending') throw new ConnectionsError('server_error');
      if (Date.now() > deadline) throw new ConnectionsError('server_error');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Settles a claimed transaction as failed and rethrows a typed error; nothing else was written. */
  async function fail(selector: string, error: unknown): Promise<never> {
    const typed =
      error instanceof ConnectionsError ? error : new ConnectionsError('server_error', { cause: error });
    await deps.store
      .settleTransaction(selector, {
        phase: 'done',
        outcome: { type: 'failed', code: typed.code },
        sealedPendingGrant: null,
      })
      .catch(() => undefined);
    throw typed;
  }

  /**
   * Seals the grant's tokens under a fresh authorization id and saves the connection under the subscription's
   * account limit, settling the transaction as connected.
   */
  async function sealAndSave(
    subscription: FlowSubscription,
    transaction: OAuthTransactionRecord,
    grant: PendingGrant,
    connected: ConnectedAccount,
  ): Promise<FlowResult> {
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
      settle: { selector: transaction.selector },
    });
    if (!saved.ok) throw new ConnectionsError(saved.code);
    return { outcome: 'connected' };
  }

  function saveAdvertising(
    subscription: FlowSubscription,
    transaction: OAuthTransactionRecord,
    account: AdvertisingAccount,
    grant: PendingGrant,
  ): Promise<FlowResult> {
    return sealAndSave(subscription, transaction, grant, {
      kind: 'advertising',
      accountId: account.id,
      account,
    });
  }

  async function exchange(
    subscription: FlowSubscription,
    transaction: OAuthTransactionRecord,
    request: CallbackRequest,
  ): Promise<FlowResult> {
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
    const grant: PendingGrant = { ...tokens, tokenRegion: transaction.region };

    if (request.kind === 'sellerCentral') {
      const marketplaces = await deps.sp
        .marketplaces(tokens.accessToken, transaction.region)
        .catch((error) => {
          // A fresh token refused by the SP-API means this login has no selling account there.
          if (error instanceof ConnectionsError) throw error;
          throw new ConnectionsError('no_seller_central_access');
        });
      if (marketplaces.length === 0) throw new ConnectionsError('no_seller_central_access');
      return sealAndSave(subscription, transaction, grant, {
        kind: 'sellerCentral',
        accountId: request.sellingPartnerId,
        marketplaces,
      });
    }

    const accounts = await deps.ads.discoverAccounts(tokens.accessToken, regions).catch((error) => {
      if (error instanceof ConnectionsError) throw error;
      throw new ConnectionsError('no_advertising_access');
    });
    const [only] = accounts;
    if (!only) throw new ConnectionsError('no_advertising_access');
    if (accounts.length === 1) return saveAdvertising(subscription, transaction, only, grant);
    const sealedPendingGrant = await deps.cipher.encrypt(JSON.stringify(grant), grantContext(transaction));
    await deps.store.settleTransaction(transaction.selector, {
      phase: 'choosing',
      outcome: { type: 'choose_account', accounts },
      sealedPendingGrant,
    });
    return { outcome: 'choose_account', accounts };
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

      const selector = randomToken(16);
      const verifier = randomToken(32);
      const state = `${selector}.${verifier}`;
      const expiresAt = now + deps.transactionTtlMs;
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
      });
      return { authorizeUrl: url.href, state, expiresAt: new Date(expiresAt).toISOString() };
    },

    async callback(subscription, request) {
      const transaction = await transactionFor(subscription, request.state, request.kind);
      if (transaction.phase === 'done' || transaction.phase === 'choosing')
        return replay(transaction.outcome);
      if (transaction.phase === 'exchanging') return awaitSettled(transaction.selector);
      if (!(await deps.store.claimTransaction(transaction.selector, 'pending', deps.now()))) {
        const current = await deps.store.getTransaction(transaction.selector);
        if (current?.phase === 'pending') throw new ConnectionsError('transaction_expired');
        return awaitSettled(transaction.selector);
      }
      try {
        return await exchange(subscription, transaction, request);
      } catch (error) {
        return fail(transaction.selector, error);
      }
    },

    async selectAccount(subscription, request) {
      const transaction = await transactionFor(subscription, request.state, 'advertising');
      if (transaction.phase === 'done') return replay(transaction.outcome);
      if (transaction.phase !== 'choosing') {
        if (transaction.phase === 'exchanging') return awaitSettled(transaction.selector);
        throw new ConnectionsError('state_mismatch');
      }
      const offered = transaction.outcome?.type === 'choose_account' ? transaction.outcome.accounts : [];
      const account = offered.find((candidate) => candidate.id === request.accountId);
      if (!account) {
        throw new ConnectionsError('invalid_request', { detail: 'That account was not one of the choices.' });
      }
      if (!(await deps.store.claimTransaction(transaction.selector, 'choosing', deps.now()))) {
        const current = await deps.store.getTransaction(transaction.selector);
        if (current?.phase === 'choosing') throw new ConnectionsError('transaction_expired');
        return awaitSettled(transaction.selector);
      }
      try {
        if (transaction.sealedPendingGrant === null) throw new ConnectionsError('server_error');
        const grant = JSON.parse(
          await deps.cipher.decrypt(transaction.sealedPendingGrant, grantContext(transaction)),
        ) as PendingGrant;
        return await saveAdvertising(subscription, transaction, account, grant);
      } catch (error) {
        return fail(transaction.selector, error);
      }
    },
  };
}
