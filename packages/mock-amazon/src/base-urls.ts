/**
 * One of Amazon's three regions: North America, Europe, Far East.
 *
 * @example
 * ```ts
 * const region: AmazonRegion = 'eu';
 * ```
 */
export type AmazonRegion = 'na' | 'eu' | 'fe';

/**
 * The three regions, in a stable order.
 *
 * @example
 * ```ts
 * for (const region of amazonRegions) await fetch(`${urls.ads[region]}/v2/profiles`, init);
 * ```
 */
export const amazonRegions: readonly AmazonRegion[] = ['na', 'eu', 'fe'];

/**
 * Where each Amazon service lives, per region. Each value is an origin, optionally with a path prefix
 * (`'https://api.amazon.com'` or `'http://127.0.0.1:4010/na/token'`); Amazon's own paths are appended.
 *
 * @example
 * ```ts
 * const urls: AmazonBaseUrls = mockAmazonBaseUrls('http://127.0.0.1:4010');
 * fetch(`${urls.ads.na}/v2/profiles`);
 * ```
 */
export interface AmazonBaseUrls {
  /** Login with Amazon sign-in host (`/ap/oa`). */
  authorize: Record<AmazonRegion, string>;
  /** Login with Amazon token host (`/auth/o2/token`). */
  token: Record<AmazonRegion, string>;
  /** Amazon Ads API host. */
  ads: Record<AmazonRegion, string>;
  /** Seller Central host (`/apps/authorize/consent`). */
  sellerCentral: Record<AmazonRegion, string>;
  /** Selling Partner API host. */
  spApi: Record<AmazonRegion, string>;
  /**
   * Where report files are downloaded from (Amazon uses pre-signed S3 URLs).
   * @default Amazon's S3 report buckets
   */
  reports?: Record<AmazonRegion, string>;
}

/**
 * Amazon's production hosts. The default of `createMockAmazon`, so MSW intercepts Amazon's real URLs.
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
  reports: {
    na: 'https://offline-report-storage-us-east-1-prod.s3.amazonaws.com',
    eu: 'https://offline-report-storage-eu-west-1-prod.s3.amazonaws.com',
    fe: 'https://offline-report-storage-us-west-2-prod.s3.amazonaws.com',
  },
};

const services = ['authorize', 'token', 'ads', 'sellerCentral', 'spApi', 'reports'] as const;
const segment: Record<(typeof services)[number], string> = {
  authorize: 'authorize',
  token: 'token',
  ads: 'ads',
  sellerCentral: 'sellercentral',
  spApi: 'sp-api',
  reports: 'reports',
};

/**
 * How the standalone server lays every Amazon service out under one origin: `${origin}/{region}/{service}`,
 * e.g. `http://127.0.0.1:4010/na/ads`, `http://127.0.0.1:4010/eu/token`, `http://127.0.0.1:4010/fe/sp-api`.
 *
 * @example
 * ```ts
 * const urls = mockAmazonBaseUrls('http://127.0.0.1:4010');
 * urls.token.na; // 'http://127.0.0.1:4010/na/token'
 * ```
 */
export function mockAmazonBaseUrls(origin: string): Required<AmazonBaseUrls> {
  const base = origin.replace(/\/+$/, '');
  const perRegion = (service: (typeof services)[number]): Record<AmazonRegion, string> => ({
    na: `${base}/na/${segment[service]}`,
    eu: `${base}/eu/${segment[service]}`,
    fe: `${base}/fe/${segment[service]}`,
  });
  return {
    authorize: perRegion('authorize'),
    token: perRegion('token'),
    ads: perRegion('ads'),
    sellerCentral: perRegion('sellerCentral'),
    spApi: perRegion('spApi'),
    reports: perRegion('reports'),
  };
}

/** Fills in the optional `reports` hosts and strips trailing slashes. */
export function normalizeBaseUrls(urls: AmazonBaseUrls): Required<AmazonBaseUrls> {
  const strip = (record: Record<AmazonRegion, string>): Record<AmazonRegion, string> => ({
    na: record.na.replace(/\/+$/, ''),
    eu: record.eu.replace(/\/+$/, ''),
    fe: record.fe.replace(/\/+$/, ''),
  });
  return {
    authorize: strip(urls.authorize),
    token: strip(urls.token),
    ads: strip(urls.ads),
    sellerCentral: strip(urls.sellerCentral),
    spApi: strip(urls.spApi),
    reports: strip(urls.reports ?? amazonProductionBaseUrls.reports!),
  };
}
