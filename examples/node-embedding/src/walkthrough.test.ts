import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCatalogue, metricCatalogue, metricKeys } from '@smart-ads/core';
import { defaultMockApp, type MockAmazonServer, startMockAmazonServer } from '@smart-ads/mock-amazon/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWalkthrough } from './walkthrough.ts';

let mock: MockAmazonServer;
let dataDir: string;
beforeAll(async () => {
  mock = await startMockAmazonServer({ clock: 'running' });
  dataDir = await mkdtemp(join(tmpdir(), 'smart-ads-node-embedding-test-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dataDir, { recursive: true, force: true });
});

// The figures that need Seller Central, from the catalogue (the six of rule 3).
const sellerCentral: readonly string[] = metricKeys.filter(
  (key) => metricCatalogue[key].format !== 'table' && metricCatalogue[key].requires.includes('sellerCentral'),
);
const aNumber = /^[$]?[\d,]+(\.\d+)?(%|x)?$/;

it('runs the whole story against the standalone mock Amazon over HTTP', { timeout: 60_000 }, async () => {
  const lines: string[] = [];
  const result = await runWalkthrough({
    mockUrl: mock.url,
    baseUrls: mock.baseUrls,
    app: {
      clientId: defaultMockApp.clientId,
      clientSecret: defaultMockApp.clientSecret,
      applicationId: defaultMockApp.applicationId,
      draftApp: defaultMockApp.draft,
    },
    // A folder that does not exist yet: the SQLite store creates it.
    dataDir: join(dataDir, 'nested', 'data'),
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    log: (line) => lines.push(line),
  });

  expect(result.accountName).toBe('Acme Home & Kitchen');
  expect(result.oneAccountRule).toBe(errorCatalogue.account_limit_reached.message);
  for (const value of Object.values(result.figures.connected)) expect(value).toMatch(aNumber);
  for (const [id, value] of Object.entries(result.figures.sellerCentralDisconnected)) {
    expect(value, id).toMatch(sellerCentral.includes(id) ? /^–$/ : aNumber);
  }
  expect(result.figures.reconnected).toEqual(result.figures.connected);
  for (const value of Object.values(result.figures.advertisingDisconnected)) expect(value).toBe('–');
  expect(result.confirmation).toMatch(/stops all Ads Optimiser functionality for that account/);
  expect(result.featuresAfterDisconnect).toEqual([
    'Connect Amazon Advertising to see Suggestions.',
    'Connect Amazon Advertising to see Apply actions.',
    'Connect Amazon Advertising to see AI Insights.',
    'Connect Amazon Advertising to see Rules.',
  ]);
  // Amazon's pages were walked over HTTP: the mock saw the sign-ins and one code exchange per sign-in (Login
  // with Amazon exchanges Seller Central's code too).
  expect(mock.amazon.calls('lwa.consent.submit')).toBe(1);
  expect(mock.amazon.calls('lwa.token.authorization_code')).toBe(3);
  expect(mock.amazon.calls('sellercentral.confirm.submit')).toBe(2);
  expect(lines.join('\n')).toMatch(/-> Amazon: \/na\/sellercentral\/apps\/authorize\/consent/);
});
