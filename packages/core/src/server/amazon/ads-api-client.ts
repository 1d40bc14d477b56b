import * as z from 'zod/mini';
import type { AdvertisingAccount, AmazonRegion } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { type AmazonBaseUrls, amazonUrl } from './amazon-base-urls';
import { type AmazonFetch, expectOk, readAmazonJson, sendToAmazon } from './amazon-fetch';

const profileSchema = z.object({
  profileId: z.union([z.number(), z.string()]),
  countryCode: z.string(),
  currencyCode: z.optional(z.string()),
  accountInfo: z.object({
    marketplaceStringId: z.string(),
    id: z.string(),
    type: z.string(),
    name: z.optional(z.string()),
  }),
});
const reportStatusSchema = z.object({
  reportId: z.string(),
  status: z.string(),
  url: z.optional(z.nullable(z.string())),
  failureReason: z.optional(z.nullable(z.string())),
});

/** Where an Ads report job stands. */
export type AdsReportStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'completed'; readonly url: string }
  | { readonly state: 'failed' };

/** What the server half asks of the Amazon Ads API. */
export interface AdsApiClient {
  /** `GET /v2/profiles` in every given region, grouped by `accountInfo.id` into accounts. */
  discoverAccounts(accessToken: string, regions: readonly AmazonRegion[]): Promise<AdvertisingAccount[]>;
  /** `POST /reporting/reports` (v3); a duplicate (425) answers the running report's id. */
  createReport(input: {
    accessToken: string;
    region: AmazonRegion;
    profileId: string;
    body: Record<string, unknown>;
  }): Promise<string>;
  /** `GET /reporting/reports/{id}`. */
  getReport(input: {
    accessToken: string;
    region: AmazonRegion;
    profileId: string;
    reportId: string;
  }): Promise<AdsReportStatus>;
}

const accountTypes = new Set(['seller', 'vendor', 'agency']);

/**
 * Creates the Ads API client.
 *
 * @example
 * ```ts
 * const ads = createAdsApiClient({ clientId, baseUrls, fetch, now: Date.now });
 * const accounts = await ads.discoverAccounts(accessToken, ['na', 'eu', 'fe']);
 * ```
 */
export function createAdsApiClient(options: {
  clientId: string;
  baseUrls: AmazonBaseUrls;
  fetch: AmazonFetch;
  now: () => number;
}): AdsApiClient {
  const headers = (accessToken: string, profileId?: string) => {
    const h = new Headers({
      'Amazon-Advertising-API-ClientId': options.clientId,
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
    });
    if (profileId !== undefined) h.set('Amazon-Advertising-API-Scope', profileId);
    return h;
  };

  return {
    async discoverAccounts(accessToken, regions) {
      const perRegion = await Promise.all(
        regions.map(async (region) => {
          const response = await sendToAmazon(
            options.fetch,
            new Request(amazonUrl(options.baseUrls.ads[region], '/v2/profiles'), {
              headers: headers(accessToken),
            }),
            options.now(),
          );
          const profiles = await readAmazonJson(await expectOk(response), z.array(profileSchema));
          return profiles.map((profile) => ({ profile, region }));
        }),
      );
      const accounts = new Map<string, AdvertisingAccount>();
      for (const { profile, region } of perRegion.flat()) {
        const info = profile.accountInfo;
        const type = accountTypes.has(info.type) ? (info.type as AdvertisingAccount['type']) : 'seller';
        const account = accounts.get(info.id) ?? {
          id: info.id,
          name: info.name && info.name.length > 0 ? info.name : info.id,
          type,
          marketplaces: [],
        };
        accounts.set(info.id, {
          ...account,
          marketplaces: [
            ...account.marketplaces,
            {
              profileId: String(profile.profileId),
              countryCode: profile.countryCode.slice(0, 2).toUpperCase(),
              marketplaceId: info.marketplaceStringId,
              region,
            },
          ],
        });
      }
      return [...accounts.values()];
    },
    async createReport({ accessToken, region, profileId, body }) {
      const h = headers(accessToken, profileId);
      h.set('content-type', 'application/vnd.createasyncreportrequest.v3+json');
      const response = await sendToAmazon(
        options.fetch,
        new Request(amazonUrl(options.baseUrls.ads[region], '/reporting/reports'), {
          method: 'POST',
          headers: h,
          body: JSON.stringify(body),
        }),
        options.now(),
      );
      if (response.status === 425) {
        // "The Request is a duplicate of : <reportId>": reuse the running report.
        const text = await response.text();
        const id = /duplicate of\s*:?\s*([A-Za-z0-9-]+)/i.exec(text)?.[1];
        if (id) return id;
        throw new ConnectionsError('rate_limited', { retryAfterSeconds: 60 });
      }
      const created = await readAmazonJson(await expectOk(response), reportStatusSchema);
      return created.reportId;
    },
    async getReport({ accessToken, region, profileId, reportId }) {
      const response = await sendToAmazon(
        options.fetch,
        new Request(
          amazonUrl(options.baseUrls.ads[region], `/reporting/reports/${encodeURIComponent(reportId)}`),
          {
            headers: headers(accessToken, profileId),
          },
        ),
        options.now(),
      );
      const report = await readAmazonJson(await expectOk(response), reportStatusSchema);
      if (report.status === 'COMPLETED' && report.url) return { state: 'completed', url: report.url };
      if (report.status === 'FAILED') return { state: 'failed' };
      return { state: 'pending' };
    },
  };
}
