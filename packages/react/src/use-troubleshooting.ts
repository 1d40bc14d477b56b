import type {
  CommandResult,
  ConnectionKind,
  ConnectionsView,
  Refusal,
  Trouble,
  TroubleView,
} from '@smart-ads/core';
import { useMemo } from 'react';
import { useConnectionsContext } from './connections-context';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';

/** One piece of advice: a connection's trouble with its next step (retry, reconnect, contact support…). */
export interface Advice {
  readonly kind: ConnectionKind;
  /** 'Amazon Advertising' or 'Seller Central'. */
  readonly label: string;
  readonly trouble: TroubleView;
}

/** Everything the troubleshooting panel shows (rule 7). */
export interface Troubleshooting {
  /** The status could not be loaded. */
  readonly loadTrouble: Trouble | null;
  /** Per connection: a failed sign-in or disconnect, or data still missing after the wait. */
  readonly advice: readonly Advice[];
  /** The last command that was refused, and why. */
  readonly refusal: Refusal | null;
  /** Loads the status again after `loadTrouble`. */
  retryLoad(): CommandResult;
  /** Closes a connection's failure. */
  dismiss(kind: ConnectionKind): CommandResult;
}

interface Selected {
  readonly loadTrouble: Trouble | null;
  readonly advice: readonly Advice[];
  readonly refusal: Refusal | null;
}

function select(view: ConnectionsView): Selected {
  const advice: Advice[] = [];
  for (const connection of [view.advertising, view.sellerCentral]) {
    if (connection.trouble)
      advice.push({ kind: connection.kind, label: connection.label, trouble: connection.trouble });
  }
  return { loadTrouble: view.loadTrouble, advice, refusal: view.refusal };
}

/**
 * The built-in troubleshooting: why loading failed, each connection's trouble with its next step
 * (`retry`, `reconnect`, `disconnect_and_reconnect`, `contact_support` with the host's `supportUrl`…), and the
 * last refused command.
 *
 * @example
 * ```tsx
 * const help = useTroubleshooting();
 * {help.advice.map(({ kind, label, trouble }) => (
 *   <p key={kind} role="alert">
 *     {label}: {trouble.message}
 *     {trouble.supportUrl && <a href={trouble.supportUrl}>Contact support</a>}
 *   </p>
 * ))}
 * ```
 */
export function useTroubleshooting(): Troubleshooting {
  const { connections } = useConnectionsContext();
  const selected = useConnectionsSelector(select, sameData);
  return useMemo(
    () => ({
      ...selected,
      retryLoad: () => connections.getView().retryLoad(),
      dismiss: (kind: ConnectionKind) => connections.getView()[kind].dismiss(),
    }),
    [selected, connections],
  );
}
