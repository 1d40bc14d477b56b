import { afterEach, describe, expect, it } from 'vitest';
import { clientFields, connectSeller, postToken, REDIRECT_URI, TEST_NOW } from '../../test/support.js';
import { createMockAmazon } from '../create-mock-amazon.js';

const amazon = createMockAmazon({ now: TEST_NOW });
afterEach(() => amazon.reset());

const consentUrl = (query: Record<string, string>, region: 'na' | 'eu' | 'fe' = 'na') =>
  `${amazon.baseUrls.sellerCentral[region]}/apps/authorize/consent?${new URLSearchParams(query)}`;

describe('Seller Central website authorization', () => {
  it('redirects with state, selling_partner_id and spapi_oauth_code after sign-in and consent', async () => {
    const url = await amazon.signIn(
      amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'abc' }),
    );
    expect([...url.searchParams.keys()]).toEqual(['state', 'selling_partner_id', 'spapi_oauth_code']);
    expect(url.searchParams.get('state')).toBe('abc');
    const partner = amazon.world.byKey.default.sellingPartners[0]!;
    expect(url.searchParams.get('selling_partner_id')).toBe(partner.sellingPartnerId);
    expect(amazon.calls('sellercentral')).toBe(4);
  });

  it('exchanges spapi_oauth_code at the LWA token endpoint (single use)', async () => {
    const url = await amazon.signIn(
      amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'abc' }),
    );
    const code = url.searchParams.get('spapi_oauth_code')!;
    const first = await postToken(amazon, {
      grant_type: 'authorization_code',
      code,
      ...clientFields(amazon),
    });
    expect(first.status).toBe(200);
    expect(String(first.body.refresh_token)).toMatch(/^Atzr\|/);
    const again = await postToken(amazon, {
      grant_type: 'authorization_code',
      code,
      ...clientFields(amazon),
    });
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('shows MD1000 for a draft app without version=beta', async () => {
    const url = consentUrl({
      application_id: amazon.app.applicationId,
      state: 's',
      redirect_uri: REDIRECT_URI,
    });
    await expect(amazon.signIn(url)).rejects.toMatchObject({ pageCode: 'MD1000' });
    const published = createMockAmazon({ now: TEST_NOW, app: { draft: false } });
    const ok = await published.signIn(
      published.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 's', beta: false }),
    );
    expect(ok.searchParams.get('spapi_oauth_code')).toBeTruthy();
  });

  it('shows MD5101 for a redirect URI that is not registered and MD5110 for one with a fragment', async () => {
    const base = { application_id: amazon.app.applicationId, state: 's', version: 'beta' };
    await expect(
      amazon.signIn(consentUrl({ ...base, redirect_uri: 'https://evil.example/cb' })),
    ).rejects.toMatchObject({ pageCode: 'MD5101' });
    await expect(
      amazon.signIn(consentUrl({ ...base, redirect_uri: `${REDIRECT_URI}#x` })),
    ).rejects.toMatchObject({ pageCode: 'MD5110' });
    await expect(
      amazon.signIn(
        consentUrl({ ...base, application_id: 'amzn1.sellerapps.app.other', redirect_uri: REDIRECT_URI }),
      ),
    ).rejects.toMatchObject({
      pageCode: 'MD9100',
    });
  });

  it('uses the first registered redirect URI when none is given', async () => {
    const strict = createMockAmazon({ now: TEST_NOW, app: { redirectUris: ['https://app.example/sc'] } });
    const url = await strict.signIn(strict.sellerCentralConsentUrl({ state: 's' }));
    expect(url.origin + url.pathname).toBe('https://app.example/sc');
  });

  it('redirects with error=access_denied and the state on refusal', async () => {
    const url = await amazon.signIn(
      amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 'no' }),
      { consent: false },
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ error: 'access_denied', state: 'no' });
  });

  it('stops a user without a Seller Central account in that region on a "no seller account" page', async () => {
    const vendor = amazon.users.noSellerCentral.email;
    const attempt = amazon.signIn(amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, state: 's' }), {
      email: vendor,
    });
    await expect(attempt).rejects.toMatchObject({ pageCode: 'NO_SELLER_CENTRAL_ACCOUNT', status: 403 });
    // The default user sells in na and eu only.
    await expect(
      amazon.signIn(amazon.sellerCentralConsentUrl({ redirectUri: REDIRECT_URI, region: 'fe' })),
    ).rejects.toMatchObject({
      pageCode: 'NO_SELLER_CENTRAL_ACCOUNT',
    });
    const eu = await connectSeller(amazon, { region: 'eu' });
    expect(eu.sellingPartnerId).toBe(amazon.world.byKey.default.sellingPartners[1]!.sellingPartnerId);
  });
});
