'use client';

import { ConnectionsProvider, useConnection, useSignIn } from '@smart-ads/react';

function ConnectButton({ kind }: { kind: 'advertising' | 'sellerCentral' }) {
  const connection = useConnection(kind);
  const signIn = useSignIn(kind);
  return (
    <p>
      {connection.label}: {connection.condition ?? 'loading'}{' '}
      <button type="button" disabled={!signIn.action.allowed} onClick={signIn.start}>
        Connect {connection.label}
      </button>
    </p>
  );
}

/** The interactive part, on the hooks. */
export function Dashboard() {
  return (
    <ConnectionsProvider options={{ baseUrl: '/api/amazon' }}>
      <ConnectButton kind="advertising" />
      <ConnectButton kind="sellerCentral" />
    </ConnectionsProvider>
  );
}
