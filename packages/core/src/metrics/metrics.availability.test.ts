import { describe, expect, it } from 'vitest';
import { metricAvailability } from './metrics.availability';

describe('metricAvailability: what a missing figure says', () => {
  it('names the one stale connection in the singular', () => {
    const availability = metricAvailability('adSpend', { advertising: 'stale', sellerCentral: 'ready' });
    expect(availability).toMatchObject({
      state: 'unavailable',
      reason: 'stale',
      message: 'The Amazon Advertising connection stopped working: reconnect it to see Ad spend.',
    });
  });

  it('speaks of both connections in the plural when both stopped working (TACoS needs both)', () => {
    const availability = metricAvailability('tacos', { advertising: 'stale', sellerCentral: 'stale' });
    expect(availability).toMatchObject({
      state: 'unavailable',
      reason: 'stale',
      connections: ['advertising', 'sellerCentral'],
      message:
        'The Amazon Advertising and Seller Central connections stopped working: reconnect them to see TACoS.',
    });
  });

  it('with nothing connected, Seller Central figures say Advertising comes first', () => {
    expect(
      metricAvailability('totalSales', { advertising: 'disconnected', sellerCentral: 'disconnected' }),
    ).toMatchObject({ message: 'Connect Amazon Advertising, then Seller Central, to see Total Sales.' });
  });
});
