import type { AmazonRegion } from '../base-urls.js';

/**
 * An Amazon marketplace as the Ads API and the SP-API describe it.
 *
 * @example
 * ```ts
 * const de: Marketplace = marketplaces.DE; // { id: 'A1PA6795UKMFR9', currencyCode: 'EUR', region: 'eu', ... }
 * ```
 */
export interface Marketplace {
  id: string;
  countryCode: string;
  name: string;
  region: AmazonRegion;
  currencyCode: string;
  languageCode: string;
  domainName: string;
  timezone: string;
  /** Rough price level relative to USD, so shops in JPY or MXN look plausible. */
  priceScale: number;
}

/**
 * Amazon's marketplaces that the mock knows, with their real marketplace ids.
 *
 * @example
 * ```ts
 * marketplaces.US.id; // 'ATVPDKIKX0DER'
 * ```
 */
export const marketplaces = {
  US: mp(
    'ATVPDKIKX0DER',
    'US',
    'Amazon.com',
    'na',
    'USD',
    'en_US',
    'www.amazon.com',
    'America/Los_Angeles',
    1,
  ),
  CA: mp(
    'A2EUQ1WTGCTBG2',
    'CA',
    'Amazon.ca',
    'na',
    'CAD',
    'en_CA',
    'www.amazon.ca',
    'America/Los_Angeles',
    1.35,
  ),
  MX: mp(
    'A1AM78C64UM0Y8',
    'MX',
    'Amazon.com.mx',
    'na',
    'MXN',
    'es_MX',
    'www.amazon.com.mx',
    'America/Los_Angeles',
    17,
  ),
  BR: mp(
    'A2Q3Y263D00KWC',
    'BR',
    'Amazon.com.br',
    'na',
    'BRL',
    'pt_BR',
    'www.amazon.com.br',
    'America/Sao_Paulo',
    5,
  ),
  UK: mp(
    'A1F83G8C2ARO7P',
    'UK',
    'Amazon.co.uk',
    'eu',
    'GBP',
    'en_GB',
    'www.amazon.co.uk',
    'Europe/London',
    0.8,
  ),
  DE: mp('A1PA6795UKMFR9', 'DE', 'Amazon.de', 'eu', 'EUR', 'de_DE', 'www.amazon.de', 'Europe/Paris', 0.92),
  FR: mp('A13V1IB3VIYZZH', 'FR', 'Amazon.fr', 'eu', 'EUR', 'fr_FR', 'www.amazon.fr', 'Europe/Paris', 0.92),
  IT: mp('APJ6JRA9NG5V4', 'IT', 'Amazon.it', 'eu', 'EUR', 'it_IT', 'www.amazon.it', 'Europe/Paris', 0.92),
  ES: mp('A1RKKUPIHCS9HS', 'ES', 'Amazon.es', 'eu', 'EUR', 'es_ES', 'www.amazon.es', 'Europe/Paris', 0.92),
  NL: mp(
    'A1805IZSGTT6HS',
    'NL',
    'Amazon.nl',
    'eu',
    'EUR',
    'nl_NL',
    'www.amazon.nl',
    'Europe/Amsterdam',
    0.92,
  ),
  JP: mp('A1VC38T7YXB528', 'JP', 'Amazon.co.jp', 'fe', 'JPY', 'ja_JP', 'www.amazon.co.jp', 'Asia/Tokyo', 150),
  AU: mp(
    'A39IBJ37TRP1C6',
    'AU',
    'Amazon.com.au',
    'fe',
    'AUD',
    'en_AU',
    'www.amazon.com.au',
    'Australia/Sydney',
    1.5,
  ),
  SG: mp('A19VAU5U5O7RUS', 'SG', 'Amazon.sg', 'fe', 'SGD', 'en_SG', 'www.amazon.sg', 'Asia/Singapore', 1.35),
} as const satisfies Record<string, Marketplace>;

/** A country code the mock knows. */
export type MarketplaceCountry = keyof typeof marketplaces;

function mp(
  id: string,
  countryCode: string,
  name: string,
  region: AmazonRegion,
  currencyCode: string,
  languageCode: string,
  domainName: string,
  timezone: string,
  priceScale: number,
): Marketplace {
  return { id, countryCode, name, region, currencyCode, languageCode, domainName, timezone, priceScale };
}
