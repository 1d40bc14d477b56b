// Shared by the server benchmarks: the server half (a handler, or a whole connections server) on an in-process mock
// Amazon, with helpers that call its routes and connect through Amazon's sign-in pages.
import { createMockAmazon } from '@smart-ads/mock-amazon';

const returnUrl = 'http://localhost:3000/amazon/return';
/** The reporting period the benchmarks ask for. */
export const range = 'from=2026-11-10&to=2026-11-16';

/**
 * `create` is `createConnectionsHandler` or `createConnectionsServer`; `made` is what it returned, `handler` the
 * fetch-standard handler either way.
 */
export function onMockAmazon(create, store, options = {}) {
  const amazon = createMockAmazon({ now: Date.parse('2026-11-20T12:00:00Z') });
  const made = create({
    basePath: '/api/amazon',
    store,
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    amazon: {
      clientId: amazon.app.clientId,
      clientSecret: amazon.app.clientSecret,
      applicationId: amazon.app.applicationId,
      redirectUris: { advertising: returnUrl, sellerCentral: returnUrl },
      draftApp: amazon.app.draft,
    },
    baseUrls: amazon.baseUrls,
    fetch: (request) => amazon.fetch(request),
    now: () => amazon.clock.now(),
    logger: { warn: () => {}, error: () => {} },
    getSubscription: (request) => {
      const id = request.headers.get('x-subscription');
      return id ? { id } : null;
    },
    ...options,
  });
  const handler = typeof made === 'function' ? made : made.handler;
  const call = async (method, path, body, subscription = 'sub_bench') => {
    const headers = { 'x-subscription': subscription };
    if (body) headers['content-type'] = 'application/json';
    const response = await handler(
      new Request(`http://localhost/api/amazon${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      }),
    );
    return { status: response.status, body: await response.json() };
  };
  const connect = async (kind, subscription = 'sub_bench', region = undefined) => {
    const started = await call(
      'POST',
      '/authorize',
      { kind, returnTo: '/', ...(region ? { region } : {}) },
      subscription,
    );
    const redirect = await amazon.signIn(started.body.authorizeUrl);
    const q = redirect.searchParams;
    const body =
      kind === 'advertising'
        ? { kind, state: q.get('state'), code: q.get('code') }
        : {
            kind,
            state: q.get('state'),
            code: q.get('spapi_oauth_code'),
            sellingPartnerId: q.get('selling_partner_id'),
          };
    const answer = await call('POST', '/callback', body, subscription);
    if (answer.status !== 200) throw new Error(`connect ${kind} failed: ${JSON.stringify(answer.body)}`);
  };
  return { amazon, made, handler, call, connect };
}

/** Amazon's calls so far, by what the benchmarks count. */
export const countCalls = (amazon) => ({
  refreshes: amazon.calls('lwa.token.refresh_token'),
  adsReportCreates: amazon.calls('ads.reports.create'),
  adsReportPolls: amazon.calls('ads.reports.get'),
  spReportCreates: amazon.calls('spapi.reports.create'),
  spReportPolls: amazon.calls('spapi.reports.get'),
  orderMetrics: amazon.calls('spapi.orderMetrics'),
  total: amazon.calls('*'),
});
/** The calls made between two counts. */
export const diff = (after, before) =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k]]));
