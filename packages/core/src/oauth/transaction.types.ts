import type { ConnectionKind } from '../contract/types';

/**
 * How the sign-in page is shown: full-page redirect (default) or a popup with redirect as the fallback.
 *
 * @example
 * ```ts
 * createConnections({ baseUrl: '/api/amazon', mode: 'popup' satisfies SignInMode });
 * ```
 */
export type SignInMode = 'redirect' | 'popup';

/**
 * A sign-in that has been sent to Amazon and not yet come back. Kept in storage so it survives the full-page
 * redirect and a reload.
 *
 * @example
 * ```ts
 * const pending: PendingTransaction | null = store.pending('sellerCentral');
 * pending?.returnTo; // '/dashboard'
 * ```
 */
export interface PendingTransaction {
  readonly kind: ConnectionKind;
  /** The opaque `state` the backend issued; compared in constant time with the callback's. */
  readonly state: string;
  /** Where to bring the user back to: a same-origin path. */
  readonly returnTo: string;
  /** 1 for a first try; 2 after one failed attempt in a row, and so on. */
  readonly attempt: number;
  /** When the sign-in started (ms since the epoch). */
  readonly startedAt: number;
  /** When the backend stops accepting this `state` (ms since the epoch). */
  readonly expiresAt: number;
  readonly mode: SignInMode;
  /** The user reconnects because data was slow: if it is still slow afterwards, the advice is "contact support". */
  readonly afterDataSlow: boolean;
}
