import type { AmazonRegion } from '../../contract/types';

/**
 * Where each Amazon service lives, per region: an origin, optionally with a path prefix; Amazon's own
 * paths (`/ap/oa`, `/auth/o2/token`, `/v2/profiles`, …) are appended. Pointing these at a mock Amazon is
 * a configuration change.
 *
 * @example
 * ```ts
 * const urls: AmazonBaseUrls = { ...amazonProductionBaseUrls, ads: { na: 'http://127.0.0.1:4010/na/ads', eu: '…', fe: '…' } };
 * ```
 */
export interface AmazonBaseUrls {
  /** Login with Amazon sign-in host (`/ap/oa`). */
  readonly authorize: Readonly<Record<AmazonRegion, string>>;
  /** Login with Amazon token host (`/auth/o2/token`). */
  readonly token: Readonly<Record<AmazonRegion, string>>;
  /** Amazon Ads API host. */
  readonly ads: Readonly<Record<AmazonRegion, string>>;
  /** Seller Central host (`/apps/authorize/consent`). */
  readonly sellerCentral: Readonly<Record<AmazonRegion, string>>;
  /** Selling Partner API host. */
  readonly spApi: Readonly<Record<AmazonRegion, string>>;
}

/**
 * Amazon's production hosts, the default of `createConnectionsHandler`.
 *
 * @example
 * ```ts
 * amazonProductionBaseUrls.token.eu; // 'https://api.amazon.co.uk'
 * ```
 */
export const amazonProductionBaseUrls: AmazonBaseUrls = {
  authorize: {
    na: 'https://www.amazon.com',
    eu: 'https://eu.account.amazon.com',
    fe: 'https://apac.account.amazon.com',
  },
  token: { na: 'https://api.amazon.com', eu: 'https://api.amazon.co.uk', fe: 'https://api.amazon.co.jp' },
  ads: {
    na: 'https://advertising-api.amazon.com',
    eu: 'https://advertising-api-eu.amazon.com',
    fe: 'https://advertising-api-fe.amazon.com',
  },
  sellerCentral: {
    na: 'https://sellercentral.amazon.com',
    eu: 'https://sellercentral-europe.amazon.com',
    fe: 'https://sellercentral.amazon.co.jp',
  },
  spApi: {
    na: 'https://sellingpartnerapi-na.amazon.com',
    eu: 'https://sellingpartnerapi-eu.amazon.com',
    fe: 'https://sellingpartnerapi-fe.amazon.com',
  },
};

/** Joins a base URL (origin plus optional prefix) and an Amazon path. */
export function amazonUrl(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}
