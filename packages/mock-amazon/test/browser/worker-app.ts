// Bundled for Chromium by browser.test.ts: the mock's handlers behind msw's setupWorker, answering real `fetch`
// calls from a page to Amazon's production hosts (no Node built-ins involved).
import { setupWorker } from 'msw/browser';
import { createMockAmazon, gunzip } from '../../src/index.js';
import { shortColumns, spCampaignsRequest } from '../support.js';

declare global {
  interface Window {
    runMockAmazonInBrowser: () => Promise<unknown>;
  }
}

window.runMockAmazonInBrowser = async () => {
  const amazon = createMockAmazon({ now: Date.UTC(2026, 10, 20, 12) });
  const worker = setupWorker(...amazon.handlers);
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  const redirectUri = 'http://localhost:3000/callback';
  const callback = await amazon.signIn(amazon.authorizeUrl({ redirectUri, state: 'w' }));
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    client_id: amazon.app.clientId,
    client_secret: amazon.app.clientSecret,
  });
  const token = (await (
    await fetch('https://api.amazon.com/auth/o2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
  ).json()) as { access_token: string };
  const headers = {
    authorization: `Bearer ${token.access_token}`,
    'amazon-advertising-api-clientid': amazon.app.clientId,
  };
  const profiles = (await (
    await fetch('https://advertising-api.amazon.com/v2/profiles', { headers })
  ).json()) as {
    profileId: number;
    countryCode: string;
  }[];
  const scoped = {
    ...headers,
    'amazon-advertising-api-scope': String(profiles[0]?.profileId),
    'content-type': 'application/vnd.createasyncreportrequest.v3+json',
  };
  const body = JSON.stringify(spCampaignsRequest('2026-11-01', '2026-11-07', shortColumns));
  const report = (await (
    await fetch('https://advertising-api.amazon.com/reporting/reports', {
      method: 'POST',
      headers: scoped,
      body,
    })
  ).json()) as { reportId: string };
  const statusUrl = `https://advertising-api.amazon.com/reporting/reports/${report.reportId}`;
  await fetch(statusUrl, { headers: scoped });
  const done = (await (await fetch(statusUrl, { headers: scoped })).json()) as {
    status: string;
    url: string;
  };
  const rows = JSON.parse(await gunzip(await (await fetch(done.url)).arrayBuffer())) as unknown[];
  await worker.stop();
  return {
    profiles: profiles.map((p) => p.countryCode),
    status: done.status,
    rows: rows.length,
    endpoints: amazon.log.map((entry) => entry.endpoint),
  };
};
