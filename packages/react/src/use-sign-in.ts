import type {
  ActionState,
  CommandResult,
  ConnectionActivity,
  ConnectionKind,
  TroubleView,
} from '@smart-ads/core';
import { useEffect } from 'react';
import { useConnectionsContext } from './connections-context';
import { useConnection } from './use-connection';

/** Options of {@link useSignIn}. */
export interface SignInOptions {
  /**
   * Fetch the Amazon sign-in URL ahead of the click (while the connection is idle and may be connected), so the
   * click opens the popup synchronously (Safari blocks `window.open` after an `await`).
   * @default true when the engine's `mode` is `'popup'`
   */
  readonly prepare?: boolean;
}

/** Connect or reconnect one kind: what the button needs. */
export interface SignIn {
  /** Whether `start` can run now, and why not (e.g. "disconnect the current account first"). */
  readonly action: ActionState;
  readonly activity: ConnectionActivity;
  /** The sign-in URL is ready: the click goes to Amazon at once (popup or redirect). */
  readonly prepared: boolean;
  readonly trouble: TroubleView | null;
  /** Goes to Amazon's sign-in: call it directly in the click handler. */
  start(): CommandResult;
  /** Abandons a sign-in that has not come back yet. */
  cancel(): CommandResult;
}

/**
 * Connect and reconnect (rule 5): full-page redirect by default, a popup where the engine's `mode` is `'popup'`
 * (a blocked popup falls back to the redirect). In popup mode the authorize URL is prepared before the click so
 * `window.open` runs inside the click handler.
 *
 * @example
 * ```tsx
 * function ConnectSellerCentral() {
 *   const signIn = useSignIn('sellerCentral');
 *   return (
 *     <button type="button" disabled={!signIn.action.allowed} title={signIn.action.allowed ? undefined : signIn.action.message} onClick={signIn.start}>
 *       Connect Seller Central
 *     </button>
 *   );
 * }
 * ```
 */
export function useSignIn(kind: ConnectionKind, options: SignInOptions = {}): SignIn {
  const { connections } = useConnectionsContext();
  const connection = useConnection(kind);
  const prepare = options.prepare ?? connections.getView().signInMode === 'popup';
  const { activity } = connection;
  const shouldPrepare = prepare && activity === 'idle' && connection.actions.prepare.allowed;

  useEffect(() => {
    if (!shouldPrepare) return;
    // Asks the current view, so StrictMode's second run finds the first one's request and does nothing.
    const current = connections.getView()[kind];
    if (current.activity === 'idle' && current.actions.prepare.allowed) current.prepare();
  }, [connections, kind, shouldPrepare]);

  return {
    action: connection.actions.connect,
    activity,
    prepared: activity === 'prepared',
    trouble: connection.trouble,
    start: connection.connect,
    cancel: connection.cancel,
  };
}
