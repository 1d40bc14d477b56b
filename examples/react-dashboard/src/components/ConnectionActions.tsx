import { type ConnectionKind, useConnection, useDisconnect, useSignIn } from '@smart-ads/react';

const disconnectLabels: Record<ConnectionKind, string> = {
  advertising: 'Disconnect Amazon Advertising',
  sellerCentral: 'Disconnect Seller Central',
};

/**
 * A connection's buttons: connect (or reconnect a stale one) and disconnect. The Seller Central disconnect is
 * immediate; the Amazon Advertising one opens the confirmation prompt. A button the rules block says why.
 */
export function ConnectionActions({ kind }: { kind: ConnectionKind }) {
  const connection = useConnection(kind);
  const signIn = useSignIn(kind);
  const disconnect = useDisconnect(kind);
  const { condition } = connection;
  const connected = condition !== null && condition !== 'disconnected';
  return (
    <>
      {(!connected || condition === 'stale') && (
        <button type="button" disabled={!signIn.action.allowed} onClick={signIn.start}>
          {condition === 'stale' ? 'Reconnect' : 'Connect'} {connection.label}
        </button>
      )}
      {connected && (
        <button
          type="button"
          className={kind === 'advertising' ? 'danger' : 'secondary'}
          disabled={!disconnect.action.allowed}
          onClick={disconnect.request}
        >
          {disconnectLabels[kind]}
        </button>
      )}
      {!connected && !signIn.action.allowed && signIn.action.code !== 'not_ready' && (
        <p className="hint">{signIn.action.message}</p>
      )}
    </>
  );
}
