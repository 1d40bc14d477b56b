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

/** The name of each Amazon marketplace country as a label writes it ("United Kingdom"). */
const nameByCountry: Readonly<Record<string, string>> = {
  US: 'United States',
  CA: 'Canada',
  MX: 'Mexico',
  BR: 'Brazil',
  UK: 'United Kingdom',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  IT: 'Italy',
  ES: 'Spain',
  NL: 'Netherlands',
  BE: 'Belgium',
  IE: 'Ireland',
  SE: 'Sweden',
  PL: 'Poland',
  TR: 'Türkiye',
  AE: 'United Arab Emirates',
  SA: 'Saudi Arabia',
  EG: 'Egypt',
  IN: 'India',
  ZA: 'South Africa',
  JP: 'Japan',
  AU: 'Australia',
  SG: 'Singapore',
};

/** The countries whose name takes "the" in a sentence. */
const withArticle: ReadonlySet<string> = new Set(['US', 'UK', 'GB', 'NL', 'AE']);

/**
 * The name of a marketplace country as a label or a list writes it ("Germany", "United States"), or the code
 * itself for an unknown one.
 *
 * @example
 * ```ts
 * marketplaceCountryLabel('UK'); // 'United Kingdom'
 * ```
 */
export function marketplaceCountryLabel(countryCode: string): string {
  return nameByCountry[countryCode.toUpperCase()] ?? countryCode.toUpperCase();
}

/**
 * The name of a marketplace country as a sentence uses it ("Germany", "the United States"), or the code itself
 * for an unknown one.
 *
 * @example
 * ```ts
 * marketplaceCountryName('DE'); // 'Germany'
 * marketplaceCountryName('UK'); // 'the United Kingdom'
 * ```
 */
export function marketplaceCountryName(countryCode: string): string {
  const label = marketplaceCountryLabel(countryCode);
  return withArticle.has(countryCode.toUpperCase()) ? `the ${label}` : label;
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
