import type { CurrencyConversion } from '@smart-ads/core/server';

/**
 * DEMO RATES, NOT MARKET RATES: a fixed table the example servers give the server half's `currencyConversion`
 * when the demo turns conversion on (`--demo-rates`, `SMART_ADS_CURRENCY_CONVERSION=demo`), so the all-marketplaces
 * view can show one total in US dollars beside the per-currency totals, with the rate date. A real host asks its
 * rates provider for the day's rates instead. Covers every currency of the mock Amazon's marketplaces.
 *
 * @example
 * ```ts
 * createConnectionsServer({ ...options, currencyConversion: () => demoRates });
 * ```
 */
export const demoRates: CurrencyConversion = {
  currency: 'USD',
  rateDate: '2026-11-30',
  rates: {
    CAD: 0.71,
    MXN: 0.058,
    BRL: 0.19,
    GBP: 1.27,
    EUR: 1.08,
    JPY: 0.0067,
    AUD: 0.65,
    SGD: 0.75,
  },
};

/**
 * The conversion an example server is given: the demo table for `'demo'`, a host's own `{ currency, rateDate,
 * rates }` as JSON, or `null` (no conversion: totals stay per currency) for an empty value.
 *
 * @example
 * ```ts
 * conversionFromSetting(process.env.SMART_ADS_CURRENCY_CONVERSION); // demoRates for 'demo'
 * ```
 */
export function conversionFromSetting(setting: string | undefined): CurrencyConversion | null {
  if (!setting) return null;
  if (setting === 'demo') return demoRates;
  const value: unknown = JSON.parse(setting);
  if (typeof value !== 'object' || value === null || !('rates' in value)) {
    throw new Error(
      'SMART_ADS_CURRENCY_CONVERSION must be "demo" or {"currency","rateDate","rates"} as JSON',
    );
  }
  return value as CurrencyConversion;
}
