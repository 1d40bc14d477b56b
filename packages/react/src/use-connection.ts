import type { AmazonRegion, CommandResult, ConnectionKind, ConnectionView } from '@smart-ads/core';
import { useMemo } from 'react';
import { useConnectionsContext } from './connections-context';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';

type Commands = Pick<
  ConnectionView,
  'prepare' | 'connect' | 'disconnect' | 'confirmDisconnect' | 'cancel' | 'selectAccount' | 'dismiss'
>;

/**
 * One connection: its condition (`disconnected`, `populating`, `ready`, `stale`), what it is doing, the account,
 * which commands can run now and why not, the confirmation prompt and the trouble with its next step. Re-renders
 * only when that connection's data changes. The commands are stable and always act on the current state.
 *
 * @example
 * ```tsx
 * const advertising = useConnection('advertising');
 * <p>{advertising.label}: {advertising.accountName ?? 'not connected'} ({advertising.condition})</p>
 * {!advertising.actions.connect.allowed && <small>{advertising.actions.connect.message}</small>}
 * // Seller Central's regions: "North America (US, CA) · Europe (GB, DE)"
 * const sellerCentral = useConnection('sellerCentral');
 * sellerCentral.regions.map((region) => `${region.name} (${region.marketplaces.join(', ')})`).join(' · ');
 * ```
 */
export function useConnection(kind: ConnectionKind): ConnectionView {
  const { connections } = useConnectionsContext();
  const data = useConnectionsSelector((view) => view[kind], sameData);
  const commands = useMemo((): Commands => {
    const current = () => connections.getView()[kind];
    return {
      prepare: (region?: AmazonRegion): CommandResult => current().prepare(region),
      connect: (region?: AmazonRegion) => current().connect(region),
      disconnect: (region?: AmazonRegion) => current().disconnect(region),
      confirmDisconnect: () => current().confirmDisconnect(),
      cancel: () => current().cancel(),
      selectAccount: (accountId: string) => current().selectAccount(accountId),
      dismiss: () => current().dismiss(),
    };
  }, [connections, kind]);
  return useMemo(() => ({ ...data, ...commands }), [data, commands]);
}
