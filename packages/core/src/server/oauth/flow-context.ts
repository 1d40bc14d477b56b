import type { AdvertisingAccount, AmazonRegion } from '../../contract/types';
import type { ConnectionsError } from '../../errors/connections-error';
import type { AdsApiClient } from '../amazon/ads-api-client';
import type { AmazonBaseUrls } from '../amazon/amazon-base-urls';
import type { LwaClient, LwaTokens } from '../amazon/lwa-client';
import type { SpApiClient } from '../amazon/sp-api-client';
import type { AmazonAppCredentials } from '../http/connections-handler-options';
import type {
  AdvertisingConnectionRecord,
  ChangeContext,
  ConnectionStore,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
} from '../storage/connection-store';
import { toBase64Url } from '../tokens/base64url';
import type { TokenCipher } from '../tokens/token-cipher';
import type { TokenManager } from '../tokens/token-manager';

/** What the OAuth steps need: the store, the sealing cipher, Amazon's clients and the app's settings. */
export interface FlowDeps {
  readonly store: ConnectionStore;
  readonly cipher: TokenCipher;
  readonly lwa: LwaClient;
  readonly ads: AdsApiClient;
  readonly sp: SpApiClient;
  readonly amazon: AmazonAppCredentials;
  readonly baseUrls: AmazonBaseUrls;
  readonly now: () => number;
  readonly transactionTtlMs: number;
  /** How long a claimed exchange may run before another request may take it over (the longest exchange). */
  readonly exchangeLeaseMs: number;
  /** How often a request waiting for a concurrent exchange looks again. @default 25 */
  readonly pollMs?: number;
  /**
   * The authorisations' tokens, to read an authorised region's marketplace participations (its store name) when
   * its row has none, for the one-account rule across regions.
   */
  readonly tokens?: TokenManager;
}

/** The steps' shared view of {@link FlowDeps}, with defaults applied. */
export interface FlowContext extends FlowDeps {
  readonly regions: readonly AmazonRegion[];
  readonly pollMs: number;
}

/** The subscription an OAuth step runs for. */
export interface FlowSubscription {
  readonly id: string;
  readonly accountLimit: number;
  /** Who asks and from which request, recorded with the connection's event. */
  readonly context?: ChangeContext;
}

/** What a settled callback or account choice answers (the handler adds the fresh status). */
export type FlowResult =
  | { readonly outcome: 'connected' }
  | { readonly outcome: 'choose_account'; readonly accounts: readonly AdvertisingAccount[] };

/** A step's answer, or `claim_lost` when another request took the transaction over meanwhile. */
export type StepResult = FlowResult | 'claim_lost';

/** Amazon's tokens for a transaction and the region whose token endpoint refreshes them. */
export interface PendingGrant extends LwaTokens {
  readonly tokenRegion: AmazonRegion;
}

/** Whom a new connection is for: the Advertising account, or the selling partner and its marketplaces. */
export type ConnectedAccount =
  | Pick<AdvertisingConnectionRecord, 'kind' | 'accountId' | 'account'>
  | Pick<NewSellerCentralConnection, 'kind' | 'accountId' | 'marketplaces'>;

/** A claim this request holds on a transaction: every write it makes is fenced by `claimId`. */
export interface Claim {
  readonly transaction: OAuthTransactionRecord;
  readonly claimId: string;
}

/** Failures after which the same request may succeed: Amazon or our store was briefly unavailable. */
export const transientCodes: ReadonlySet<ConnectionsError['code']> = new Set([
  'rate_limited',
  'amazon_unavailable',
  'network_error',
  'server_error',
]);

/** The sealing context of a transaction's pending grant. */
export const grantContext = (t: OAuthTransactionRecord) => `${t.subscriptionId}/${t.selector}/grant`;
/** The sealing context of a transaction's PKCE verifier. */
export const verifierContext = (t: { subscriptionId: string; selector: string }) =>
  `${t.subscriptionId}/${t.selector}/pkce`;

/** SHA-256 of `text`, base64url. */
export async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
