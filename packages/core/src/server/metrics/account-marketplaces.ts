import type { AccountMarketplace, AmazonRegion, MarketplaceCoverage } from '../../contract/types';
import { marketplaceCountryName, marketplaceCurrency } from '../amazon/marketplace-currency';
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
  /** The Seller Central participation there, when the connected Seller Central authorisation covers it. */
  readonly participation: SellerMarketplaceRecord | undefined;
}

const regionNames: { readonly [R in AmazonRegion]: string } = {
  na: 'North America',
  eu: 'Europe',
  fe: 'the Far East',
};

const sellerFigures = 'Total Sales, Total Orders, Sessions, Buy Box %, Listing CVR and TACoS';
const adsFigures = 'Ad Spend, ACoS, ROAS and TACoS';

const covered: MarketplaceCoverage = { covered: true };

/**
 * What Seller Central covers in a marketplace: connected with a participation there, not connected at all, or
 * connected for another region (authorisations are per region) or without selling there.
 */
function sellerCoverage(
  seller: SellerCentralConnectionRecord | undefined,
  participation: SellerMarketplaceRecord | undefined,
  country: string,
  region: AmazonRegion,
): MarketplaceCoverage {
  if (participation) return covered;
  if (!seller) {
    return {
      covered: false,
      reason: 'disconnected',
      message: `Seller Central is not connected for ${country}. Connect Seller Central to see ${sellerFigures}.`,
    };
  }
  return {
    covered: false,
    reason: 'not_covered',
    message:
      seller.tokenRegion === region
        ? `Seller Central is not connected for ${country}: the connected Seller Central account does not sell there, so ${sellerFigures} are not available for ${country}.`
        : `Seller Central is not connected for ${country}: the connected Seller Central authorisation covers ${regionNames[seller.tokenRegion]} only, and Amazon authorises Seller Central per region, so ${sellerFigures} are not available for ${country}.`,
  };
}

/**
 * The marketplaces of the connected account, home marketplace (the first Ads profile) first: every Ads profile,
 * then every Seller Central participation without a profile. Each says what each connection covers there; a
 * marketplace one connection does not cover carries the reason and a sentence, never a silent gap. Empty without
 * an Advertising connection (Seller Central is a layer of it).
 *
 * @example
 * ```ts
 * accountMarketplaces(advertising, sellerCentral).map((m) => [m.view.countryCode, m.view.sellerCentral.covered]);
 * // [['US', true], ['CA', true], ['UK', false], ['DE', false]] with Seller Central authorised for North America
 * ```
 */
export function accountMarketplaces(
  advertising: AdvertisingConnectionRecord | undefined,
  seller: SellerCentralConnectionRecord | undefined,
): ResolvedMarketplace[] {
  if (!advertising) return [];
  const resolved: ResolvedMarketplace[] = advertising.account.marketplaces.map((profile) => {
    const participation = seller?.marketplaces.find((m) => m.id === profile.marketplaceId);
    const country = marketplaceCountryName(profile.countryCode);
    return {
      profile,
      participation,
      view: {
        marketplaceId: profile.marketplaceId,
        countryCode: profile.countryCode,
        name: country,
        region: profile.region,
        currency: marketplaceCurrency(profile.countryCode) ?? participation?.currencyCode ?? null,
        advertising: covered,
        sellerCentral: sellerCoverage(seller, participation, country, profile.region),
      },
    };
  });
  for (const participation of seller?.marketplaces ?? []) {
    if (resolved.some((m) => m.view.marketplaceId === participation.id)) continue;
    const country = marketplaceCountryName(participation.countryCode);
    resolved.push({
      profile: undefined,
      participation,
      view: {
        marketplaceId: participation.id,
        countryCode: participation.countryCode,
        name: country,
        region: seller?.tokenRegion ?? 'na',
        currency: participation.currencyCode ?? marketplaceCurrency(participation.countryCode),
        advertising: {
          covered: false,
          reason: 'not_covered',
          message: `Amazon Advertising is not connected for ${country}: the connected account has no advertising profile there, so ${adsFigures} are not available for ${country}.`,
        },
        sellerCentral: covered,
      },
    });
  }
  return resolved;
}
