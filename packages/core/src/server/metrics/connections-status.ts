import type { AmazonRegion, ConnectionKind, ConnectionsStatus, DataSource } from '../../contract/types';
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
 * account was connected so far while they were). Seller Central's are per region: another region's reports and
 * connections never count for this one.
 */
async function dataOf(
  store: ConnectionStore,
  subscriptionId: string,
  connection: { kind: ConnectionKind; accountId: string; connectedAt: number; tokenRegion: AmazonRegion },
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
  const attempt = await store.connectionCount(
    subscriptionId,
    connection.kind,
    connection.accountId,
    connection.kind === 'sellerCentral' ? connection.tokenRegion : undefined,
  );
  return {
    state: 'populating' as const,
    since: iso(connection.connectedAt),
    missing,
    attempt: Math.max(1, attempt),
  };
}

/**
 * The subscription's primary Advertising connection and its Seller Central layer: `sellerCentralRegions` holds one
 * authorisation per authorised region (Amazon authorises the SP-API per region), `sellerCentral` the one of the
 * Advertising account's home region (its first Ads profile's) when authorised, else the first of them.
 *
 * @example
 * ```ts
 * const { advertising, sellerCentral, sellerCentralRegions } = primaryConnections(await store.listConnections(id));
 * sellerCentralRegions.map((layer) => layer.tokenRegion); // ['eu', 'na']
 * ```
 */
export function primaryConnections(connections: readonly ConnectionRecord[]): {
  advertising: AdvertisingConnectionRecord | undefined;
  sellerCentral: SellerCentralConnectionRecord | undefined;
  sellerCentralRegions: SellerCentralConnectionRecord[];
} {
  const advertising = connections.find((c): c is AdvertisingConnectionRecord => c.kind === 'advertising');
  const sellerCentralRegions = connections.filter(
    (c): c is SellerCentralConnectionRecord =>
      c.kind === 'sellerCentral' && c.parentAccountId === advertising?.accountId,
  );
  const home = advertising?.account.marketplaces[0]?.region;
  const sellerCentral =
    sellerCentralRegions.find((layer) => layer.tokenRegion === home) ?? sellerCentralRegions[0];
  return { advertising, sellerCentral, sellerCentralRegions };
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
  const { advertising, sellerCentral, sellerCentralRegions } = primaryConnections(connections);
  const layerView = async (layer: SellerCentralConnectionRecord) => ({
    region: layer.tokenRegion,
    health: layer.health,
    sellingPartnerId: layer.accountId,
    marketplaces: layer.marketplaces.map(({ id, name, countryCode }) => ({ id, name, countryCode })),
    connectedAt: iso(layer.connectedAt),
    data: await dataOf(store, subscription.id, layer, sellerAccountKey(layer.accountId, layer.tokenRegion)),
  });
  const regions = await Promise.all(sellerCentralRegions.map(layerView));
  const primary = regions.find((r) => r.region === sellerCentral?.tokenRegion);
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
    // The primary authorisation's fields, as before regions; `regions` lists every authorised region.
    sellerCentral: primary ? { kind: 'sellerCentral', ...primary, regions } : null,
    marketplaces: accountMarketplaces(advertising, sellerCentralRegions).map((m) => m.view),
  };
}
