import type {
  ActionState,
  AmazonRegion,
  CommandResult,
  ConnectionActivity,
  ConnectionKind,
  TroubleView,
} from '@smart-ads/core';
import { useCallback, useEffect } from 'react';
import { useConnectionsContext } from './connections-context';
import { useConnection } from './use-connection';

/** Options of {@link useSignIn}. */
export interface SignInOptions {
  /**
   * Fetch the Amazon sign-in URL ahead of the click (while the connection is idle and may be connected), so the
   * click opens the popup synchronously (Safari blocks `window.open` after an `await`). A prepared sign-in holds
   * the connection busy until it is used or cancelled (its disconnect is refused as `in_progress` meanwhile).
   * @default true when the engine's `mode` is `'popup'`, except for a Seller Central `region`'s sign-in
   */
  readonly prepare?: boolean;
  /**
   * Seller Central only: the region to sign in for (e.g. `'eu'` for "Connect Seller Central for Europe"), which
   * adds that region's authorisation beside the others, or renews it when it is stale.
   * @default the server's default region (the Advertising account's home region)
   */
  readonly region?: AmazonRegion;
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
 *
 * function ConnectSellerCentralForEurope() {
 *   const signIn = useSignIn('sellerCentral', { region: 'eu' });
 *   if (!signIn.action.allowed) return null;
 *   return <button type="button" onClick={signIn.start}>Connect Seller Central for Europe</button>;
 * }
 * ```
 */
export function useSignIn(kind: ConnectionKind, options: SignInOptions = {}): SignIn {
  const { connections } = useConnectionsContext();
  const connection = useConnection(kind);
  const region = kind === 'sellerCentral' ? options.region : undefined;
  // A region's sign-in is not prepared unless asked: a prepared sign-in holds Seller Central busy, and a region
  // button shows while Seller Central is connected (its disconnect would wait for the prepared sign-in).
  const prepare = options.prepare ?? (!region && connections.getView().signInMode === 'popup');
  const { activity } = connection;
  // A region's button: its region's rules, and only its own sign-in (another region's is not this button's).
  const action = region ? connection.regionActions[region].connect : connection.actions.connect;
  const mine = !region || connection.pendingRegion === region;
  const shouldPrepare = prepare && activity === 'idle' && action.allowed;

  useEffect(() => {
    if (!shouldPrepare) return;
    // Asks the current view, so StrictMode's second run finds the first one's request and does nothing.
    const current = connections.getView()[kind];
    const allowed = region ? current.regionActions[region].connect : current.actions.prepare;
    if (current.activity === 'idle' && allowed.allowed) current.prepare(region);
  }, [connections, kind, region, shouldPrepare]);

  const { connect } = connection;
  const start = useCallback(() => connect(region), [connect, region]);
  return {
    action,
    activity: mine ? activity : 'idle',
    prepared: mine && activity === 'prepared',
    trouble: mine ? connection.trouble : null,
    start,
    cancel: connection.cancel,
  };
}
