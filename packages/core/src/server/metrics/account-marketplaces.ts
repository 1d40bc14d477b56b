import type { AccountMarketplace, AmazonRegion, MarketplaceCoverage } from '../../contract/types';
import {
  marketplaceCountryLabel,
  marketplaceCountryName,
  marketplaceCurrency,
} from '../amazon/marketplace-currency';
import type {
  AdvertisingConnectionRecord,
  SellerCentralConnectionRecord,
  SellerMarketplaceRecord,
} from '../storage/connection-store';

/** An Ads profile of the connected account (one marketplace). */
export type AdsProfileRecord = AdvertisingConnectionRecord['account']['marketplaces'][number];

/**
 * One marketplace of the connected account as the metrics service needs it: the contract's view (what each
 * connection covers, with the sentence) plus the Ads profile and the Seller Central participation behind it.
 *
 * @example
 * ```ts
 * const [home] = accountMarketplaces(advertising, sellerCentral);
 * home.profile?.profileId; // the Ads profile the figures of `home.view.marketplaceId` come from
 * ```
 */
export interface ResolvedMarketplace {
  readonly view: AccountMarketplace;
  /** The Ads profile there, when Amazon Advertising covers it. */
  readonly profile: AdsProfileRecord | undefined;
  /** The Seller Central participation there, when a connected Seller Central authorisation covers it. */
  readonly participation: SellerMarketplaceRecord | undefined;
  /**
   * The Seller Central authorisation whose figures this marketplace's come from: the one whose participations
   * include it; undefined when none covers it (never another region's: its health says nothing here, and
   * `view.sellerCentral` says why the figures are missing).
   */
  readonly seller: SellerCentralConnectionRecord | undefined;
}

const regionNames: { readonly [R in AmazonRegion]: string } = {
  na: 'North America',
  eu: 'Europe',
  fe: 'the Far East',
};

const sellerFigures = 'Total Sales, Total Orders, Sessions, Buy Box %, Listing CVR and TACoS';
const adsFigures = 'Ad Spend, ACoS, ROAS and TACoS';

const covered: MarketplaceCoverage = { covered: true };

/** "North America", "North America and Europe", "North America, Europe and the Far East". */
function regionList(regions: readonly AmazonRegion[]): string {
  const names = regions.map((region) => regionNames[region]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * What Seller Central covers in a marketplace: connected with a participation there (naming the authorisation,
 * its region and when it was connected, when it has gone stale), not connected at all, or connected for other
 * regions only (authorisations are per region) or without selling there.
 */
function sellerCoverage(
  layers: readonly SellerCentralConnectionRecord[],
  participation: SellerMarketplaceRecord | undefined,
  covering: SellerCentralConnectionRecord | undefined,
  country: string,
  region: AmazonRegion,
): MarketplaceCoverage {
  if (participation && covering) {
    if (covering.health !== 'stale') return covered;
    const where = regionNames[covering.tokenRegion];
    const since = new Date(covering.connectedAt).toISOString();
    return {
      covered: true,
      health: 'stale',
      region: covering.tokenRegion,
      connectedAt: since,
      message: `Seller Central's authorisation for ${where}, connected on ${since.slice(0, 10)}, has stopped working, so ${sellerFigures} are not available for ${country}. Reconnect Seller Central for ${where} to see them.`,
    };
  }
  if (participation) return covered;
  if (layers.length === 0) {
    return {
      covered: false,
      reason: 'disconnected',
      message: `Seller Central is not connected for ${country}. Connect Seller Central to see ${sellerFigures}.`,
    };
  }
  const regions = layers.map((layer) => layer.tokenRegion);
  const which =
    regions.length === 1
      ? `the connected Seller Central authorisation covers ${regionList(regions)} only`
      : `the connected Seller Central authorisations cover ${regionList(regions)} only`;
  return {
    covered: false,
    reason: 'not_covered',
    message: regions.includes(region)
      ? `Seller Central is not connected for ${country}: the connected Seller Central account does not sell there, so ${sellerFigures} are not available for ${country}.`
      : `Seller Central is not connected for ${country}: ${which}, and Amazon authorises Seller Central per region, so ${sellerFigures} are not available for ${country}. Connect Seller Central for ${regionNames[region]} to see them.`,
  };
}

/** The participation in `marketplaceId` and the authorisation (region) it belongs to, if any. */
function participationIn(layers: readonly SellerCentralConnectionRecord[], marketplaceId: string) {
  for (const layer of layers) {
    const participation = layer.marketplaces.find((m) => m.id === marketplaceId);
    if (participation) return { participation, layer };
  }
  return undefined;
}

/**
 * The marketplaces of the connected account, home marketplace (the first Ads profile) first: every Ads profile,
 * then every Seller Central participation without a profile. Each says what each connection covers there; a
 * marketplace one connection does not cover carries the reason and a sentence, never a silent gap. Empty without
 * an Advertising connection (Seller Central is a layer of it). `sellerLayers` are the layer's authorisations, one
 * per authorised region: a marketplace is covered by the one of its region.
 *
 * @example
 * ```ts
 * accountMarketplaces(advertising, [northAmerica]).map((m) => [m.view.countryCode, m.view.sellerCentral.covered]);
 * // [['US', true], ['CA', true], ['UK', false], ['DE', false]] with Seller Central authorised for North America
 * ```
 */
export function accountMarketplaces(
  advertising: AdvertisingConnectionRecord | undefined,
  sellerLayers: readonly SellerCentralConnectionRecord[],
): ResolvedMarketplace[] {
  if (!advertising) return [];
  const resolved: ResolvedMarketplace[] = advertising.account.marketplaces.map((profile) => {
    const found = participationIn(sellerLayers, profile.marketplaceId);
    const participation = found?.participation;
    const country = marketplaceCountryName(profile.countryCode);
    return {
      profile,
      participation,
      seller: found?.layer,
      view: {
        marketplaceId: profile.marketplaceId,
        countryCode: profile.countryCode,
        name: country,
        countryName: marketplaceCountryLabel(profile.countryCode),
        region: profile.region,
        currency: marketplaceCurrency(profile.countryCode) ?? participation?.currencyCode ?? null,
        advertising: covered,
        sellerCentral: sellerCoverage(sellerLayers, participation, found?.layer, country, profile.region),
      },
    };
  });
  for (const layer of sellerLayers) {
    for (const participation of layer.marketplaces) {
      if (resolved.some((m) => m.view.marketplaceId === participation.id)) continue;
      const country = marketplaceCountryName(participation.countryCode);
      resolved.push({
        profile: undefined,
        participation,
        seller: layer,
        view: {
          marketplaceId: participation.id,
          countryCode: participation.countryCode,
          name: country,
          countryName: marketplaceCountryLabel(participation.countryCode),
          region: layer.tokenRegion,
          currency: participation.currencyCode ?? marketplaceCurrency(participation.countryCode),
          advertising: {
            covered: false,
            reason: 'not_covered',
            message: `Amazon Advertising is not connected for ${country}: the connected account has no advertising profile there, so ${adsFigures} are not available for ${country}.`,
          },
          sellerCentral: sellerCoverage(sellerLayers, participation, layer, country, layer.tokenRegion),
        },
      });
    }
  }
  return resolved;
}
