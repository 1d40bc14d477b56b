import { describe, expect, it } from 'vitest';
import { displayMetric, metricDash } from './metrics.format';

describe('displayMetric', () => {
  const available = { state: 'available' } as const;

  it('writes percentages given in points, as the server sends them', () => {
    expect(displayMetric('acos', available, { value: 38.8, reason: null }, { locale: 'en-US' })).toBe(
      '38.8%',
    );
    expect(
      displayMetric('buyBoxPercentage', available, { value: 96, reason: null }, { locale: 'en-US' }),
    ).toBe('96%');
  });

  it('writes money in the account currency and ROAS as a multiple', () => {
    const money = displayMetric(
      'adSpend',
      available,
      { value: 5845.98, reason: null },
      { locale: 'en-US', currency: 'USD' },
    );
    expect(money).toBe('$5,845.98');
    expect(displayMetric('roas', available, { value: 2.574, reason: null }, { locale: 'en-US' })).toBe(
      '2.57x',
    );
  });

  it('never shows zero for a missing figure: populating while it arrives, a dash when its connection is gone', () => {
    expect(displayMetric('totalSales', available, { value: null, reason: 'populating' })).toBe('Populating…');
    expect(displayMetric('totalSales', available, { value: null, reason: 'disconnected' })).toBe(metricDash);
    // A marketplace its connection does not cover, and money over several currencies, are dashes with a reason.
    expect(displayMetric('totalSales', available, { value: null, reason: 'not_covered' })).toBe(metricDash);
    expect(displayMetric('adSpend', available, { value: null, reason: 'mixed_currencies' })).toBe(metricDash);
    expect(displayMetric('acos', available, { value: null, reason: 'stale' })).toBe(metricDash);
    expect(metricDash).toBe('\u2013');
  });

  it("writes each marketplace's money in that marketplace's currency, in the reader's locale", () => {
    const spend = { value: 1234.5, reason: null } as const;
    const write = (currency: string, locale: string) =>
      displayMetric('adSpend', available, spend, { locale, currency });
    expect(['USD', 'CAD', 'GBP', 'EUR'].map((currency) => write(currency, 'en-US'))).toEqual([
      '$1,234.50',
      'CA$1,234.50',
      '£1,234.50',
      '€1,234.50',
    ]);
    expect(write('EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(write('GBP', 'en-GB')).toBe('£1,234.50');
  });

  it('a figure its connection does not cover in the selected marketplace is a dash, whatever the value says', () => {
    const notCovered = {
      state: 'unavailable',
      reason: 'not_covered',
      connections: ['sellerCentral'],
      message: 'Seller Central is not connected for Germany: …',
    } as const;
    expect(displayMetric('totalSales', notCovered, { value: 10, reason: null }, { currency: 'EUR' })).toBe(
      metricDash,
    );
  });
});
