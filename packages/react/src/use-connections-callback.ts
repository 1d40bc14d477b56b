import type { ConnectionKind, ConnectionView, TroubleView } from '@smart-ads/core';
import { useSyncExternalStore } from 'react';
import { useConnectionsContext } from './connections-context';
import { useConnection } from './use-connection';

/** Where the return from Amazon stands on the redirect-URI page. */
export type CallbackPhase = 'none' | 'completing' | 'choosing_account' | 'done' | 'cancelled' | 'failed';

/** What the redirect-URI page shows. */
export interface CallbackProgress {
  /** `none` when this page was not loaded with an Amazon callback. */
  readonly phase: CallbackPhase;
  /** The connection being completed. */
  readonly kind: ConnectionKind | null;
  /** That connection (its accounts to choose from, `selectAccount`, `dismiss`…); `null` with `none`. */
  readonly connection: ConnectionView | null;
  readonly trouble: TroubleView | null;
  /** Where the user goes back to, once known (after a completed full-page sign-in). */
  readonly returnTo: string | null;
}

/**
 * For the redirect-URI route: the engine completes the Amazon callback found in the URL on start (once, even in
 * StrictMode); this hook tells the page how it is going. With several advertising accounts the user picks one
 * (`connection.accounts`, `connection.selectAccount`).
 *
 * @example
 * ```tsx
 * function AmazonReturn() {
 *   const callback = useConnectionsCallback();
 *   if (callback.phase === 'failed') return <p role="alert">{callback.trouble?.message}</p>;
 *   return <p role="status">Connecting your Amazon account…</p>;
 * }
 * ```
 */
export function useConnectionsCallback(): CallbackProgress {
  const { callbackKind, returned } = useConnectionsContext();
  const connection = useConnection(callbackKind ?? 'advertising');
  const returnTo = useSyncExternalStore(returned.subscribe, returned.get, returned.get);
  if (callbackKind === null) return { phase: 'none', kind: null, connection: null, trouble: null, returnTo };
  const { activity, condition } = connection;
  const phase: CallbackPhase =
    activity === 'failed'
      ? 'failed'
      : activity === 'choosing_account'
        ? 'choosing_account'
        : activity === 'loading' || activity === 'exchanging' || activity === 'selecting_account'
          ? 'completing'
          : condition === 'disconnected' || condition === null
            ? 'cancelled' // the account choice was cancelled or the failure dismissed: nothing was connected
            : 'done';
  return { phase, kind: callbackKind, connection, trouble: connection.trouble, returnTo };
}
