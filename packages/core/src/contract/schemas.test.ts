import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorCodes } from './error-codes';
import {
  accountMarketplaceSchema,
  authorizeRequestSchema,
  callbackRequestSchema,
  connectionsStatusSchema,
  isSafeReturnPath,
  metricIdSchema,
  metricsResponseSchema,
  metricValueSchema,
  problemSchema,
} from './schemas';

describe('return paths', () => {
  it.each(['/', '/dashboard', '/dashboard?tab=ads#top', '/a/b%2Fc'])(
    'accepts the same-origin path %s',
    (path) => {
      expect(isSafeReturnPath(path)).toBe(true);
    },
  );
  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    'dashboard',
    '/ok\nLocation: x',
    '',
  ])('rejects %j', (path) => {
    expect(isSafeReturnPath(path)).toBe(false);
    expect(authorizeRequestSchema.safeParse({ kind: 'advertising', returnTo: path }).success).toBe(false);
  });
});

describe('contract schemas', () => {
  it('accepts a status with one connected Advertising account and no Seller Central', () => {
    const status = {
      subscription: { accountLimit: 1 },
      advertising: {
        kind: 'advertising',
        health: 'ok',
        account: {
          id: 'ENTITY1',
          name: 'Acme',
          type: 'seller',
          marketplaces: [{ profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' }],
        },
        connectedAt: '2026-11-26T10:00:00.000Z',
        data: { state: 'populating', since: '2026-11-26T10:00:00.000Z' },
      },
      sellerCentral: null,
    };
    expect(connectionsStatusSchema.parse(status)).toEqual(status);
  });

  it('refuses a Seller Central callback without its selling partner id', () => {
    expect(callbackRequestSchema.safeParse({ kind: 'sellerCentral', state: 's', code: 'c' }).success).toBe(
      false,
    );
  });

  it('never lets a metric be zero and missing at once', () => {
    expect(metricValueSchema.safeParse({ value: 0, reason: 'disconnected' }).success).toBe(false);
    expect(metricValueSchema.safeParse({ value: null, reason: 'populating' }).success).toBe(true);
  });

  it('refuses a problem body with an unknown code', () => {
    const body = {
      type: 'about:blank',
      title: 't',
      status: 409,
      code: 'made_up',
      detail: 'd',
      retryable: false,
    };
    expect(problemSchema.safeParse(body).success).toBe(false);
    expect(problemSchema.safeParse({ ...body, code: 'account_limit_reached' }).success).toBe(true);
  });

  it('gives every error code a message and retry advice', () => {
    for (const code of errorCodes) {
      expect(errorCatalogue[code].message.length).toBeGreaterThan(10);
      expect(typeof errorCatalogue[code].retryable).toBe('boolean');
    }
  });
});

describe('metrics per marketplace', () => {
  const figures = (value: number | null) =>
    Object.fromEntries(
      metricIdSchema.options.map((id) => [
        id,
        value === null ? { value: null, reason: 'not_covered' } : { value, reason: null },
      ]),
    );
  const germany = {
    marketplaceId: 'A1PA6795UKMFR9',
    countryCode: 'DE',
    name: 'Germany',
    region: 'eu',
    currency: 'EUR',
    advertising: { covered: true },
    sellerCentral: {
      covered: false,
      reason: 'not_covered',
      message: 'Seller Central is not connected for Germany: …',
    },
  };
  const range = { from: '2026-11-10', to: '2026-11-16' };

  it('still reads an answer from a server before marketplaces (no marketplace fields)', () => {
    expect(
      metricsResponseSchema.safeParse({ range, currency: 'USD', metrics: figures(1), asins: [] }).success,
    ).toBe(true);
  });

  it('keeps a marketplace’s label name, and reads a marketplace from a server before it (name only)', () => {
    const uk = { ...germany, countryCode: 'UK', name: 'the United Kingdom', countryName: 'United Kingdom' };
    expect(accountMarketplaceSchema.parse(uk)).toMatchObject({
      name: 'the United Kingdom',
      countryName: 'United Kingdom',
    });
    expect(accountMarketplaceSchema.safeParse(germany).success).toBe(true);
    expect(accountMarketplaceSchema.safeParse({ ...uk, countryName: '' }).success).toBe(false);
  });

  it('reads one marketplace’s answer and an all-marketplaces answer with converted totals', () => {
    const one = { range, currency: 'EUR', metrics: figures(null), asins: [], marketplace: germany };
    expect(metricsResponseSchema.safeParse(one).success).toBe(true);
    const all = {
      range,
      currency: 'USD',
      metrics: figures(10),
      asins: [],
      marketplace: 'all',
      marketplaces: [{ marketplace: germany, metrics: figures(null) }],
      totals: [
        { currency: 'EUR', marketplaceIds: [germany.marketplaceId], metrics: figures(null), asins: [] },
      ],
      conversion: { currency: 'USD', rateDate: '2026-11-30', rates: { EUR: 1.08, USD: 1 } },
    };
    expect(metricsResponseSchema.safeParse(all).success).toBe(true);
  });

  it('refuses a coverage gap without its reason and message, and a rate that is not positive', () => {
    const { reason: _, message: __, ...silent } = germany.sellerCentral;
    expect(accountMarketplaceSchema.safeParse({ ...germany, sellerCentral: silent }).success).toBe(false);
    const conversion = { currency: 'USD', rateDate: '2026-11-30', rates: { EUR: 0 } };
    expect(
      metricsResponseSchema.safeParse({ range, currency: 'USD', metrics: figures(1), asins: [], conversion })
        .success,
    ).toBe(false);
  });
});
