import { marketplaces } from '@smart-ads/mock-amazon';
import { describe, expect, it } from 'vitest';
import { conversionFromSetting, demoRates } from './demo-rates.ts';

describe('the demo’s conversion setting', () => {
  it('has a rate for the currency of every marketplace the mock Amazon knows (else the totals stay per currency)', () => {
    const currencies = new Set(Object.values(marketplaces).map((m) => m.currencyCode));
    const missing = [...currencies].filter(
      (currency) => currency !== demoRates.currency && !((demoRates.rates[currency] ?? 0) > 0),
    );
    expect(missing).toEqual([]);
  });

  it('is off when unset, the demo table for "demo", a host’s rates as JSON, and refuses anything else', () => {
    expect(conversionFromSetting(undefined)).toBeNull();
    expect(conversionFromSetting('')).toBeNull();
    expect(conversionFromSetting('demo')).toBe(demoRates);
    const own = { currency: 'EUR', rateDate: '2026-12-01', rates: { USD: 0.93 } };
    expect(conversionFromSetting(JSON.stringify(own))).toEqual(own);
    expect(() => conversionFromSetting('{"currency":"EUR"}')).toThrow(/SMART_ADS_CURRENCY_CONVERSION/);
  });
});
