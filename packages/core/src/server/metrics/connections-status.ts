import type { ConnectionKind, ConnectionsStatus, DataSource } from '../../contract/types';
import { dataSourceKinds, dataSources } from '../../metrics/metrics.catalogue';
import type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  ConnectionStore,
  SellerCentralConnectionRecord,
} from '../storage/connection-store';
import { accountMarketplaces } from './account-marketplaces';
import { adsAccountKey, dataSourcePrefixes, sellerAccountKey } from './report-sources';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A connection's data: `ready` once every source behind its figures has sent data (kept across disconnects), else
 * `populating` since it was connected, naming the sources still missing and the attempt (how many times this
 * account was connected so far while they were).
 */
async function dataOf(
  store: ConnectionStore,
  subscriptionId: string,
  connection: { kind: ConnectionKind; accountId: string; connectedAt: number },
  accountKey: string,
) {
  const sources = dataSources.filter((source) => dataSourceKinds[source] === connection.kind);
  const arrivals = await Promise.all(
    sources.map((source) => store.firstDataAt(subscriptionId, accountKey, dataSourcePrefixes[source])),
  );
  const missing: DataSource[] = sources.filter((_, index) => arrivals[index] === null);
  if (missing.length === 0) {
    return { state: 'ready' as const, since: iso(Math.min(...(arrivals as number[]))) };
  }
  const attempt = await store.connectionCount(subscriptionId, connection.kind, connection.accountId);
  return {
    state: 'populating' as const,
    since: iso(connection.connectedAt),
    missing,
    attempt: Math.max(1, attempt),
  };
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
 * is `ready` once report data arrived from every source of that Amazon account's figures (kept across
 * disconnects), else `populating` since the connection was made, with the sources still `missing`.
 * `marketplaces` lists the account's marketplaces with what each connection covers there.
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
          data: await dataOf(store, subscription.id, advertising, adsAccountKey(advertising.accountId)),
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
            sellerCentral,
            sellerAccountKey(sellerCentral.accountId),
          ),
        }
      : null,
    marketplaces: accountMarketplaces(advertising, sellerCentral).map((m) => m.view),
  };
}
