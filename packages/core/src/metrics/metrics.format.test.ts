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
});
