import {
  type ConnectionActivity,
  type ConnectionKind,
  useConnection,
  useConnectionsSelector,
} from '@smart-ads/react';

const messages: Partial<Record<ConnectionActivity, string>> = {
  preparing: 'Preparing the Amazon sign-in…',
  redirecting: "Going to Amazon's sign-in page…",
  popup: 'Sign in on the Amazon window…',
  exchanging: 'Finishing the connection with Amazon…',
  selecting_account: 'Connecting the chosen account…',
  disconnecting: 'Disconnecting…',
};

function Activity({ kind }: { kind: ConnectionKind }) {
  const { label, activity } = useConnection(kind);
  const message = messages[activity];
  return message ? (
    <p>
      {label}: {message}
    </p>
  ) : null;
}

/** What the engine is doing right now, announced politely. */
export function ActivityNotice() {
  const loading = useConnectionsSelector((view) => view.phase === 'loading');
  return (
    <div role="status" className="activity">
      {loading && <p>Loading your Amazon connections…</p>}
      <Activity kind="advertising" />
      <Activity kind="sellerCentral" />
    </div>
  );
}
