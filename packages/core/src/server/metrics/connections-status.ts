import type { ConnectionsStatus } from '../../contract/types';
import type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  ConnectionStore,
  SellerCentralConnectionRecord,
} from '../storage/connection-store';
import { adsAccountKey, sellerAccountKey } from './report-sources';

const iso = (ms: number) => new Date(ms).toISOString();

async function dataOf(
  store: ConnectionStore,
  subscriptionId: string,
  accountKey: string,
  connectedAt: number,
) {
  const first = await store.firstDataAt(subscriptionId, accountKey);
  return first === null
    ? { state: 'populating' as const, since: iso(connectedAt) }
    : { state: 'ready' as const, since: iso(first) };
}

/** The subscription's primary Advertising connection and its Seller Central layer. */
export function primaryConnections(connections: readonly ConnectionRecord[]): {
  advertising: AdvertisingConnectionRecord | undefined;
  sellerCentral: SellerCentralConnectionRecord | undefined;
} {
  const advertising = connections.find((c): c is AdvertisingConnectionRecord => c.kind === 'advertising');
  const sellerCentral = connections.find(
    (c): c is SellerCentralConnectionRecord =>
      c.kind === 'sellerCentral' && c.parentAccountId === advertising?.accountId,
  );
  return { advertising, sellerCentral };
}

/**
 * Builds the `GET /status` body from stored connections: no token or secret ever goes in it. `data.state`
 * is `ready` once any report data arrived for that Amazon account (kept across disconnects), else
 * `populating` since the connection was made.
 *
 * @example
 * ```ts
 * const status = await buildStatus(store, subscription, await store.listConnections(subscription.id));
 * ```
 */
export async function buildStatus(
  store: ConnectionStore,
  subscription: { id: string; accountLimit: number },
  connections: readonly ConnectionRecord[],
): Promise<ConnectionsStatus> {
  const { advertising, sellerCentral } = primaryConnections(connections);
  return {
    subscription: { accountLimit: subscription.accountLimit },
    advertising: advertising
      ? {
          kind: 'advertising',
          health: advertising.health,
          account: advertising.account,
          connectedAt: iso(advertising.connectedAt),
          data: await dataOf(
            store,
            subscription.id,
            adsAccountKey(advertising.accountId),
            advertising.connectedAt,
          ),
        }
      : null,
    sellerCentral: sellerCentral
      ? {
          kind: 'sellerCentral',
          health: sellerCentral.health,
          sellingPartnerId: sellerCentral.accountId,
          region: sellerCentral.tokenRegion,
          marketplaces: sellerCentral.marketplaces.map(({ id, name, countryCode }) => ({
            id,
            name,
            countryCode,
          })),
          connectedAt: iso(sellerCentral.connectedAt),
          data: await dataOf(
            store,
            subscription.id,
            sellerAccountKey(sellerCentral.accountId),
            sellerCentral.connectedAt,
          ),
        }
      : null,
  };
}
