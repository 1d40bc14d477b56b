/**
 * Conversion rates the host provides for all-marketplaces totals: `rates[X]` is what one unit of currency `X` is
 * worth in `currency` (`{ currency: 'EUR', rates: { USD: 0.92 } }`: 100 USD count as 92 EUR). `rateDate` is the
 * date the rates are from; the `/metrics` answer shows it beside the converted figures.
 *
 * @example
 * ```ts
 * const conversion: CurrencyConversion = {
 *   currency: 'USD',
 *   rateDate: '2026-11-30',
 *   rates: { CAD: 0.71, GBP: 1.27, EUR: 1.08 },
 * };
 * ```
 */
export interface CurrencyConversion {
  /** The currency every amount is converted into (ISO 4217). */
  readonly currency: string;
  /** `YYYY-MM-DD`: the date of the rates. */
  readonly rateDate: string;
  /** What one unit of each other currency is worth in `currency`. */
  readonly rates: Readonly<Record<string, number>>;
}

const currencyCode = /^[A-Z]{3}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The host's conversion if it can convert every one of `currencies` (the target's own rate is 1), limited to the
 * rates used; else `null` with a warning naming what is wrong (amounts then stay per currency, never added).
 *
 * @example
 * ```ts
 * usableConversion({ currency: 'USD', rateDate: '2026-11-30', rates: { EUR: 1.08 } }, ['USD', 'EUR'], console.warn);
 * // { currency: 'USD', rateDate: '2026-11-30', rates: { USD: 1, EUR: 1.08 } }
 * ```
 */
export function usableConversion(
  conversion: CurrencyConversion | null | undefined,
  currencies: readonly string[],
  warn: (message: string) => void,
): CurrencyConversion | null {
  if (!conversion) return null;
  if (
    !currencyCode.test(conversion.currency) ||
    !isoDate.test(conversion.rateDate) ||
    Number.isNaN(Date.parse(`${conversion.rateDate}T00:00:00Z`))
  ) {
    warn('currencyConversion returned an unusable currency or rateDate: amounts stay per currency');
    return null;
  }
  const rates: Record<string, number> = {};
  for (const currency of currencies) {
    const rate = currency === conversion.currency ? 1 : conversion.rates[currency];
    if (rate === undefined || !Number.isFinite(rate) || rate <= 0) {
      warn(`currencyConversion has no usable rate for ${currency}: amounts stay per currency`);
      return null;
    }
    rates[currency] = rate;
  }
  return { currency: conversion.currency, rateDate: conversion.rateDate, rates };
}
