import type { ConnectionKind, Connections, MetricsQuery } from '@smart-ads/core';
import { createContext, useContext } from 'react';

/** The path the user is sent back to after a completed sign-in, as a tiny store. Internal. */
export interface ReturnStore {
  get(): string | null;
  set(path: string): void;
  subscribe(listener: () => void): () => void;
}

/** What the provider shares with the hooks. Internal. */
export interface ConnectionsContextValue {
  readonly connections: Connections;
  readonly metrics: MetricsQuery;
  /** The connection whose Amazon callback this page was loaded with, if any. */
  readonly callbackKind: ConnectionKind | null;
  readonly returned: ReturnStore;
}

/** The provider's context. Internal. */
export const ConnectionsContext = /* @__PURE__ */ createContext<ConnectionsContextValue | null>(null);

/** Reads the provider's context, or throws a message that names the fix. Internal. */
export function useConnectionsContext(): ConnectionsContextValue {
  const value = useContext(ConnectionsContext);
  if (!value) throw new Error('Smart Ads hooks must be used inside <ConnectionsProvider>.');
  return value;
}
