import type { ErrorCode } from '../contract/error-codes';
import type { AdvertisingAccount, AmazonRegion, ConnectionKind, ConnectionsStatus } from '../contract/types';
import type { ConnectionsEnvironment } from '../environment/environment.types';
import type { ParsedCallback } from '../oauth/callback.parse';
import type { TransactionStore } from '../oauth/transaction.store';
import type { PendingTransaction, SignInMode } from '../oauth/transaction.types';
import type { Transport } from '../transport/transport.types';

/**
 * Tunable behaviour of the machine; every field has a default (see {@link resolveSettings}).
 *
 * @example
 * ```ts
 * const settings: Partial<ConnectionsSettings> = { mode: 'popup', dataSlowAfterMs: 10 * 60 * 1000 };
 * ```
 */
export interface ConnectionsSettings {
  /**
   * How Amazon's sign-in is shown. With `'popup'` a blocked popup falls back to the full-page redirect.
   * @default 'redirect'
   */
  readonly mode: SignInMode;
  /**
   * How long data may populate before the advice "disconnect and reconnect once more" (`data_slow`), and again
   * after that reconnect before "contact support" (`data_still_slow`). Milliseconds.
   * @default 900000 (15 minutes)
   */
  readonly dataSlowAfterMs: number;
  /**
   * How often status is reloaded while some data is populating. Milliseconds.
   * @default 30000
   */
  readonly statusPollMs: number;
  /**
   * After the popup looks closed, how long to keep waiting for its answer (COOP can hide a live popup). Milliseconds.
   * @default 3000
   */
  readonly popupGraceMs: number;
  /**
   * How often the popup's `closed` flag is looked at. Milliseconds.
   * @default 500
   */
  readonly popupPollMs: number;
  /**
   * How long a second attempt with a spent `state` waits for the first one's answer before reloading status.
   * @default 10000
   */
  readonly resumeTimeoutMs: number;
  /**
   * How long the popup waits for the opener to take its callback before handling it itself. Milliseconds.
   * @default 1500
   */
  readonly handoffTimeoutMs: number;
  /**
   * How long a prepared authorize URL is used before preparing a fresh one. Milliseconds.
   * @default 240000 (4 minutes)
   */
  readonly preparedTtlMs: number;
  /**
   * The host's support page, shown with `data_still_slow`.
   * @default null
   */
  readonly supportUrl: string | null;
  /**
   * Where to bring the user back after the sign-in: a same-origin path.
   * @default the current page's path, query and hash
   */
  readonly returnTo: string | null;
  /**
   * Called with the saved return path after a successful callback.
   * @default replaces the address bar's URL with it (`history.replaceState`)
   */
  readonly onReturn: ((path: string) => void) | null;
}

/** What the machine's actors and actions need from outside. */
export interface ConnectionsDeps {
  readonly transport: Transport;
  readonly environment: ConnectionsEnvironment;
  readonly store: TransactionStore;
  readonly settings: ConnectionsSettings;
}

/**
 * A callback the page was loaded with (or the popup handed over), already matched to its connection.
 *
 * @example
 * ```ts
 * const callback: IncomingCallback = { kind: 'advertising', parsed: parseCallbackUrl(location.href)!, fromPopup: false };
 * ```
 */
export interface IncomingCallback {
  readonly kind: ConnectionKind;
  readonly parsed: ParsedCallback;
  /** True when it came from the popup over the bus: the address bar has nothing to clean. */
  readonly fromPopup: boolean;
}

/**
 * The machine's input (see `createConnections` for the friendly version).
 *
 * @example
 * ```ts
 * createActor(connectionsMachine, { input: { transport, environment: createMemoryEnvironment() } });
 * ```
 */
export interface ConnectionsInput {
  readonly transport: Transport;
  readonly environment: ConnectionsEnvironment;
  readonly settings?: Partial<ConnectionsSettings>;
  /** The callback to complete on start, if the page is Amazon's return. */
  readonly callback?: IncomingCallback | null;
  /** Overrides the store built over `environment.storage` (tests). */
  readonly store?: TransactionStore;
  /** The status the server already read for this page: the machine starts `ready` with it, without loading it. */
  readonly status?: ConnectionsStatus | null;
}

/**
 * An error shown to the user: stable code, human message, whether a retry can help.
 *
 * @example
 * ```ts
 * const trouble: Trouble = { code: 'oauth_refused', message: errorCatalogue.oauth_refused.message, retryable: true };
 * ```
 */
export interface Trouble {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** What failed, for a connection's trouble: signing in (connect/reconnect) or disconnecting. */
  readonly during?: 'sign_in' | 'disconnect';
}

/**
 * Why a command cannot run now: a contract error code or one of these.
 *
 * @example
 * ```ts
 * const code: BlockCode = 'advertising_required';
 * ```
 */
export type BlockCode =
  | ErrorCode
  | 'already_connected'
  | 'in_progress'
  | 'not_ready'
  | 'not_available'
  | 'unknown_account'
  | 'unknown_marketplace';

/**
 * The commands a user can give.
 *
 * @example
 * ```ts
 * const command: CommandName = 'confirmDisconnect';
 * ```
 */
export type CommandName =
  | 'prepare'
  | 'connect'
  | 'disconnect'
  | 'confirmDisconnect'
  | 'cancel'
  | 'selectAccount'
  | 'dismiss';

/**
 * A command the machine refused, and why (never a silent no-op).
 *
 * @example
 * ```ts
 * const refusal: Refusal | null = connections.getView().refusal;
 * // { kind: 'advertising', command: 'connect', code: 'account_limit_reached', message: '…' }
 * ```
 */
export interface Refusal {
  readonly kind: ConnectionKind;
  readonly command: CommandName;
  readonly code: BlockCode;
  readonly message: string;
}

/** An authorize URL fetched from the backend, ready to open. */
export interface PreparedSignIn {
  readonly authorizeUrl: string;
  readonly state: string;
  readonly expiresAt: number;
  readonly preparedAt: number;
  readonly returnTo: string;
  /** The Seller Central region it signs in to (`null`: the server's default, the Advertising account's home). */
  readonly region: AmazonRegion | null;
}

/** Where a slow-data story stands for one connection (rule 7). */
export type SlowDataStep = 'none' | 'advised' | 'reconnected';

/** Per-connection record. */
export type PerKind<T> = { readonly [K in ConnectionKind]: T };

/**
 * The machine's context. Everything shown is derived from it and the state value.
 *
 * @example
 * ```ts
 * connections.getSnapshot().context.status?.subscription.accountLimit; // 1
 * ```
 */
export interface ConnectionsContext {
  readonly deps: ConnectionsDeps;
  /** The backend's view of the connections; `null` until loaded. */
  readonly status: ConnectionsStatus | null;
  readonly loadTrouble: Trouble | null;
  readonly callback: IncomingCallback | null;
  readonly intent: PerKind<'prepare' | 'connect'>;
  readonly prepared: PerKind<PreparedSignIn | null>;
  readonly troubles: PerKind<Trouble | null>;
  readonly refusal: Refusal | null;
  readonly accountChoice: {
    readonly state: string;
    readonly accounts: readonly AdvertisingAccount[];
    readonly transaction: PendingTransaction | null;
  } | null;
  readonly slow: PerKind<SlowDataStep>;
  /** `connectedAt` of a connection a call found stale (401/stale answer) before the status said so. */
  readonly staleMarks: PerKind<string | null>;
  /** The popup was blocked and the redirect took over. */
  readonly popupBlocked: PerKind<boolean>;
  /**
   * The seller's marketplace choice (a `marketplaceId` or `all`), kept in the environment's storage and restored
   * by `createConnections` on start; `null` for the home marketplace. The view falls back to home when the choice
   * is no longer one of the account's.
   */
  readonly marketplace: string | null;
  /**
   * The Seller Central region the current sign-in or disconnect is for (`null`: the default region for a sign-in,
   * the whole layer for a disconnect). A prepared sign-in is only used for the region it was prepared for.
   */
  readonly region: AmazonRegion | null;
  /**
   * Counts the statuses the engine took in (a load, a poll, or the answer of a sign-in or disconnect). A poll keeps
   * its answer only when nothing was taken in since it was sent: an older answer must never undo a disconnect.
   */
  readonly statusEpoch: number;
  /** `statusEpoch` when the poll in flight was sent. */
  readonly pollEpoch: number;
}

/** What `completeCallback` produced. */
export type CallbackOutcome =
  | {
      readonly type: 'connected';
      readonly status: ConnectionsStatus;
      readonly transaction: PendingTransaction | null;
    }
  | {
      readonly type: 'choose_account';
      readonly accounts: readonly AdvertisingAccount[];
      readonly state: string;
      readonly transaction: PendingTransaction | null;
    }
  | { readonly type: 'handed_off' };

/**
 * Events a host (or the view model) sends. Every command names the connection it is for.
 *
 * @example
 * ```ts
 * const command: ConnectionsCommand = { type: 'DISCONNECT', kind: 'sellerCentral' };
 * connections.send(command);
 * // Seller Central is authorised per region: sign in for Europe, or remove Europe only.
 * connections.send({ type: 'CONNECT', kind: 'sellerCentral', region: 'eu' });
 * connections.send({ type: 'DISCONNECT', kind: 'sellerCentral', region: 'eu' });
 * ```
 */
export type ConnectionsCommand =
  | { readonly type: 'PREPARE'; readonly kind: ConnectionKind; readonly region?: AmazonRegion }
  | { readonly type: 'CONNECT'; readonly kind: ConnectionKind; readonly region?: AmazonRegion }
  | { readonly type: 'DISCONNECT'; readonly kind: ConnectionKind; readonly region?: AmazonRegion }
  | { readonly type: 'CONFIRM_DISCONNECT'; readonly kind: 'advertising' }
  | { readonly type: 'CANCEL'; readonly kind: ConnectionKind }
  | { readonly type: 'SELECT_ACCOUNT'; readonly kind: 'advertising'; readonly accountId: string }
  | { readonly type: 'DISMISS'; readonly kind: ConnectionKind };

/**
 * Every event the machine accepts.
 *
 * @example
 * ```ts
 * connections.send({ type: 'REFRESH' });
 * ```
 */
export type ConnectionsEvent =
  | ConnectionsCommand
  | { readonly type: 'RETRY' }
  | { readonly type: 'REFRESH' }
  /**
   * Shows another marketplace (a `marketplaceId` of the status, or `all`); once the status has loaded, anything
   * else is ignored.
   */
  | { readonly type: 'SELECT_MARKETPLACE'; readonly marketplace: string }
  /** A call found `kind` stale; `connectedAt` names the connection it was made for (a later one is not stale). */
  | { readonly type: 'STALE_DETECTED'; readonly kind: ConnectionKind; readonly connectedAt: string }
  | { readonly type: 'POPUP_CALLBACK'; readonly kind: ConnectionKind; readonly callback: ParsedCallback }
  | { readonly type: 'POPUP_BLOCKED'; readonly kind: ConnectionKind }
  | { readonly type: 'POPUP_CLOSED'; readonly kind: ConnectionKind };

/**
 * What a connection is doing right now.
 *
 * @example
 * ```ts
 * if (view.advertising.activity === 'choosing_account') showAccountPicker(view.advertising.accounts);
 * ```
 */
export type ConnectionActivity =
  | 'loading'
  | 'idle'
  | 'preparing'
  | 'prepared'
  | 'redirecting'
  | 'popup'
  | 'exchanging'
  | 'choosing_account'
  | 'selecting_account'
  | 'confirming_disconnect'
  | 'disconnecting'
  | 'failed';
