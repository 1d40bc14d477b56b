import type { ConnectionView, SellerCentralRegionView } from '@smart-ads/react';
import { conditionLabel } from './condition-label';

/**
 * What the dashboard names a connection by. Amazon Advertising: the advertising account's name. Seller Central:
 * nothing of its own yet. The status carries only the selling partner id (an opaque `A1B2…` code, not something
 * a seller recognises) and the marketplaces, so the dashboard shows the marketplaces instead of a made-up name.
 */
export function connectionName(connection: ConnectionView): string | null {
  return connection.kind === 'advertising' ? connection.accountName : null;
}

/**
 * One line for the account dropdown: `Acme Home & Kitchen: Connected` for Amazon Advertising; for Seller Central,
 * its regions with their marketplaces (Amazon authorises it per region), `Connected · US, CA` from servers that
 * list no regions.
 *
 * @example
 * ```ts
 * connectionSummary(view.sellerCentral); // 'Connected · North America (US, CA) · Europe (UK, DE)'
 * ```
 */
export function connectionSummary(connection: ConnectionView): string {
  const name = connectionName(connection);
  const status = conditionLabel(connection.condition);
  const places =
    connection.kind !== 'sellerCentral'
      ? []
      : connection.regions.length > 0
        ? connection.regions.map((region) => regionSummary(region))
        : connection.marketplaces.length > 0
          ? [connection.marketplaces.join(', ')]
          : [];
  return `${name ? `${name}: ` : ''}${status}${places.map((place) => ` · ${place}`).join('')}`;
}

/**
 * `Europe (UK, DE)`, and `Europe (UK, DE), stopped working` for a region whose authorisation is stale.
 *
 * @example
 * ```ts
 * regionSummary(view.sellerCentral.regions[0]); // 'North America (US, CA)'
 * ```
 */
export function regionSummary(region: SellerCentralRegionView): string {
  const where = `${region.name} (${region.marketplaces.join(', ')})`;
  return region.health === 'stale' ? `${where}, stopped working` : where;
}
