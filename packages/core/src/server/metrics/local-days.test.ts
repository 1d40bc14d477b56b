// Seller Central's figures for the marketplace's own days: the Sales API and the sales-and-traffic report are asked
// in the marketplace's time zone (America/Los_Angeles for the US, Europe/London for the UK, …), daylight saving
// time included, so a day's Total Sales match Seller Central's.
import { marketplaces as mockMarketplaces } from '@smart-ads/mock-amazon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';
import { metricsResponseSchema } from '../../contract/schemas';
import type { MetricsResponse } from '../../contract/types';
import { localDateTime, marketplaceTimeZone } from '../amazon/marketplace-time-zone';
import { sellerAccountKey } from './report-sources';

const US = mockMarketplaces.US.id;
const UK = mockMarketplaces.UK.id;
const DE = mockMarketplaces.DE.id;

describe('marketplace time zones', () => {
  it('writes local midnights with the offset in force then, across the end of daylight saving time', () => {
    expect(marketplaceTimeZone('US')).toBe('America/Los_Angeles');
    expect(marketplaceTimeZone('GB')).toBe('Europe/London');
    expect(marketplaceTimeZone('XX')).toBe('UTC');
    // Los Angeles leaves daylight saving time at 02:00 on 1 November 2026.
    expect(localDateTime('2026-11-01', '00:00:00', 'America/Los_Angeles')).toBe('2026-11-01T00:00:00-07:00');
    expect(localDateTime('2026-11-01', '23:59:59', 'America/Los_Angeles')).toBe('2026-11-01T23:59:59-08:00');
    expect(localDateTime('2026-11-02', '00:00:00', 'America/Los_Angeles')).toBe('2026-11-02T00:00:00-08:00');
    // Europe left it on 25 October; London in winter is +00:00 (the Sales API wants Z only with UTC).
    expect(localDateTime('2026-10-25', '00:00:00', 'Europe/Paris')).toBe('2026-10-25T00:00:00+02:00');
    expect(localDateTime('2026-10-26', '00:00:00', 'Europe/Paris')).toBe('2026-10-26T00:00:00+01:00');
    expect(localDateTime('2026-11-10', '00:00:00', 'Europe/London')).toBe('2026-11-10T00:00:00+00:00');
    expect(localDateTime('2026-11-10', '00:00:00', 'UTC')).toBe('2026-11-10T00:00:00Z');
  });
});

describe('Seller Central figures for the marketplace’s local days', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.connect('advertising');
    await h.connect('sellerCentral');
    await h.connect('sellerCentral', { region: 'eu' });
  });
  afterEach(async () => {
    await h.close();
  });
  const load = async (marketplace: string, from: string, to: string) => {
    const answer = await h.call('GET', `/metrics?from=${from}&to=${to}&marketplace=${marketplace}`);
    expect(answer.status, answer.text).toBe(200);
    return metricsResponseSchema.parse(answer.body) as MetricsResponse;
  };
  /** The query of the Sales API call made for `marketplaceId`. */
  const orderMetricsQuery = (marketplaceId: string) => {
    const entry = h.amazon.log.find(
      (e) => e.endpoint === 'spapi.orderMetrics' && e.url.includes(marketplaceId),
    );
    return new URL(entry?.url ?? 'http://missing/').searchParams;
  };

  it('asks the Sales API for the days of the end of daylight saving time in each marketplace’s zone', async () => {
    await load(US, '2026-10-31', '2026-11-01');
    await load(UK, '2026-10-31', '2026-11-01');
    await load(DE, '2026-10-31', '2026-11-01');
    const us = orderMetricsQuery(US);
    expect(us.get('interval')).toBe('2026-10-31T00:00:00-07:00--2026-11-02T00:00:00-08:00');
    expect(us.get('granularityTimeZone')).toBe('America/Los_Angeles');
    const uk = orderMetricsQuery(UK);
    expect(uk.get('interval')).toBe('2026-10-31T00:00:00+00:00--2026-11-02T00:00:00+00:00');
    expect(uk.get('granularityTimeZone')).toBe('Europe/London');
    expect(orderMetricsQuery(DE).get('interval')).toBe(
      '2026-10-31T00:00:00+01:00--2026-11-02T00:00:00+01:00',
    );
    expect(h.amazon.calls('spapi.orderMetrics', { status: 200 })).toBe(3);
  });

  it('never serves figures cached for UTC days (before local days) as a marketplace’s local days', async () => {
    const layer = (await h.store.listConnections('sub_1')).find(
      (c) => c.kind === 'sellerCentral' && c.tokenRegion === 'na',
    );
    const day = '2026-11-10';
    // What a server of the UTC-day version cached a moment ago, for the same marketplace and range.
    const utcKey = {
      subscriptionId: 'sub_1',
      accountKey: sellerAccountKey(layer?.accountId ?? '', 'na'),
      source: `sp/orderMetrics/${US}`,
      from: day,
      to: day,
    };
    const now = h.amazon.clock.now();
    await h.store.claimReportJob(utcKey, { now, refreshBefore: now, abandonedBefore: now });
    const utcDays = { rows: 1, totalSales: 987_654.32, totalOrders: 4321, currency: 'USD' };
    await h.store.completeReport(utcKey, utcDays, now, true);
    expect((await h.store.getReport(utcKey))?.payload).toEqual(utcDays);
    const body = await load(US, day, day);
    expect(body.metrics.totalSales.value).not.toBe(987_654.32);
    expect(body.metrics.totalOrders.value).not.toBe(4321);
    expect(orderMetricsQuery(US).get('granularityTimeZone')).toBe('America/Los_Angeles');
  });

  it('gives a day’s Total Sales as Seller Central counts that day: the sum of its products’ sales that day', async () => {
    // A day whose UTC hours straddle two local days in Los Angeles (16:00 the day before to 16:00).
    const day = '2026-11-10';
    let body = await load(US, day, day);
    const complete = (b: MetricsResponse) =>
      b.asins.length > 0 &&
      b.asins.every((row) => row.totalSales.value !== null) &&
      b.metrics.totalSales.value !== null;
    for (let attempt = 0; attempt < 40 && !complete(body); attempt++) {
      h.amazon.clock.advance(6_000);
      body = await load(US, day, day);
    }
    const perProduct = body.asins.reduce((sum, row) => sum + (row.totalSales.value ?? 0), 0);
    expect(perProduct).toBeGreaterThan(0);
    expect(body.metrics.totalSales.value).toBeCloseTo(perProduct, 0);
  });
});
