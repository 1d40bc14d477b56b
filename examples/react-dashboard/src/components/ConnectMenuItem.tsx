import { type ConnectionKind, useConnection, useSignIn } from '@smart-ads/react';
import { useId } from 'react';

/**
 * "Connect Amazon Advertising" / "Connect Seller Central" in the account dropdown, "Reconnect …" for a connection
 * that stopped working (the same word as its notice). When the rules say no (one account per subscription, Seller
 * Central before Advertising…), the item looks unavailable and the reason is written under it; it stays in the tab
 * order, and pressing it anyway shows the same reason as an alert.
 */
export function ConnectMenuItem({ kind, onChosen }: { kind: ConnectionKind; onChosen: () => void }) {
  const signIn = useSignIn(kind);
  const { label, condition } = useConnection(kind);
  const reasonId = useId();
  const blocked = !signIn.action.allowed && signIn.action.code !== 'not_ready';
  return (
    <div className="menu-item">
      <button
        type="button"
        aria-disabled={blocked || undefined}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => {
          onChosen();
          signIn.start();
        }}
      >
        {condition === 'stale' ? 'Reconnect' : 'Connect'} {label}
      </button>
      {blocked && !signIn.action.allowed && (
        <p id={reasonId} className="hint">
          {signIn.action.message}
        </p>
      )}
    </div>
  );
}
