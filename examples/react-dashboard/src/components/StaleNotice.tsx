import { type ConnectionKind, useConnection, useSignIn } from '@smart-ads/react';

function Stale({ kind }: { kind: ConnectionKind }) {
  const { label, condition } = useConnection(kind);
  const signIn = useSignIn(kind);
  if (condition !== 'stale') return null;
  return (
    <div role="alert" className="notice notice-trouble" data-code="stale">
      <p className="notice-title">{label}: the connection stopped working</p>
      <p>
        If you changed your Amazon password or revoked access from the Amazon side, your connection may stop
        working. Reconnect to create a fresh authorisation.
      </p>
      <div className="notice-actions">
        <button type="button" disabled={!signIn.action.allowed} onClick={signIn.start}>
          Reconnect {label}
        </button>
      </div>
    </div>
  );
}

/** A stale connection (rule 6): what happened, in the help article's words, and reconnect as the action. */
export function StaleNotice() {
  return (
    <>
      <Stale kind="advertising" />
      <Stale kind="sellerCentral" />
    </>
  );
}
