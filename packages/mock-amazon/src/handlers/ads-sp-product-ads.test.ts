import { afterEach, describe, expect, it } from 'vitest';
import { ads, connectAdvertising, TEST_NOW } from '../../test/support.js';
import { createMockAmazon } from '../create-mock-amazon.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());

const PRODUCT_AD = 'application/vnd.spProductAd.v3+json';

describe('SP campaign management v3: product ads', () => {
  it('lists the profile’s product ads (ASIN per campaign) with filters, in the vendor media type', async () => {
    const { accessToken } = await connectAdvertising(amazon, {});
    const [profile] = (await (await ads(amazon, 'na', '/v2/profiles', accessToken)).json()) as {
      profileId: number;
    }[];
    const list = (body: unknown, mediaType = PRODUCT_AD) =>
      ads(amazon, 'na', '/sp/productAds/list', accessToken, {
        method: 'POST',
        scope: profile?.profileId ?? 0,
        body,
        headers: { 'content-type': mediaType, accept: mediaType },
      });
    const all = await list({});
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe(PRODUCT_AD);
    const body = (await all.json()) as {
      productAds: { campaignId: string; asin: string; state: string }[];
      totalResults: number;
    };
    const seeded = amazon.world.byKey.default.advertisingAccounts[0]?.profiles[0]?.campaigns ?? [];
    expect(body.totalResults).toBe(seeded.flatMap((c) => c.ads).length);
    const [first] = body.productAds;
    expect(first).toMatchObject({ asin: expect.stringMatching(/^B0/), state: 'ENABLED' });
    const one = (await (await list({ campaignIdFilter: { include: [first?.campaignId] } })).json()) as {
      productAds: { campaignId: string }[];
    };
    expect(one.productAds.every((ad) => ad.campaignId === first?.campaignId)).toBe(true);
    expect((await list({ asinFilter: { include: ['B0X'] } })).status).toBe(400);
    expect((await list({}, 'application/json')).status).toBe(415);
    expect(amazon.calls('ads.sp.productAds.list')).toBe(4);
  });
});
