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
