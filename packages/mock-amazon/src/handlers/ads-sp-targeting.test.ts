import { afterEach, describe, expect, it } from 'vitest';
import { ads, connectAdvertising, runAdsReport, TEST_NOW } from '../../test/support.js';
import type { AmazonRegion } from '../base-urls.js';
import { createMockAmazon } from '../create-mock-amazon.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());

const KEYWORD = 'application/vnd.spKeyword.v3+json';
const TARGET = 'application/vnd.spTargetingClause.v3+json';

interface Keyword {
  keywordId: string;
  campaignId: string;
  adGroupId: string;
  keywordText: string;
  matchType: string;
  state: string;
  bid: number;
}

/** Calls a campaign management v3 endpoint with its vendor media type in Content-Type and Accept. */
function v3(
  region: AmazonRegion,
  path: string,
  token: string,
  scope: number,
  body: unknown,
  { method = 'POST', mediaType = path.startsWith('/sp/targets') ? TARGET : KEYWORD, headers = {} } = {} as {
    method?: string;
    mediaType?: string;
    headers?: Record<string, string>;
  },
) {
  return ads(amazon, region, path, token, {
    method,
    scope,
    body,
    headers: { 'content-type': mediaType, accept: mediaType, ...headers },
  });
}

async function setup(email?: string, region: AmazonRegion = 'na') {
  const { accessToken } = await connectAdvertising(amazon, { ...(email ? { email } : {}), region });
  const [profile] = (await (await ads(amazon, region, '/v2/profiles', accessToken)).json()) as {
    profileId: number;
    countryCode: string;
  }[];
  return { accessToken, profileId: profile!.profileId, countryCode: profile!.countryCode };
}

async function listKeywords(token: string, scope: number, body: unknown = {}) {
  const response = await v3('na', '/sp/keywords/list', token, scope, body);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as { keywords: Keyword[]; nextToken?: string; totalResults: number },
  };
}

describe('SP campaign management v3: keywords', () => {
  it('lists the profile’s keywords with filters and nextToken paging, in the vendor media type', async () => {
    const { accessToken, profileId } = await setup();
    const all = await listKeywords(accessToken, profileId);
    expect(all.status).toBe(200);
    expect(all.contentType).toBe(KEYWORD);
    expect(all.body.keywords.length).toBeGreaterThan(3);
    expect(all.body.totalResults).toBe(all.body.keywords.length);
    expect(all.body.keywords[0]).toMatchObject({
      keywordId: expect.stringMatching(/^\d+$/),
      campaignId: expect.stringMatching(/^\d+$/),
      matchType: expect.stringMatching(/^(EXACT|PHRASE|BROAD)$/),
      state: 'ENABLED',
      bid: expect.any(Number),
    });
    const campaignId = all.body.keywords[0]!.campaignId;
    const oneCampaign = await listKeywords(accessToken, profileId, {
      campaignIdFilter: { include: [campaignId] },
      stateFilter: { include: ['ENABLED'] },
    });
    expect(oneCampaign.body.keywords.length).toBeGreaterThan(0);
    expect(oneCampaign.body.keywords.every((k) => k.campaignId === campaignId && k.state === 'ENABLED')).toBe(
      true,
    );
    const pages: Keyword[] = [];
    let nextToken: string | undefined;
    do {
      const page = await listKeywords(accessToken, profileId, {
        maxResults: 2,
        ...(nextToken ? { nextToken } : {}),
      });
      expect(page.body.keywords.length).toBeLessThanOrEqual(2);
      pages.push(...page.body.keywords);
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(pages.map((k) => k.keywordId)).toEqual(all.body.keywords.map((k) => k.keywordId));
    const byId = await listKeywords(accessToken, profileId, {
      keywordIdFilter: { include: [pages[1]!.keywordId] },
      includeExtendedDataFields: true,
    });
    expect(byId.body.keywords).toEqual([
      {
        ...pages[1],
        extendedData: expect.objectContaining({ servingStatus: 'TARGETING_CLAUSE_STATUS_LIVE' }),
      },
    ]);
    expect(amazon.calls('ads.sp.keywords.list')).toBe(3 + Math.ceil(all.body.keywords.length / 2));
  });

  it('refuses unknown filters, bad filter values and a forged nextToken with 400 INVALID_ARGUMENT', async () => {
    const { accessToken, profileId } = await setup();
    for (const body of [
      { campaignFilter: { include: ['1'] } },
      { stateFilter: { include: ['LIVE'] } },
      { campaignIdFilter: { include: [] } },
      { maxResults: 0 },
      { nextToken: 'not-a-token' },
    ]) {
      const answer = await listKeywords(accessToken, profileId, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.any(String) });
    }
  });

  it('updates bids per item with a 207 multi-status: one bad item does not fail the batch', async () => {
    const { accessToken, profileId } = await setup();
    const { keywords } = (await listKeywords(accessToken, profileId)).body;
    const [first, second, third] = keywords.filter((k) => k.state === 'ENABLED');
    const archived = keywords.find((k) => k.state === 'ARCHIVED')!;
    const response = await v3(
      'na',
      '/sp/keywords',
      accessToken,
      profileId,
      {
        keywords: [
          { keywordId: first!.keywordId, bid: 1.37 },
          { keywordId: archived.keywordId, bid: 1 },
          { keywordId: second!.keywordId, bid: 5000 },
          { keywordId: '999', bid: 1 },
          { keywordId: third!.keywordId, state: 'PAUSED' },
          { keywordId: first!.keywordId, bid: 2 },
        ],
      },
      { method: 'PUT', headers: { prefer: 'return=representation' } },
    );
    expect(response.status).toBe(207);
    expect(response.headers.get('content-type')).toBe(KEYWORD);
    expect(response.headers.get('preference-applied')).toBe('return=representation');
    const { keywords: result } = (await response.json()) as {
      keywords: {
        success: { index: number; keywordId: string; keyword: Keyword }[];
        error: {
          index: number;
          errors: { errorType: string; errorValue: Record<string, Record<string, unknown>> }[];
        }[];
      };
    };
    expect(result.success.map((s) => [s.index, s.keywordId])).toEqual([
      [0, first!.keywordId],
      [4, third!.keywordId],
    ]);
    expect(result.success[0]!.keyword).toMatchObject({ bid: 1.37, state: 'ENABLED' });
    const errors = Object.fromEntries(result.error.map((e) => [e.index, e.errors[0]!]));
    expect(errors[1]).toMatchObject({
      errorType: 'entityStateError',
      errorValue: {
        entityStateError: { reason: 'ARCHIVED_ENTITY_CANNOT_BE_MODIFIED', entityType: 'KEYWORD' },
      },
    });
    expect(errors[2]).toMatchObject({
      errorType: 'biddingError',
      errorValue: {
        biddingError: { reason: 'BID_OUT_OF_MARKET_PLACE_RANGE', lowerLimit: '0.02', upperLimit: '1000' },
      },
    });
    expect(errors[5]).toMatchObject({
      errorType: 'duplicateValueError',
      errorValue: { duplicateValueError: { reason: 'DUPLICATE_VALUE' } },
    });
    expect(errors[3]).toMatchObject({
      errorType: 'entityNotFoundError',
      errorValue: { entityNotFoundError: { reason: 'ENTITY_NOT_FOUND', entityId: '999' } },
    });
    // The change is kept: a later list sees it, and the untouched bid stays.
    const after = await listKeywords(accessToken, profileId, {
      keywordIdFilter: {
        include: [first!.keywordId, second!.keywordId, third!.keywordId, archived.keywordId],
      },
    });
    const now = Object.fromEntries(after.body.keywords.map((k) => [k.keywordId, k]));
    expect(now[first!.keywordId]).toMatchObject({ bid: 1.37, state: 'ENABLED' });
    expect(now[second!.keywordId]).toMatchObject({ bid: second!.bid, state: 'ENABLED' });
    expect(now[third!.keywordId]).toMatchObject({ bid: third!.bid, state: 'PAUSED' });
    expect(now[archived.keywordId]).toMatchObject({ bid: archived.bid, state: 'ARCHIVED' });
    expect(amazon.calls('ads.sp.keywords.update')).toBe(1);
    amazon.reset();
    const again = await setup();
    const reseeded = await listKeywords(again.accessToken, again.profileId, {
      keywordIdFilter: { include: [first!.keywordId] },
    });
    expect(reseeded.body.keywords[0]!.bid).toBe(first!.bid);
  });

  it('checks the vendor media type in Content-Type and Accept (415) and answers v3’s {code, message} errors', async () => {
    const { accessToken, profileId } = await setup();
    const json = await v3(
      'na',
      '/sp/keywords/list',
      accessToken,
      profileId,
      {},
      { mediaType: 'application/json' },
    );
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
    const accept = await v3(
      'na',
      '/sp/keywords/list',
      accessToken,
      profileId,
      {},
      { headers: { accept: TARGET } },
    );
    expect(accept.status).toBe(415);
    const noScope = await ads(amazon, 'na', '/sp/keywords/list', accessToken, {
      method: 'POST',
      body: {},
      headers: { 'content-type': KEYWORD },
    });
    expect(noScope.status).toBe(401);
    expect(await noScope.json()).toEqual({ code: 'UNAUTHORIZED', message: 'Scope header is missing' });
    amazon.scenarios.throttle('ads.sp.keywords.update', { retryAfterSeconds: 7 });
    const throttled = await v3(
      'na',
      '/sp/keywords',
      accessToken,
      profileId,
      { keywords: [{ keywordId: '1', bid: 1 }] },
      { method: 'PUT' },
    );
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toMatchObject({ code: 'THROTTLED' });
    const unknownField = await v3(
      'na',
      '/sp/keywords',
      accessToken,
      profileId,
      { keywords: [{ keywordId: '1', keywordText: 'new text' }] },
      { method: 'PUT' },
    );
    expect(unknownField.status).toBe(400);
    expect(amazon.calls('ads.sp.keywords.update', { status: 207 })).toBe(0);
  });

  it('applies the marketplace’s bid limits: JPY bids from 2 to 100 000 on a JP profile', async () => {
    const { accessToken, profileId, countryCode } = await setup(amazon.users.multipleAccounts.email, 'fe');
    expect(countryCode).toBe('JP');
    const { keywords } = (await (
      await v3('fe', '/sp/keywords/list', accessToken, profileId, { stateFilter: { include: ['ENABLED'] } })
    ).json()) as { keywords: Keyword[] };
    const response = await v3(
      'fe',
      '/sp/keywords',
      accessToken,
      profileId,
      {
        keywords: [
          { keywordId: keywords[0]!.keywordId, bid: 1 },
          { keywordId: keywords[1]!.keywordId, bid: 150 },
        ],
      },
      { method: 'PUT' },
    );
    const body = (await response.json()) as {
      keywords: { success: { index: number }[]; error: { index: number; errors: unknown[] }[] };
    };
    expect(body.keywords.success.map((s) => s.index)).toEqual([1]);
    expect(body.keywords.error[0]).toMatchObject({
      index: 0,
      errors: [
        { errorValue: { biddingError: { lowerLimit: '2', upperLimit: '100000', marketplace: 'JP' } } },
      ],
    });
  });
});

describe('SP campaign management v3: product targets', () => {
  it('lists the auto campaign’s four automatic clauses and manual ASIN targets, and updates their bids', async () => {
    const { accessToken, profileId } = await setup();
    const list = async (body: unknown) =>
      (await (await v3('na', '/sp/targets/list', accessToken, profileId, body)).json()) as {
        targetingClauses: {
          targetId: string;
          expressionType: string;
          expression: { type: string }[];
          bid: number;
        }[];
        totalResults: number;
      };
    const auto = await list({ expressionTypeFilter: { include: ['AUTO'] } });
    expect(auto.targetingClauses.map((t) => t.expression[0]!.type).sort()).toEqual([
      'ASIN_ACCESSORY_RELATED',
      'ASIN_SUBSTITUTE_RELATED',
      'QUERY_BROAD_REL_MATCHES',
      'QUERY_HIGH_REL_MATCHES',
    ]);
    const manual = await list({ expressionTypeFilter: { include: ['MANUAL'] } });
    expect(manual.targetingClauses.length).toBeGreaterThan(0);
    expect(manual.targetingClauses.every((t) => t.expression[0]!.type === 'ASIN_SAME_AS')).toBe(true);
    const target = auto.targetingClauses[0]!;
    const response = await v3(
      'na',
      '/sp/targets',
      accessToken,
      profileId,
      { targetingClauses: [{ targetId: target.targetId, bid: 0.77 }] },
      { method: 'PUT' },
    );
    expect(response.status).toBe(207);
    expect(response.headers.get('content-type')).toBe(TARGET);
    expect(await response.json()).toEqual({
      targetingClauses: { success: [{ targetId: target.targetId, index: 0 }], error: [] },
    });
    const after = await list({ targetIdFilter: { include: [target.targetId] } });
    expect(after.targetingClauses[0]!.bid).toBe(0.77);
    expect(amazon.callCounts()).toMatchObject({ 'ads.sp.targets.list': 3, 'ads.sp.targets.update': 1 });
  });
});

describe('SP keywords in Ads reports', () => {
  it('shows a bid changed through PUT /sp/keywords in a later spTargeting report', async () => {
    const { accessToken, profileId } = await setup();
    const { keywords } = (
      await listKeywords(accessToken, profileId, { stateFilter: { include: ['ENABLED'] } })
    ).body;
    const keyword = keywords[0]!;
    await v3(
      'na',
      '/sp/keywords',
      accessToken,
      profileId,
      { keywords: [{ keywordId: keyword.keywordId, bid: 2.22 }] },
      { method: 'PUT' },
    );
    const rows = await runAdsReport(amazon, 'na', accessToken, profileId, {
      name: 'targeting',
      startDate: '2026-11-10',
      endDate: '2026-11-16',
      configuration: {
        adProduct: 'SPONSORED_PRODUCTS',
        groupBy: ['targeting'],
        columns: ['keywordId', 'keyword', 'keywordBid', 'matchType', 'impressions', 'clicks', 'cost'],
        reportTypeId: 'spTargeting',
        timeUnit: 'SUMMARY',
        format: 'GZIP_JSON',
      },
    });
    const row = rows.find((r) => String(r.keywordId) === keyword.keywordId);
    expect(row).toMatchObject({
      keyword: keyword.keywordText,
      keywordBid: 2.22,
      matchType: keyword.matchType,
    });
    expect(row!.clicks).toBeGreaterThan(0);
    const others = rows.filter((r) => String(r.keywordId) !== keyword.keywordId && r.keywordBid === 2.22);
    expect(others).toEqual([]);
  });
});
