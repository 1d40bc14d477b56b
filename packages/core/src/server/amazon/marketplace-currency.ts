/** The currency of each Amazon marketplace country (Ads profiles and SP-API marketplaces). */
const currencyByCountry: Readonly<Record<string, string>> = {
  US: 'USD',
  CA: 'CAD',
  MX: 'MXN',
  BR: 'BRL',
  UK: 'GBP',
  GB: 'GBP',
  DE: 'EUR',
  FR: 'EUR',
  IT: 'EUR',
  ES: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  IE: 'EUR',
  SE: 'SEK',
  PL: 'PLN',
  TR: 'TRY',
  AE: 'AED',
  SA: 'SAR',
  EG: 'EGP',
  IN: 'INR',
  ZA: 'ZAR',
  JP: 'JPY',
  AU: 'AUD',
  SG: 'SGD',
};

/** The name of each Amazon marketplace country, for the dashboard's sentences. */
const nameByCountry: Readonly<Record<string, string>> = {
  US: 'the United States',
  CA: 'Canada',
  MX: 'Mexico',
  BR: 'Brazil',
  UK: 'the United Kingdom',
  GB: 'the United Kingdom',
  DE: 'Germany',
  FR: 'France',
  IT: 'Italy',
  ES: 'Spain',
  NL: 'the Netherlands',
  BE: 'Belgium',
  IE: 'Ireland',
  SE: 'Sweden',
  PL: 'Poland',
  TR: 'Türkiye',
  AE: 'the United Arab Emirates',
  SA: 'Saudi Arabia',
  EG: 'Egypt',
  IN: 'India',
  ZA: 'South Africa',
  JP: 'Japan',
  AU: 'Australia',
  SG: 'Singapore',
};

/**
 * The name of a marketplace country as a sentence uses it ("Germany", "the United States"), or the code itself
 * for an unknown one.
 *
 * @example
 * ```ts
 * marketplaceCountryName('DE'); // 'Germany'
 * ```
 */
export function marketplaceCountryName(countryCode: string): string {
  return nameByCountry[countryCode.toUpperCase()] ?? countryCode.toUpperCase();
}

/**
 * The currency of a marketplace country, or null for an unknown one.
 *
 * @example
 * ```ts
 * marketplaceCurrency('DE'); // 'EUR'
 * ```
 */
export function marketplaceCurrency(countryCode: string): string | null {
  return currencyByCountry[countryCode.toUpperCase()] ?? null;
}
