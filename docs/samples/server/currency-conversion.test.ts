// The server README's currency conversion sample: the option converts when it knows every currency's rate, and
// keeps the totals per currency (null) when it does not.
import { describe, expect, it } from 'vitest';
import { currencyConversion } from './currency-conversion';

describe('the currencyConversion sample', () => {
  it('gives the rates and their date for the currencies of the marketplaces', async () => {
    const conversion = await currencyConversion?.({ subscriptionId: 's', currencies: ['USD', 'EUR', 'GBP'] });
    expect(conversion).toMatchObject({
      currency: 'USD',
      rateDate: '2026-11-30',
      rates: { EUR: 1.08, GBP: 1.27 },
    });
  });

  it('answers null for a currency it has no rate for, so amounts stay per currency', async () => {
    expect(await currencyConversion?.({ subscriptionId: 's', currencies: ['USD', 'JPY'] })).toBeNull();
  });
});
