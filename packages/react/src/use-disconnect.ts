import type {
  ActionState,
  AmazonRegion,
  CommandResult,
  ConnectionKind,
  DisconnectConfirmation,
  TroubleView,
} from '@smart-ads/core';
import { useCallback } from 'react';
import { useConnection } from './use-connection';

/** Options of {@link useDisconnect}. */
export interface DisconnectOptions {
  /**
   * Seller Central only: remove this region's authorisation and keep the others (e.g. "Disconnect Europe").
   * @default the whole connection (every region)
   */
  readonly region?: AmazonRegion;
}

/** The disconnect flow of one connection. */
export interface Disconnect {
  /** Whether `request` can run now, and why not. */
  readonly action: ActionState;
  /** The prompt to show after `request` (Amazon Advertising, rule 4); `null` otherwise. */
  readonly confirmation: DisconnectConfirmation | null;
  /** The disconnect is being sent. */
  readonly pending: boolean;
  /**
   * The connection's failure, if its last command failed (after a failed disconnect the connection was left as it
   * was); the same as `useConnection(kind).trouble` while the connection is in its failed state.
   */
  readonly trouble: TroubleView | null;
  /** Asks to disconnect: immediate for Seller Central, opens `confirmation` for Amazon Advertising. */
  request(): CommandResult;
  /** Confirms the prompt. */
  confirm(): CommandResult;
  /** Closes the prompt; nothing changes. */
  cancel(): CommandResult;
}

/**
 * Disconnect one connection: Seller Central at once (rule 3), Amazon Advertising after a confirmation whose
 * message says all optimiser functionality stops (rule 4). Render `confirmation` when it is not `null`.
 *
 * @example
 * ```tsx
 * function DisconnectAdvertising() {
 *   const disconnect = useDisconnect('advertising');
 *   if (disconnect.confirmation) {
 *     return (
 *       <div role="alertdialog" aria-label={disconnect.confirmation.title}>
 *         <p>{disconnect.confirmation.message}</p>
 *         <button type="button" onClick={disconnect.confirm}>{disconnect.confirmation.confirmLabel}</button>
 *         <button type="button" onClick={disconnect.cancel}>{disconnect.confirmation.cancelLabel}</button>
 *       </div>
 *     );
 *   }
 *   return <button type="button" disabled={!disconnect.action.allowed} onClick={disconnect.request}>Disconnect</button>;
 * }
 *
 * function DisconnectEurope() {
 *   const disconnect = useDisconnect('sellerCentral', { region: 'eu' });
 *   return (
 *     <button type="button" disabled={!disconnect.action.allowed || disconnect.pending} onClick={disconnect.request}>
 *       Disconnect Europe
 *     </button>
 *   );
 * }
 * ```
 */
export function useDisconnect(kind: ConnectionKind, options: DisconnectOptions = {}): Disconnect {
  const connection = useConnection(kind);
  const region = kind === 'sellerCentral' ? options.region : undefined;
  // A region's disconnect reports its own progress only (another region's is not this one's).
  const mine = !region || connection.pendingRegion === region;
  const { disconnect } = connection;
  const request = useCallback(() => disconnect(region), [disconnect, region]);
  return {
    action: region ? connection.regionActions[region].disconnect : connection.actions.disconnect,
    confirmation: connection.confirmation,
    pending: mine && connection.activity === 'disconnecting',
    trouble: mine && connection.activity === 'failed' ? connection.trouble : null,
    request,
    confirm: connection.confirmDisconnect,
    cancel: connection.cancel,
  };
}
