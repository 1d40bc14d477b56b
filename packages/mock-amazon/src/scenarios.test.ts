import { afterEach, describe, expect, it } from 'vitest';
import {
  ads,
  clientFields,
  connectAdvertising,
  connectSeller,
  createAdsReport,
  download,
  postToken,
  REDIRECT_URI,
  salesAndTrafficRequest,
  sp,
  spCampaignsRequest,
  TEST_NOW,
} from '../test/support.js';
import { createMockAmazon } from './create-mock-amazon.js';
import { MockAmazonError } from './errors/mock-amazon-error.js';
import { runScenario } from './scenarios.js';
import { marketplaces } from './world/marketplaces.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());
const HOUR = 3_600_000;

async function refreshed(refreshToken: string): Promise<string> {
  const answer = await postToken(amazon, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...clientFields(amazon),
  });
  return String(answer.body.access_token);
}

/** Creates an spCampaigns report; `poll` refreshes the access token first, as a long-running client would. */
async function adsReport(
  body = spCampaignsRequest('2026-11-10', '2026-11-16'),
  connection?: { refreshToken: string },
) {
  const { refreshToken } = connection ?? (await connectAdvertising(amazon));
  const accessToken = await refreshed(refreshToken);
  const [profile] = (await (await ads(amazon, 'na', '/v2/profiles', accessToken)).json()) as {
    profileId: number;
  }[];
  const scope = profile!.profileId;
  const created = { reportId: await createAdsReport(amazon, 'na', accessToken, scope, body) };
  const poll = async () =>
    (await (
      await ads(amazon, 'na', `/reporting/reports/${created.reportId}`, await refreshed(refreshToken), {
        scope,
      })
    ).json()) as {
      status: string;
      url: string | null;
    };
  return { poll, refreshToken };
}

async function spReport() {
  const { accessToken } = await connectSeller(amazon);
  const created = (await (
    await sp(
      amazon,
      'na',
      '/reports/2021-06-30/reports',
      accessToken,
      salesAndTrafficRequest(marketplaces.US.id, '2026-11-10', '2026-11-16'),
    )
  ).json()) as {
    reportId: string;
  };
  const poll = async () =>
    (await (
      await sp(amazon, 'na', `/reports/2021-06-30/reports/${created.reportId}`, accessToken)
    ).json()) as { processingStatus: string; reportDocumentId?: string };
  const document = async (id: string) => {
    const { url } = (await (
      await sp(amazon, 'na', `/reports/2021-06-30/documents/${id}`, accessToken)
    ).json()) as { url: string };
    return (await download(amazon, url)) as {
      salesAndTrafficByDate: unknown[];
      salesAndTrafficByAsin: unknown[];
    };
  };
  return { poll, document };
}

describe('report scenarios', () => {
  it('reportDelay: a report stays PENDING until 72 hours of mock time have passed', async () => {
    amazon.scenarios.reportDelay(72, 'ads');
    const { poll } = await adsReport();
    for (let i = 0; i < 5; i++) expect((await poll()).status).not.toBe('COMPLETED');
    amazon.clock.advance(71 * HOUR);
    expect((await poll()).status).toBe('PROCESSING');
    amazon.clock.advance(HOUR);
    expect((await poll()).status).toBe('COMPLETED');
  });

  it('slowReports: takes the given number of polls', async () => {
    amazon.scenarios.slowReports({ api: 'spapi', polls: 5 });
    const { poll } = await spReport();
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push((await poll()).processingStatus);
    expect(seen).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE']);
  });

  it('emptyReports: completed reports have no rows', async () => {
    amazon.scenarios.emptyReports();
    const ad = await adsReport();
    await ad.poll();
    expect(await download(amazon, (await ad.poll()).url!)).toEqual([]);
    const seller = await spReport();
    await seller.poll();
    await seller.poll();
    const done = await seller.poll();
    expect(await seller.document(done.reportDocumentId!)).toMatchObject({
      salesAndTrafficByDate: [],
      salesAndTrafficByAsin: [],
    });
  });

  it('failReports: Ads reports end FAILED and SP-API reports FATAL', async () => {
    amazon.scenarios.failReports();
    const ad = await adsReport();
    await ad.poll();
    expect(await ad.poll()).toMatchObject({ status: 'FAILED', url: null });
    const seller = await spReport();
    for (let i = 0; i < 2; i++) await seller.poll();
    const fatal = await seller.poll();
    expect(fatal.processingStatus).toBe('FATAL');
    expect(fatal.reportDocumentId).toBeUndefined();
  });

  it('dataLatency: empty reports and zero order metrics until N hours after connecting', async () => {
    amazon.scenarios.dataLatency(24);
    const early = await adsReport();
    await early.poll();
    expect(await download(amazon, (await early.poll()).url!)).toEqual([]);
    const seller = await connectSeller(amazon);
    const query = new URLSearchParams({
      marketplaceIds: marketplaces.US.id,
      interval: '2026-11-10T00:00:00Z--2026-11-17T00:00:00Z',
      granularity: 'Total',
      granularityTimeZone: 'UTC',
    });
    const zero = (await (
      await sp(amazon, 'na', `/sales/v1/orderMetrics?${query}`, seller.accessToken)
    ).json()) as { payload: { unitCount: number }[] };
    expect(zero.payload[0]!.unitCount).toBe(0);
    amazon.clock.advance(24 * HOUR);
    // The same connection, a day later: the data has arrived.
    const later = await adsReport(spCampaignsRequest('2026-11-11', '2026-11-16'), early);
    await later.poll();
    expect(((await download(amazon, (await later.poll()).url!)) as unknown[]).length).toBeGreaterThan(0);
    // A fresh connection starts the wait again.
    const again = await adsReport(spCampaignsRequest('2026-11-12', '2026-11-16'));
    await again.poll();
    expect(await download(amazon, (await again.poll()).url!)).toEqual([]);
    const sellerToken = await refreshed(seller.refreshToken);
    const some = (await (await sp(amazon, 'na', `/sales/v1/orderMetrics?${query}`, sellerToken)).json()) as {
      payload: { unitCount: number }[];
    };
    expect(some.payload[0]!.unitCount).toBeGreaterThan(0);
  });
});

describe('authorization scenarios', () => {
  it('expireAuthorizationCodes: a pending code can no longer be exchanged', async () => {
    const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }));
    amazon.scenarios.expireAuthorizationCodes();
    const answer = await postToken(amazon, {
      grant_type: 'authorization_code',
      code: url.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      ...clientFields(amazon),
    });
    expect(answer.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('expireAccessTokens: calls fail until the token is refreshed', async () => {
    const { accessToken, refreshToken } = await connectAdvertising(amazon);
    amazon.scenarios.expireAccessTokens();
    expect((await ads(amazon, 'na', '/v2/profiles', accessToken)).status).toBe(401);
    const refreshed = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientFields(amazon),
    });
    expect((await ads(amazon, 'na', '/v2/profiles', String(refreshed.body.access_token))).status).toBe(200);
  });

  it('revokeAuthorization by kind leaves the other connection working', async () => {
    const advertising = await connectAdvertising(amazon);
    const seller = await connectSeller(amazon);
    expect(amazon.scenarios.revokeAuthorization(amazon.users.default.email, { kind: 'sellingPartner' })).toBe(
      1,
    );
    expect((await sp(amazon, 'na', '/sellers/v1/marketplaceParticipations', seller.accessToken)).status).toBe(
      403,
    );
    expect((await ads(amazon, 'na', '/v2/profiles', advertising.accessToken)).status).toBe(200);
  });

  it('autoSignIn: /ap/oa redirects at once for the chosen user and answer', async () => {
    amazon.scenarios.autoSignIn({ email: amazon.users.otherAccount.email });
    const page = await amazon.fetch(amazon.authorizeUrl({ redirectUri: REDIRECT_URI, state: 'auto' }));
    expect(page.status).toBe(302);
    const target = new URL(page.headers.get('location')!);
    expect(target.searchParams.get('state')).toBe('auto');
    expect(target.searchParams.get('code')).toBeTruthy();
    amazon.scenarios.autoSignIn({ consent: false });
    const refused = await amazon.fetch(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }));
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('refuses unknown users, scenarios and bad options with typed errors', () => {
    expect(() => amazon.scenarios.changePassword('nobody@example.com')).toThrow(MockAmazonError);
    expect(() => runScenario(amazon.scenarios, 'meteorStrike', [])).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_SCENARIO' }),
    );
    expect(() => amazon.scenarios.serverErrors('ads', { status: 404 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => amazon.clock.advance(-1)).toThrow(RangeError);
  });
});

describe('inspection and reset', () => {
  it('logs every answered request with its endpoint, status, region and mock time', async () => {
    const { accessToken } = await connectAdvertising(amazon);
    amazon.clock.advance(1000);
    await ads(amazon, 'eu', '/v2/profiles', accessToken);
    const last = amazon.log.at(-1)!;
    expect(last).toMatchObject({
      method: 'GET',
      status: 200,
      endpoint: 'ads.profiles',
      region: 'eu',
      at: TEST_NOW + 1000,
    });
    expect(last.url).toBe(`${amazon.baseUrls.ads.eu}/v2/profiles`);
    expect(amazon.calls('lwa')).toBe(5); // authorize, signin, consent page, consent, token
    expect(amazon.calls('ads', { region: 'na' })).toBe(0);
  });

  it('reset() forgets grants, tokens, scenarios, the log, and puts the clock back', async () => {
    const { refreshToken } = await connectAdvertising(amazon);
    amazon.scenarios.throttle('*', { times: 'always' });
    amazon.clock.advance(HOUR);
    amazon.reset();
    expect(amazon.log).toHaveLength(0);
    expect(amazon.clock.now()).toBe(TEST_NOW);
    const answer = await postToken(amazon, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientFields(amazon),
    });
    expect(answer.status).toBe(400);
  });
});

describe('call counters', () => {
  it('keep counting past the log limit and give exact per-endpoint counts', async () => {
    const many = createMockAmazon({ now: TEST_NOW });
    const { accessToken } = await connectAdvertising(many);
    for (let i = 0; i < 10_050; i++) await ads(many, 'na', '/v2/profiles', accessToken);
    expect(many.log).toHaveLength(10_000);
    expect(many.calls('ads.profiles')).toBe(10_050);
    expect(many.callCounts()).toMatchObject({ 'ads.profiles': 10_050, 'lwa.token.authorization_code': 1 });
  });
});

describe('signIn after a password change', () => {
  it('signs in with the user’s current password unless one is given', async () => {
    const { email } = amazon.users.otherAccount;
    amazon.scenarios.changePassword(email, 'brand-new');
    const url = await amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }), { email });
    expect(url.searchParams.get('code')).toBeTruthy();
    await expect(
      amazon.signIn(amazon.authorizeUrl({ redirectUri: REDIRECT_URI }), { email, password: 'pass_good' }),
    ).rejects.toMatchObject({
      pageCode: 'INVALID_CREDENTIALS',
    });
  });
});
