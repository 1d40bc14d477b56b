import { afterEach, describe, expect, it } from 'vitest';
import {
  connectAdvertising,
  connectSeller,
  download,
  salesAndTrafficDocumentUrl,
  salesAndTrafficRequest,
  sp,
  TEST_NOW,
} from '../../test/support.js';
import { createMockAmazon } from '../create-mock-amazon.js';
import { marketplaces } from '../world/marketplaces.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());
const US = marketplaces.US.id;

interface Metric {
  interval: string;
  unitCount: number;
  orderItemCount: number;
  orderCount: number;
  totalSales: { amount: string; currencyCode: string };
  averageUnitPrice: { amount: string; currencyCode: string };
}

async function orderMetrics(token: string, query: Record<string, string>) {
  const response = await sp(amazon, 'na', `/sales/v1/orderMetrics?${new URLSearchParams(query)}`, token);
  return {
    status: response.status,
    body: (await response.json()) as { payload: Metric[]; errors?: unknown[] },
  };
}

describe('GET /sellers/v1/marketplaceParticipations', () => {
  it('lists the seller’s marketplaces in that region', async () => {
    const { accessToken } = await connectSeller(amazon);
    const response = await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-RequestId')).toBeTruthy();
    expect(response.headers.get('x-amzn-RateLimit-Limit')).toBe('0.016');
    const { payload } = (await response.json()) as {
      payload: {
        marketplace: { id: string; countryCode: string };
        storeName: string;
        participation: unknown;
      }[];
    };
    expect(payload.map((p) => p.marketplace.id)).toEqual([marketplaces.US.id, marketplaces.CA.id]);
    expect(payload[0]).toMatchObject({
      marketplace: {
        countryCode: 'US',
        defaultCurrencyCode: 'USD',
        domainName: 'www.amazon.com',
        name: 'Amazon.com',
      },
      storeName: 'Acme Home & Kitchen',
      participation: { isParticipating: true, hasSuspendedListings: false },
    });
    const eu = await connectSeller(amazon, { region: 'eu' });
    const euBody = (await (
      await sp(amazon, 'eu', '/sellers/v1/marketplaceParticipations', eu.accessToken)
    ).json()) as {
      payload: { marketplace: { countryCode: string } }[];
    };
    expect(euBody.payload.map((p) => p.marketplace.countryCode)).toEqual(['GB', 'DE']);
  });

  it('answers 403 with {errors:[…]} for missing, expired, revoked and foreign tokens', async () => {
    const { accessToken } = await connectSeller(amazon);
    const missing = await amazon.fetch(`${amazon.baseUrls.spApi.na}/sellers/v1/marketplaceParticipations`);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({
      errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }],
    });
    // A token for na does not open eu; an Advertising token does not open the SP-API.
    expect((await sp(amazon, 'eu', '/sellers/v1/marketplaceParticipations', accessToken)).status).toBe(403);
    const adsToken = await connectAdvertising(amazon);
    expect(
      (await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', adsToken.accessToken)).status,
    ).toBe(403);
    amazon.clock.advance(3600_000);
    const expired = await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', accessToken);
    expect(await expired.json()).toEqual({
      errors: [
        {
          code: 'Unauthorized',
          message: 'Access to requested resource is denied.',
          details: 'The access token you provided has expired.',
        },
      ],
    });
    const fresh = await connectSeller(amazon);
    amazon.scenarios.revokeAuthorization(amazon.users.default.email, { kind: 'sellingPartner' });
    const revoked = await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', fresh.accessToken);
    expect(await revoked.json()).toMatchObject({
      errors: [{ details: 'The access token you provided is revoked, malformed or invalid.' }],
    });
  });
});

describe('GET /sales/v1/orderMetrics', () => {
  it('answers one bucket per day whose Total matches the sum, with Amazon’s decimal-string amounts', async () => {
    const { accessToken } = await connectSeller(amazon);
    const interval = '2026-11-01T00:00:00-07:00--2026-11-08T00:00:00-07:00';
    const granularityTimeZone = 'America/Los_Angeles';
    const days = await orderMetrics(accessToken, {
      marketplaceIds: US,
      interval,
      granularity: 'Day',
      granularityTimeZone,
    });
    expect(days.status).toBe(200);
    expect(days.body.payload).toHaveLength(7);
    // Daylight saving time ends in Los Angeles on 1 November 2026: that day runs from -07:00 to -08:00 midnight.
    expect(days.body.payload[0]!.interval).toBe('2026-11-01T00:00-07:00--2026-11-02T00:00-08:00');
    expect(days.body.payload[1]!.interval).toBe('2026-11-02T00:00-08:00--2026-11-03T00:00-08:00');
    for (const day of days.body.payload) {
      expect(day.totalSales.amount).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(day.orderCount).toBeLessThanOrEqual(day.orderItemCount);
      expect(day.orderItemCount).toBeLessThanOrEqual(day.unitCount);
      expect(day.unitCount).toBeGreaterThan(0);
    }
    const total = await orderMetrics(accessToken, {
      marketplaceIds: US,
      interval,
      granularity: 'Total',
      granularityTimeZone,
    });
    expect(total.body.payload).toHaveLength(1);
    const summed = days.body.payload.reduce((sum, d) => sum + Number(d.totalSales.amount), 0);
    expect(Number(total.body.payload[0]!.totalSales.amount)).toBeCloseTo(summed, 0);
  });

  it('counts each day in the marketplace’s time zone, as Seller Central does: a UTC day mixes two of them', async () => {
    const { accessToken } = await connectSeller(amazon);
    const ask = async (interval: string, granularityTimeZone: string) => {
      const answer = await orderMetrics(accessToken, {
        marketplaceIds: US,
        interval,
        granularity: 'Day',
        granularityTimeZone,
      });
      expect(answer.status).toBe(200);
      return answer.body.payload.map((day) => day.unitCount);
    };
    const [local10, local11] = await ask(
      '2026-11-10T00:00:00-08:00--2026-11-12T00:00:00-08:00',
      'America/Los_Angeles',
    );
    const [utc11] = await ask('2026-11-11T00:00:00Z--2026-11-12T00:00:00Z', 'UTC');
    // 11 November in UTC is 16:00 on the 10th to 16:00 on the 11th in Los Angeles: two thirds of it is the 11th.
    expect(local10).not.toBe(local11);
    expect(utc11).not.toBe(local11);
    expect(utc11).toBeCloseTo((local10 ?? 0) / 3 + ((local11 ?? 0) * 2) / 3, -1);
  });

  it('has no sales after the mock clock’s now', async () => {
    const { accessToken } = await connectSeller(amazon);
    const interval = '2026-11-21T00:00:00Z--2026-11-23T00:00:00Z';
    const future = await orderMetrics(accessToken, {
      marketplaceIds: US,
      interval,
      granularity: 'Day',
      granularityTimeZone: 'UTC',
    });
    expect(future.body.payload.map((d) => d.unitCount)).toEqual([0, 0]);
  });

  it('validates marketplaceIds, granularity and interval with 400 InvalidInput', async () => {
    const { accessToken } = await connectSeller(amazon);
    const interval = '2026-11-01T00:00:00Z--2026-11-02T00:00:00Z';
    const utc = { granularityTimeZone: 'UTC' };
    const cases = [
      { marketplaceIds: marketplaces.JP.id, interval, granularity: 'Day', ...utc },
      { marketplaceIds: US, interval, granularity: 'Fortnight', ...utc },
      { marketplaceIds: US, interval: '2026-11-01--2026-11-02', granularity: 'Day', ...utc },
      { interval, granularity: 'Day', ...utc },
      { marketplaceIds: US, interval, granularity: 'Day', buyerType: 'Business', ...utc },
      { marketplaceIds: US, interval, granularity: 'Day', fulfillmentNetwork: 'FBA', ...utc },
      { marketplaceIds: US, interval, granularity: 'Week', firstDayOfWeek: 'Friday', ...utc },
      {
        marketplaceIds: US,
        interval: '2024-01-01T00:00:00Z--2024-01-02T00:00:00Z',
        granularity: 'Day',
        ...utc,
      },
      { marketplaceIds: US, interval: '2026-10-01T00:00:00Z--2026-10-02T00:00:00Z', granularity: 'Hour' },
    ];
    for (const query of cases) {
      const answer = await orderMetrics(accessToken, query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ code: 'InvalidInput' })]);
    }
  });

  it('requires granularityTimeZone above Hour, matching the interval’s offset, as the Sales API model says', async () => {
    const { accessToken } = await connectSeller(amazon);
    const pacific = '2026-11-01T00:00:00-07:00--2026-11-03T00:00:00-07:00';
    const zulu = '2026-11-01T00:00:00Z--2026-11-03T00:00:00Z';
    const refused = [
      { interval: zulu, granularity: 'Day' },
      { interval: pacific, granularity: 'Total' },
      { interval: zulu, granularity: 'Day', granularityTimeZone: 'Europe/Berlin' },
      { interval: pacific, granularity: 'Day', granularityTimeZone: 'UTC' },
      { interval: pacific, granularity: 'Day', granularityTimeZone: 'Mars/Olympus_Mons' },
    ];
    for (const query of refused) {
      const answer = await orderMetrics(accessToken, { marketplaceIds: US, ...query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({ code: 'InvalidInput' });
    }
    const accepted = [
      { interval: zulu, granularity: 'Day', granularityTimeZone: 'UTC' },
      { interval: pacific, granularity: 'Day', granularityTimeZone: 'US/Pacific' },
      { interval: pacific, granularity: 'Day', granularityTimeZone: 'Etc/GMT+7' },
      { interval: zulu, granularity: 'Hour' },
    ];
    for (const query of accepted) {
      const answer = await orderMetrics(accessToken, { marketplaceIds: US, ...query });
      expect(answer.status, JSON.stringify(query)).toBe(200);
    }
  });

  it('answers zeros for the filters the mock’s consumer-only, Amazon-fulfilled shops do not match', async () => {
    const { accessToken } = await connectSeller(amazon);
    const base = {
      marketplaceIds: US,
      interval: '2026-11-01T00:00:00Z--2026-11-08T00:00:00Z',
      granularity: 'Total',
      granularityTimeZone: 'UTC',
    };
    const units = async (extra: Record<string, string>) =>
      (await orderMetrics(accessToken, { ...base, ...extra })).body.payload[0]!.unitCount;
    const all = await units({});
    expect(all).toBeGreaterThan(0);
    expect(await units({ buyerType: 'B2C', fulfillmentNetwork: 'AFN' })).toBe(all);
    expect(await units({ buyerType: 'B2B' })).toBe(0);
    expect(await units({ fulfillmentNetwork: 'MFN' })).toBe(0);
    expect(await units({ amazonProgram: 'AmazonHaul' })).toBe(0);
  });
});

describe('Reports 2021-06-30: GET_SALES_AND_TRAFFIC_REPORT', () => {
  async function createReport(token: string, body = salesAndTrafficRequest(US, '2026-11-01', '2026-11-14')) {
    const response = await sp(amazon, 'na', '/reports/2021-06-30/reports', token, body);
    expect(response.status).toBe(202);
    return ((await response.json()) as { reportId: string }).reportId;
  }
  const status = async (token: string, id: string) =>
    (await (await sp(amazon, 'na', `/reports/2021-06-30/reports/${id}`, token)).json()) as {
      processingStatus: string;
      reportDocumentId?: string;
    };

  it('moves IN_QUEUE -> IN_PROGRESS -> DONE, then serves a gzipped document by date and by ASIN', async () => {
    const { accessToken } = await connectSeller(amazon);
    const id = await createReport(accessToken);
    expect(id).toMatch(/^\d{11}$/);
    expect((await status(accessToken, id)).processingStatus).toBe('IN_QUEUE');
    expect((await status(accessToken, id)).processingStatus).toBe('IN_PROGRESS');
    const done = await status(accessToken, id);
    expect(done.processingStatus).toBe('DONE');
    const documentResponse = await sp(
      amazon,
      'na',
      `/reports/2021-06-30/documents/${done.reportDocumentId}`,
      accessToken,
    );
    const document = (await documentResponse.json()) as {
      url: string;
      compressionAlgorithm: string;
      reportDocumentId: string;
    };
    expect(document).toMatchObject({ compressionAlgorithm: 'GZIP', reportDocumentId: done.reportDocumentId });
    const content = (await download(amazon, document.url)) as {
      salesAndTrafficByDate: {
        date: string;
        salesByDate: { orderedProductSales: { amount: number } };
        trafficByDate: { sessions: number; buyBoxPercentage: number; unitSessionPercentage: number };
      }[];
      salesAndTrafficByAsin: { childAsin: string; parentAsin: string }[];
    };
    expect(content.salesAndTrafficByDate.map((d) => d.date)).toEqual(
      Array.from({ length: 14 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`),
    );
    for (const day of content.salesAndTrafficByDate) {
      expect(day.trafficByDate.sessions).toBeGreaterThan(0);
      expect(day.trafficByDate.buyBoxPercentage).toBeGreaterThan(80);
      expect(day.trafficByDate.buyBoxPercentage).toBeLessThanOrEqual(100);
      expect(day.trafficByDate.unitSessionPercentage).toBeGreaterThan(2);
      expect(day.trafficByDate.unitSessionPercentage).toBeLessThan(30);
    }
    const asins = amazon.world.byKey.default.sellingPartners[0]!.shop.products.map((p) => p.asin);
    expect(new Set(content.salesAndTrafficByAsin.map((a) => a.childAsin))).toEqual(new Set(asins));
  });

  it('gives every ASIN the six session and page-view percentages the model requires, shares of all products', async () => {
    const { accessToken } = await connectSeller(amazon);
    const url = await salesAndTrafficDocumentUrl(
      amazon,
      accessToken,
      salesAndTrafficRequest(US, '2026-11-01', '2026-11-14'),
    );
    const content = (await download(amazon, url)) as {
      salesAndTrafficByAsin: { trafficByAsin: Record<string, number> }[];
    };
    const fields = [
      'browserSessionPercentage',
      'mobileAppSessionPercentage',
      'sessionPercentage',
      'browserPageViewsPercentage',
      'mobileAppPageViewsPercentage',
      'pageViewsPercentage',
    ];
    for (const field of fields) {
      const shares = content.salesAndTrafficByAsin.map((asin) => asin.trafficByAsin[field]);
      for (const share of shares) expect(share).toBeGreaterThan(0);
      // Every product sold in these 14 days, so the shares add up to the whole (give or take rounding).
      expect(shares.reduce((sum = 0, share = 0) => sum + share, 0)).toBeCloseTo(100, 0);
    }
  });

  it('stops the days at yesterday (mock clock)', async () => {
    const { accessToken } = await connectSeller(amazon);
    const id = await createReport(accessToken, salesAndTrafficRequest(US, '2026-11-15', '2026-11-25'));
    for (let i = 0; i < 2; i++) await status(accessToken, id);
    const { reportDocumentId } = await status(accessToken, id);
    const { url } = (await (
      await sp(amazon, 'na', `/reports/2021-06-30/documents/${reportDocumentId}`, accessToken)
    ).json()) as { url: string };
    const content = (await download(amazon, url)) as { salesAndTrafficByDate: { date: string }[] };
    expect(content.salesAndTrafficByDate.at(-1)?.date).toBe('2026-11-19');
  });

  it('validates the request and hides other sellers’ reports', async () => {
    const { accessToken } = await connectSeller(amazon);
    const bad = await sp(amazon, 'na', '/reports/2021-06-30/reports', accessToken, {
      ...salesAndTrafficRequest(US, '2026-11-01', '2026-11-02'),
      reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
    });
    expect(bad.status).toBe(400);
    const two = await sp(amazon, 'na', '/reports/2021-06-30/reports', accessToken, {
      ...salesAndTrafficRequest(US, '2026-11-01', '2026-11-02'),
      marketplaceIds: [US, marketplaces.CA.id],
    });
    expect(two.status).toBe(400);
    const id = await createReport(accessToken);
    const other = await connectSeller(amazon, { email: amazon.users.otherAccount.email });
    const foreign = await sp(amazon, 'na', `/reports/2021-06-30/reports/${id}`, other.accessToken);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ errors: [{ code: 'NotFound' }] });
  });

  it('hands out a document URL that expires after 5 minutes, as Amazon’s do', async () => {
    const { accessToken } = await connectSeller(amazon);
    const url = await salesAndTrafficDocumentUrl(
      amazon,
      accessToken,
      salesAndTrafficRequest(US, '2026-11-01', '2026-11-14'),
    );
    amazon.clock.advance(4 * 60_000);
    expect((await amazon.fetch(url)).status).toBe(200);
    amazon.clock.advance(60_000);
    const late = await amazon.fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  it('answers 404 for an unknown report document', async () => {
    const { accessToken } = await connectSeller(amazon);
    const missing = await sp(
      amazon,
      'na',
      '/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.nope',
      accessToken,
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ code: 'NotFound' }] });
  });

  it('throttles with Amazon’s token buckets when rate limits are on', async () => {
    const { accessToken } = await connectSeller(amazon);
    amazon.scenarios.rateLimits();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      statuses.push((await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', accessToken)).status);
    }
    expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
    const throttled = await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', accessToken);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    expect(await throttled.json()).toMatchObject({ errors: [{ code: 'QuotaExceeded' }] });
    amazon.clock.advance(63_000); // 0.016 requests per second: one token back after ~63 s
    expect((await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', accessToken)).status).toBe(200);
  });

  it('answers InternalFailure on injected 500s', async () => {
    const { accessToken } = await connectSeller(amazon);
    amazon.scenarios.serverErrors('spapi.orderMetrics');
    const failed = await orderMetrics(accessToken, {
      marketplaceIds: US,
      interval: '2026-11-01T00:00:00Z--2026-11-02T00:00:00Z',
      granularity: 'Day',
      granularityTimeZone: 'UTC',
    });
    expect(failed.status).toBe(500);
    expect(failed.body.errors).toEqual([expect.objectContaining({ code: 'InternalFailure' })]);
  });
});

describe('per marketplace', () => {
  it('answers orderMetrics and sales-and-traffic only for the asked marketplace, in its currency', async () => {
    const { accessToken } = await connectSeller(amazon);
    const query = {
      interval: '2026-11-01T00:00:00Z--2026-11-08T00:00:00Z',
      granularity: 'Total',
      granularityTimeZone: 'UTC',
    };
    const us = (await orderMetrics(accessToken, { marketplaceIds: US, ...query })).body.payload[0]!;
    const ca = (await orderMetrics(accessToken, { marketplaceIds: marketplaces.CA.id, ...query })).body
      .payload[0]!;
    expect(us.totalSales.currencyCode).toBe('USD');
    expect(ca.totalSales.currencyCode).toBe('CAD');
    // The shop sells less in Canada (its CA weight is 0.18 of the US).
    expect(ca.unitCount).toBeLessThan(us.unitCount / 2);
    const both = await orderMetrics(accessToken, { marketplaceIds: `${US},${marketplaces.CA.id}`, ...query });
    expect(both.status).toBe(400);
    const elsewhere = await orderMetrics(accessToken, { marketplaceIds: marketplaces.UK.id, ...query });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors?.[0]).toMatchObject({ code: 'InvalidInput' });
    const url = await salesAndTrafficDocumentUrl(
      amazon,
      accessToken,
      salesAndTrafficRequest(marketplaces.CA.id, '2026-11-01', '2026-11-07'),
    );
    const document = (await download(amazon, url)) as {
      reportSpecification: { marketplaceIds: string[] };
      salesAndTrafficByDate: { salesByDate: { orderedProductSales: { currencyCode: string } } }[];
    };
    expect(document.reportSpecification.marketplaceIds).toEqual([marketplaces.CA.id]);
    expect(
      new Set(document.salesAndTrafficByDate.map((d) => d.salesByDate.orderedProductSales.currencyCode)),
    ).toEqual(new Set(['CAD']));
    const ukReport = await sp(
      amazon,
      'na',
      '/reports/2021-06-30/reports',
      accessToken,
      salesAndTrafficRequest(marketplaces.UK.id, '2026-11-01', '2026-11-07'),
    );
    expect(ukReport.status).toBe(400);
  });
});
