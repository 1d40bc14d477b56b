import type { AmazonRegion, ConnectionHealth, ConnectionsStatus } from '../contract/types';
import { sellerCentralRegions } from './connections.rules';

/**
 * Amazon's API regions as a seller reads them ("Connect Seller Central for Europe").
 *
 * @example
 * ```ts
 * regionNames.eu; // 'Europe'
 * ```
 */
export const regionNames: { readonly [R in AmazonRegion]: string } = {
  na: 'North America',
  eu: 'Europe',
  fe: 'Far East',
};

/**
 * One region's Seller Central authorisation, as a UI shows it ("Europe (UK, DE)", its health and data).
 *
 * @example
 * ```ts
 * const europe: SellerCentralRegionView | undefined = view.sellerCentral.regions.find((r) => r.region === 'eu');
 * europe?.name; // 'Europe'
 * europe?.marketplaces; // ['UK', 'DE']
 * ```
 */
export interface SellerCentralRegionView {
  readonly region: AmazonRegion;
  /** 'North America', 'Europe' or 'Far East'. */
  readonly name: string;
  /** `stale` when this region's authorisation stopped working: sign in for this region again. */
  readonly health: ConnectionHealth;
  readonly sellingPartnerId: string;
  /** Country codes of the marketplaces this region's authorisation covers. */
  readonly marketplaces: readonly string[];
  readonly connectedAt: string;
  readonly dataState: 'populating' | 'ready';
}

/**
 * Seller Central's authorised regions as {@link SellerCentralRegionView}s: the primary authorisation's region
 * first (the Advertising account's home), then North America, Europe, Far East.
 */
export function regionViews(status: ConnectionsStatus | null): readonly SellerCentralRegionView[] {
  const rank = (region: AmazonRegion) =>
    region === status?.sellerCentral?.region ? -1 : Object.keys(regionNames).indexOf(region);
  const authorisations = [...sellerCentralRegions(status)].sort((a, b) => rank(a.region) - rank(b.region));
  return authorisations.map((authorisation) => ({
    region: authorisation.region,
    name: regionNames[authorisation.region],
    health: authorisation.health,
    sellingPartnerId: authorisation.sellingPartnerId,
    marketplaces: authorisation.marketplaces.map((marketplace) => marketplace.countryCode),
    connectedAt: authorisation.connectedAt,
    dataState: authorisation.data.state,
  }));
}
