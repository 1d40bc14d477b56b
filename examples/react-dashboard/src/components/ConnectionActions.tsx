import { type ConnectionKind, useConnection, useDisconnect, useSignIn } from '@smart-ads/react';
import { useEffect, useId, useRef } from 'react';

const disconnectLabels: Record<ConnectionKind, string> = {
  advertising: 'Disconnect Amazon Advertising',
  sellerCentral: 'Disconnect Seller Central',
};

/** What each disconnect does, in the help article's words, under its button. */
const disconnectNotes: Record<ConnectionKind, string> = {
  advertising:
    'Asks you to confirm first: it removes the whole account connection, its Seller Central layer included, and stops all Ads Optimiser functionality for that account.',
  sellerCentral:
    'Immediate, no confirmation. The Ads Optimiser keeps working; the six Seller Central figures show a dash until you reconnect. No data is deleted.',
};

/**
 * A connection's buttons: connect (or reconnect a stale one) and disconnect. The Seller Central disconnect is
 * immediate; the Amazon Advertising one opens the confirmation prompt. A button the rules block says why. When a
 * disconnect removes the focused Disconnect button (or the prompt closed on it), focus moves to the Connect button.
 */
export function ConnectionActions({ kind }: { kind: ConnectionKind }) {
  const connection = useConnection(kind);
  const signIn = useSignIn(kind);
  const disconnect = useDisconnect(kind);
  const { condition } = connection;
  const connected = condition !== null && condition !== 'disconnected';
  const connectRef = useRef<HTMLButtonElement>(null);
  const noteId = useId();
  const wasConnected = useRef(connected);

  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (wasConnected.current && !connected && lost) connectRef.current?.focus();
    wasConnected.current = connected;
  }, [connected]);

  return (
    <>
      {(!connected || condition === 'stale') && (
        <button ref={connectRef} type="button" disabled={!signIn.action.allowed} onClick={signIn.start}>
          {condition === 'stale' ? 'Reconnect' : 'Connect'} {connection.label}
        </button>
      )}
      {connected && (
        <button
          type="button"
          className={kind === 'advertising' ? 'danger' : 'secondary'}
          disabled={!disconnect.action.allowed}
          aria-describedby={noteId}
          onClick={disconnect.request}
        >
          {disconnectLabels[kind]}
        </button>
      )}
      {connected && (
        <p id={noteId} className="hint action-note">
          {disconnectNotes[kind]}
        </p>
      )}
      {!connected && !signIn.action.allowed && signIn.action.code !== 'not_ready' && (
        <p className="hint">{signIn.action.message}</p>
      )}
    </>
  );
}
