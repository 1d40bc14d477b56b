import type { ErrorCode } from '../../contract/error-codes';
import type {
  AdvertisingAccount,
  AmazonRegion,
  ConnectionEventType,
  ConnectionHealth,
  ConnectionKind,
} from '../../contract/types';

/** A JSON value as stored by a {@link ConnectionStore} (report payloads, outcomes). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Who caused a change and from which request, recorded with its event (never a secret).
 *
 * @example
 * ```ts
 * const context: ChangeContext = { at: Date.now(), actor: 'user_42', requestId: 'req_1' };
 * ```
 */
export interface ChangeContext {
  /** Epoch milliseconds of the change. @default Date.now() */
  readonly at?: number;
  /** The host's name for who did it (a user id), or `system` for jobs and Amazon's answers. */
  readonly actor?: string | null;
  /** The id of the request that made the change. */
  readonly requestId?: string | null;
}

/**
 * One recorded event (`connected`, `account_chosen` after the person picked one of several accounts,
 * `reconnected` for the same account authorized afresh, `disconnected` with `detail.cascade` true for the Seller
 * Central layer removed with its Advertising account, `stale_detected`, `data_ready` for the first report data of
 * the account, `disconnect_confirmation_asked`, history only): a row of the outbox, written in the same transaction as the change it describes.
 * `position` orders events by commit (a reader after a cursor never skips a row committed later); `id` is stable
 * for idempotent handling (delivery is at least once).
 *
 * @example
 * ```ts
 * const { events } = await server.events.read({ after: cursor });
 * for (const event of events) console.log(event.position, event.type, event.subscriptionId);
 * ```
 */
export interface ConnectionEventRecord {
  readonly position: number;
  readonly id: string;
  readonly type: ConnectionEventType;
  readonly subscriptionId: string;
  readonly kind: ConnectionKind;
  readonly accountId: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly actor: string | null;
  readonly requestId: string | null;
  readonly detail: { readonly [key: string]: JsonValue };
}

/**
 * An event to record (the store numbers it and gives it an id).
 *
 * @example
 * ```ts
 * const event: NewConnectionEvent = {
 *   type: 'disconnect_confirmation_asked', subscriptionId: 'sub_1', kind: 'advertising', accountId: 'ENTITY1',
 *   at: Date.now(), actor: 'user_42', requestId: 'req_1', detail: {},
 * };
 * ```
 */
export type NewConnectionEvent = Omit<ConnectionEventRecord, 'position' | 'id'>;

/** A marketplace where the seller participates, from Seller Central. */
export interface SellerMarketplaceRecord {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
  readonly currencyCode: string | null;
  /** The seller's store name there (the SP-API's `storeName`), when Amazon gave it. */
  readonly storeName?: string | undefined;
}

/** What every stored connection has, whatever its kind. Secrets are sealed (see `TokenCipher`). */
interface ConnectionRecordBase {
  readonly subscriptionId: string;
  /** Advertising: the advertising account id (`accountInfo.id`); Seller Central: the selling partner id. */
  readonly accountId: string;
  /** Random id of this authorization; a reconnect replaces it, so late writes of the old one are ignored. */
  readonly authorizationId: string;
  /** The region whose LWA token endpoint refreshes this authorization. */
  readonly tokenRegion: AmazonRegion;
  readonly sealedRefreshToken: string;
  readonly sealedAccessToken: string | null;
  /** Epoch milliseconds. */
  readonly accessTokenExpiresAt: number | null;
  readonly health: ConnectionHealth;
  /** Epoch milliseconds of the latest (re)connection. */
  readonly connectedAt: number;
}

/** A stored Amazon Advertising connection. */
export interface AdvertisingConnectionRecord extends ConnectionRecordBase {
  readonly kind: 'advertising';
  readonly account: AdvertisingAccount;
}

/**
 * One region's authorisation of the Seller Central layer attached to the Advertising account `parentAccountId`
 * (Amazon authorises the SP-API per region: the layer holds one of these per authorised region, `tokenRegion`).
 */
export interface SellerCentralConnectionRecord extends ConnectionRecordBase {
  readonly kind: 'sellerCentral';
  readonly parentAccountId: string;
  readonly marketplaces: readonly SellerMarketplaceRecord[];
}

/** Either stored connection. */
export type ConnectionRecord = AdvertisingConnectionRecord | SellerCentralConnectionRecord;

/** A new Seller Central layer: the store attaches it to the subscription's Advertising account. */
export type NewSellerCentralConnection = Omit<SellerCentralConnectionRecord, 'parentAccountId'>;

/** What a finished OAuth transaction answered, kept so a retried callback gets the same answer. */
export type TransactionOutcome =
  | { readonly type: 'connected' }
  | { readonly type: 'choose_account'; readonly accounts: readonly AdvertisingAccount[] }
  | { readonly type: 'failed'; readonly code: ErrorCode };

/**
 * Where an OAuth transaction is: `pending` (waiting for Amazon's callback, or for a retry after a transient
 * failure before Amazon gave tokens), `exchanging` (one request holds the claim), `granted` (Amazon gave tokens,
 * sealed in the transaction, but discovering the accounts or saving failed transiently: a retry resumes without
 * spending the code again), `choosing` (several advertising accounts, waiting for the pick), `done` (outcome
 * recorded).
 */
export type TransactionPhase = 'pending' | 'exchanging' | 'granted' | 'choosing' | 'done';

/** A phase a request may claim a transaction from (`exchanging` only once its claim is abandoned). */
export type ClaimablePhase = 'pending' | 'granted' | 'choosing' | 'exchanging';

/** One OAuth transaction started by `POST /authorize`. The `state` is `selector.verifier`. */
export interface OAuthTransactionRecord {
  readonly selector: string;
  /** SHA-256 of the verifier half of `state`, base64url; compared in constant time. */
  readonly verifierHash: string;
  readonly subscriptionId: string;
  readonly kind: ConnectionKind;
  readonly region: AmazonRegion;
  readonly returnTo: string;
  /** The sealed PKCE code verifier (Login with Amazon only). */
  readonly sealedCodeVerifier: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly phase: TransactionPhase;
  readonly outcome: TransactionOutcome | null;
  /** Sealed tokens Amazon gave for this transaction, kept until the connection is saved. */
  readonly sealedPendingGrant: string | null;
  /** The id of the latest claim (fences writes of a request whose claim was taken over). */
  readonly claimId: string | null;
  /** When the latest claim was made or renewed (epoch ms). */
  readonly claimedAt: number | null;
}

/**
 * The result of saving a connection: the rules are decided inside the store, atomically. `claim_lost`: the
 * transaction to settle is no longer held by this claim (a server that was too slow had its exchange taken
 * over), so nothing was written.
 */
export type SaveConnectionResult =
  | { readonly ok: true; readonly replaced: boolean }
  | {
      readonly ok: false;
      readonly code: 'account_conflict' | 'advertising_required' | 'claim_lost';
      /** Why, in a sentence for the person (a Seller Central region refused by the one-account rule). */
      readonly detail?: string;
    };

/** Identifies one cached report: per subscription, Amazon account, source and date range. */
export interface ReportKey {
  readonly subscriptionId: string;
  readonly accountKey: string;
  readonly source: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly to: string;
}

/** A cached report and the Amazon job refreshing it, if any. */
export interface ReportEntry {
  readonly payload: JsonValue | null;
  readonly fetchedAt: number | null;
  /** `creating`: a request is asking Amazon for a report; `pending`: Amazon is preparing `amazonReportId`. */
  readonly jobState: 'creating' | 'pending' | null;
  readonly amazonReportId: string | null;
  readonly jobStartedAt: number | null;
  readonly polledAt: number | null;
  /** No new job before this time (Amazon's Retry-After). */
  readonly notBefore: number | null;
}

/**
 * What {@link ConnectionStore.eraseSubscription} did: how many rows it deleted, the authorizations it removed
 * (so in-memory token caches can forget them) and its `erased` event (null when there was nothing to erase).
 *
 * @example
 * ```ts
 * const { rows, event } = await store.eraseSubscription('sub_1', Date.now());
 * ```
 */
export interface EraseResult {
  readonly rows: number;
  readonly authorizationIds: readonly string[];
  readonly event: ConnectionEventRecord | null;
}

/**
 * One use of a connection's tokens by the host's code (`server.amazon`): who (`actor`, the host's name for
 * the user or job, `system` when none was given), when, which connection kind, what (`fetch` of an Amazon
 * endpoint, or `reveal_token` when the host took the token itself) and which Amazon endpoint family
 * (`ads:/sp/keywords`, `sp-api:/orders`; never a query, an id or a token).
 *
 * @example
 * ```ts
 * const [latest] = await server.accessAudit.list('sub_42');
 * console.log(latest.actor, new Date(latest.at), latest.endpointFamily);
 * ```
 */
export interface AccessRecord {
  readonly id: string;
  readonly subscriptionId: string;
  readonly kind: ConnectionKind;
  readonly operation: 'fetch' | 'reveal_token';
  readonly endpointFamily: string;
  /** The HTTP method of a `fetch`; null for `reveal_token`. */
  readonly method: string | null;
  readonly actor: string;
  readonly requestId: string | null;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * An access to record (the store gives it its id).
 *
 * @example
 * ```ts
 * await store.recordAccess({ subscriptionId: 'sub_1', kind: 'advertising', operation: 'fetch',
 *   endpointFamily: 'ads:/sp/keywords', method: 'PUT', actor: 'rules-job', requestId: null, at: Date.now() });
 * ```
 */
export type NewAccessRecord = Omit<AccessRecord, 'id'>;

/**
 * The cut-offs of one {@link ConnectionStore.applyRetention} run (epoch ms; rows older than these go).
 *
 * @example
 * ```ts
 * const cutoffs: RetentionCutoffs = {
 *   now, reportsFetchedBefore: now - 30 * DAY, transactionsExpiredBefore: now - DAY,
 *   eventsBefore: now - 365 * DAY, accessBefore: now - 365 * DAY, batchSize: 500,
 * };
 * ```
 */
export interface RetentionCutoffs {
  readonly now: number;
  /** Cached report data fetched before this is deleted (a job in progress is left alone). */
  readonly reportsFetchedBefore: number;
  /** OAuth transactions that expired before this are deleted (finished or abandoned). */
  readonly transactionsExpiredBefore: number;
  /** Connection events (outbox and history) recorded before this are deleted. */
  readonly eventsBefore: number;
  /** Access-audit entries recorded before this are deleted. */
  readonly accessBefore: number;
  /** Rows deleted per short transaction, so a large backlog never holds locks for long. */
  readonly batchSize: number;
}

/**
 * How many rows one {@link ConnectionStore.applyRetention} run deleted (or, for reports, emptied), per kind.
 *
 * @example
 * ```ts
 * const { reports, transactions, events, access } = await store.applyRetention(cutoffs);
 * ```
 */
export interface RetentionCounts {
  readonly reports: number;
  readonly transactions: number;
  readonly events: number;
  readonly access: number;
}

/**
 * Persistence for the server half: OAuth transactions, connections (tokens sealed) and cached report data.
 * Two implementations pass one conformance suite: `createSqliteStore` (embedded default) and
 * `createPostgresStore` (many app servers). The one-account rule and the Seller Central rule are decided
 * inside {@link ConnectionStore.saveConnection}, atomically, so two concurrent callbacks leave exactly one
 * account.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@smart-ads/core/server';
 * const store = await createSqliteStore({ filename: './amazon-connections.db' });
 * const connections = await store.listConnections('sub_1');
 * ```
 */
export interface ConnectionStore {
  /** Records a new pending transaction. */
  createTransaction(transaction: OAuthTransactionRecord): Promise<void>;
  /** The transaction with this selector, or null. */
  getTransaction(selector: string): Promise<OAuthTransactionRecord | null>;
  /**
   * Moves a transaction from `claim.from` to `exchanging` under `claim.claimId`, if it is there and not expired
   * at `claim.now`; from `exchanging`, only when the current claim was made before `claim.abandonedBefore`
   * (its server crashed or hung). Exactly one of any number of concurrent callers gets `true`.
   */
  claimTransaction(
    selector: string,
    claim: { from: ClaimablePhase; claimId: string; now: number; abandonedBefore?: number },
  ): Promise<boolean>;
  /**
   * Records where an `exchanging` transaction went, if `claimId` still holds it (else nothing is written and
   * the answer is `false`). `renewedAt` renews the claim when the phase stays `exchanging`.
   */
  settleTransaction(
    selector: string,
    claimId: string,
    update: {
      phase: 'pending' | 'exchanging' | 'granted' | 'choosing' | 'done';
      outcome: TransactionOutcome | null;
      sealedPendingGrant: string | null;
      renewedAt?: number;
    },
  ): Promise<boolean>;
  /** Deletes transactions that expired before `now`; returns how many. */
  deleteExpiredTransactions(now: number): Promise<number>;

  /** The subscription's connections, Advertising first (lowest slot first; Seller Central one per region). */
  listConnections(subscriptionId: string): Promise<ConnectionRecord[]>;
  /**
   * Saves a connection and, in the same atomic step, settles the transaction `settle` (if given) with the
   * result. Advertising: the same account replaces its authorization; another account is refused with
   * `account_conflict` when `accountLimit` accounts are connected. Seller Central: refused with
   * `advertising_required` without an Advertising account; replaces the layer's authorisation of the same region
   * and keeps the other regions'; a region added beside others must be the same seller, shown by a shared store
   * name (else `account_conflict` with a `detail` sentence: see `planSave`). With `settle`, nothing is
   * written unless `settle.claimId` still holds that transaction (`claim_lost`).
   */
  saveConnection(input: {
    connection: AdvertisingConnectionRecord | NewSellerCentralConnection;
    accountLimit: number;
    settle?: { selector: string; claimId: string };
    /** Recorded with the `connected`/`reconnected`/`account_chosen` event; `chosen` when picked from several. */
    context?: ChangeContext & { readonly chosen?: boolean };
    /**
     * Marketplace participations (with store names) read afresh for authorised regions whose rows have none, by
     * authorisation id: used by the one-account rule and stored in those rows in the same step.
     */
    authorisedMarketplaces?: { readonly [authorizationId: string]: readonly SellerMarketplaceRecord[] };
  }): Promise<SaveConnectionResult>;
  /**
   * Claims the refresh of an authorization's access token for every app server sharing this store: true when no
   * live lease exists and the stored token is not usable (it expires at or before `usableAfter`); with `force`,
   * when the stored token still expires at `force.expiresAt` (the one Amazon just refused). The lease ends at
   * `now + leaseMs`, or when {@link updateAccessToken}, {@link releaseTokenRefresh} or {@link markStale} runs.
   */
  claimTokenRefresh(
    subscriptionId: string,
    authorizationId: string,
    at: { now: number; leaseMs: number; usableAfter: number; force?: { expiresAt: number | null } },
  ): Promise<boolean>;
  /** Ends a refresh lease without a new token (the refresh failed). */
  releaseTokenRefresh(subscriptionId: string, authorizationId: string): Promise<void>;
  /**
   * Stores a refreshed access token (and ends the refresh lease), only if `authorizationId` is still current.
   * `checkedAt` records that the authorization was just proven to work (health checks skip it for a while).
   */
  updateAccessToken(
    subscriptionId: string,
    authorizationId: string,
    sealedAccessToken: string,
    expiresAt: number,
    checkedAt?: number,
  ): Promise<boolean>;
  /**
   * Marks the authorization stale (refresh answered `invalid_grant`, or a call answered 401/403); the first mark
   * records a `stale_detected` event in the same transaction.
   */
  markStale(subscriptionId: string, authorizationId: string, context?: ChangeContext): Promise<boolean>;
  /**
   * Removes a connection. Removing an Advertising account removes its Seller Central layer too, every region (the
   * cascade). Seller Central: the whole layer (every region's authorisation), or with `region` only that region's.
   * Report data is kept. Returns the number of authorisations removed. Records one `disconnected` event per
   * removed authorisation in the same transaction (Seller Central's with `detail.region`).
   */
  deleteConnection(
    subscriptionId: string,
    kind: ConnectionKind,
    accountId: string,
    context?: ChangeContext,
    region?: AmazonRegion,
  ): Promise<number>;

  /**
   * `POST /disconnect`, read and decided under the subscription's lock (see `planDisconnect`): Advertising removes
   * the primary account and every region of its Seller Central layer; Seller Central with `region` that region's
   * authorisation, only while it is still `authorizationId` when given; without `region` every region as it is
   * now. Answers every removed connection (so token caches forget each), with one `disconnected` event each.
   *
   * @example
   * ```ts
   * const removed = await store.disconnect('sub_1', { kind: 'sellerCentral', region: 'eu' }, { actor: 'user_42' });
   * for (const c of removed) tokens.forget(c.authorizationId);
   * ```
   */
  disconnect(
    subscriptionId: string,
    request: { kind: ConnectionKind; region?: AmazonRegion; authorizationId?: string },
    context?: ChangeContext,
  ): Promise<ConnectionRecord[]>;

  /**
   * Erases everything of a subscription in one transaction: its connections (sealed tokens included), OAuth
   * transactions, cached reports, connection counts, events and history, and the access audit. Records one final
   * `erased` event without personal data (no account, actor or request id; `detail.rows` counts what was
   * deleted). Idempotent: erasing an erased subscription deletes nothing and records no second event.
   */
  eraseSubscription(subscriptionId: string, at: number): Promise<EraseResult>;

  /**
   * Deletes what is older than the cut-offs, in batches of `batchSize` rows, each in its own short transaction.
   * Safe on several servers at once: each batch takes only rows no other run holds (PostgreSQL's
   * `SKIP LOCKED`), so concurrent runs split the work and never count a row twice. A cached report keeps only
   * when its account's first data arrived (no payload), so `data_ready` is not announced again.
   */
  applyRetention(cutoffs: RetentionCutoffs): Promise<RetentionCounts>;

  /** Records one use of a connection's tokens (the access audit). */
  recordAccess(access: NewAccessRecord): Promise<AccessRecord>;
  /** One subscription's access audit, newest first, at most `limit`. */
  listAccess(subscriptionId: string, limit: number): Promise<AccessRecord[]>;

  /** Records an event that goes with no stored change (`disconnect_confirmation_asked`). */
  appendEvent(event: NewConnectionEvent): Promise<ConnectionEventRecord>;
  /** The position of the latest recorded event (0 when none). */
  lastEventPosition(): Promise<number>;
  /** Events after `after` (a position; 0 for all), oldest first, at most `limit`. */
  readEvents(after: number, limit: number): Promise<ConnectionEventRecord[]>;
  /** One subscription's events, newest first, at most `limit`. */
  listHistory(subscriptionId: string, limit: number): Promise<ConnectionEventRecord[]>;
  /**
   * Claims up to `limit` healthy connections not checked since `checkedBefore` and not claimed by another server
   * (claims last until `now + leaseMs`); several servers calling at once get disjoint sets.
   */
  claimHealthChecks(at: {
    now: number;
    checkedBefore: number;
    leaseMs: number;
    limit: number;
  }): Promise<ConnectionRecord[]>;
  /** Records that a claimed connection was checked at `now` (and ends the claim). */
  finishHealthCheck(subscriptionId: string, authorizationId: string, now: number): Promise<void>;

  /** The cached report, or null. */
  getReport(key: ReportKey): Promise<ReportEntry | null>;
  /**
   * Claims the right to ask Amazon for a new report: true (and `jobState: 'creating'`) when there is no
   * payload or it was fetched before `refreshBefore`, no live job (jobs started before `abandonedBefore`
   * count as dead) and `notBefore` has passed. Exactly one concurrent caller wins.
   */
  claimReportJob(
    key: ReportKey,
    at: { now: number; refreshBefore: number; abandonedBefore: number },
  ): Promise<boolean>;
  /** Records the Amazon report id of a claimed job. */
  setReportJob(key: ReportKey, amazonReportId: string): Promise<void>;
  /** Claims one status poll of a pending job: true when the last poll was before `polledBefore`. */
  claimReportPoll(key: ReportKey, at: { now: number; polledBefore: number }): Promise<boolean>;
  /**
   * Stores the report's data and ends the job. `hasData` is false for an empty document (Amazon's data can
   * lag by days): it does not count as the first data of the account. The first data of an account records a
   * `data_ready` event in the same transaction.
   */
  completeReport(key: ReportKey, payload: JsonValue, now: number, hasData: boolean): Promise<void>;
  /** Ends a failed job; no new job starts before `notBefore`. */
  releaseReportJob(key: ReportKey, notBefore: number | null): Promise<void>;
  /**
   * When the first report data for this Amazon account arrived (epoch ms), or null; only from the sources whose
   * name starts with `sourcePrefix` when it is given.
   */
  firstDataAt(subscriptionId: string, accountKey: string, sourcePrefix?: string): Promise<number | null>;
  /**
   * How many times this account of `kind` has been connected to the subscription (each save counts; kept across
   * disconnects); Seller Central per `region` (each region is authorised on its own).
   */
  connectionCount(
    subscriptionId: string,
    kind: ConnectionKind,
    accountId: string,
    region?: AmazonRegion,
  ): Promise<number>;

  /** Releases the database (closes an owned pool or file). */
  close(): Promise<void>;
}
