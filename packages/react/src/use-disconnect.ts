import type {
  ActionState,
  CommandResult,
  ConnectionKind,
  DisconnectConfirmation,
  TroubleView,
} from '@smart-ads/core';
import { useConnection } from './use-connection';

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
 * ```
 */
export function useDisconnect(kind: ConnectionKind): Disconnect {
  const connection = useConnection(kind);
  return {
    action: connection.actions.disconnect,
    confirmation: connection.confirmation,
    pending: connection.activity === 'disconnecting',
    trouble: connection.activity === 'failed' ? connection.trouble : null,
    request: connection.disconnect,
    confirm: connection.confirmDisconnect,
    cancel: connection.cancel,
  };
}
