import { type ConnectionKind, useConnection, useSignIn } from '@smart-ads/react';
import { useId } from 'react';

/**
 * "Connect Amazon Advertising" / "Connect Seller Central" in the account dropdown. When the rules say no (one
 * account per subscription, Seller Central before Advertising…), the reason is written under it; pressing it
 * anyway shows the same reason as an alert.
 */
export function ConnectMenuItem({ kind, onChosen }: { kind: ConnectionKind; onChosen: () => void }) {
  const signIn = useSignIn(kind);
  const { label } = useConnection(kind);
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
        Connect {label}
      </button>
      {blocked && !signIn.action.allowed && (
        <p id={reasonId} className="hint">
          {signIn.action.message}
        </p>
      )}
    </div>
  );
}
