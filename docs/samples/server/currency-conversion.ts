import type { ConnectionsHandlerOptions, CurrencyConversion } from '@smart-ads/core/server';

/**
 * Stands for the host's own exchange rates in the samples (a finance API, the accounting ledger…): what one unit
 * of each currency was worth in US dollars on `date`, or `null` when one is unknown.
 */
async function usdRatesOn(
  date: string,
  currencies: readonly string[],
): Promise<CurrencyConversion['rates'] | null> {
  const table: Record<string, Record<string, number>> = {
    '2026-11-30': { USD: 1, CAD: 0.71, GBP: 1.27, EUR: 1.08 },
  };
  const day = table[date] ?? {};
  return currencies.every((currency) => day[currency] !== undefined) ? day : null;
}

// #region conversion
/** The `currencyConversion` option of `createConnectionsHandler`, for `GET /metrics?marketplace=all`. */
export const currencyConversion: ConnectionsHandlerOptions['currencyConversion'] = async ({ currencies }) => {
  const rateDate = '2026-11-30'; // the date of your rates: the answer shows it beside the converted figures
  const rates = await usdRatesOn(rateDate, currencies); // { CAD: 0.71, … }: 1 CAD is worth 0.71 USD
  return rates ? { currency: 'USD', rateDate, rates } : null; // null: the totals stay per currency
};
// #endregion conversion
