import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockAmazonServer, startMockAmazonServer } from '../src/node.js';
import { TEST_NOW } from './support.js';

// Real Chromium (Debian's package, driven by playwright-core). Skipped where it is not installed.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));
const mswWorkerScript = fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js'));

describe.skipIf(!existsSync(executablePath))('in a real browser', () => {
  let browser: Browser;
  let out: string;
  let site: Server;
  let siteUrl: string;
  let mock: MockAmazonServer;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'mock-amazon-browser-'));
    await build({
      entry: { app: join(here, 'browser/worker-app.ts') },
      outDir: out,
      format: ['esm'],
      platform: 'browser',
      target: 'es2022',
      noExternal: [/.*/],
      splitting: false,
      dts: false,
      sourcemap: false,
      silent: true,
      config: false,
    });
    const files: Record<string, [string, string]> = {
      '/': ['text/html', '<!doctype html><title>worker</title><script type="module" src="/app.js"></script>'],
      '/app.js': ['text/javascript', readFileSync(join(out, 'app.js'), 'utf8')],
      '/mockServiceWorker.js': ['text/javascript', readFileSync(mswWorkerScript, 'utf8')],
      '/callback': ['text/html', '<!doctype html><h1>back in the app</h1>'],
    };
    site = createServer((req, res) => {
      const file = files[(req.url ?? '/').split('?')[0] ?? '/'];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    mock = await startMockAmazonServer({ now: TEST_NOW });
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await new Promise((resolve) => site?.close(resolve));
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('answers page fetches to Amazon’s hosts through setupWorker (gzip report included)', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.waitForFunction(() => typeof window.runMockAmazonInBrowser === 'function');
    const result = await page.evaluate(() => window.runMockAmazonInBrowser());
    expect(result).toMatchObject({ profiles: ['US', 'CA'], status: 'COMPLETED', rows: expect.any(Number) });
    expect((result as { rows: number }).rows).toBeGreaterThan(0);
    expect((result as { endpoints: string[] }).endpoints).toEqual(
      expect.arrayContaining([
        'lwa.token.authorization_code',
        'ads.profiles',
        'ads.reports.create',
        'ads.reports.download',
      ]),
    );
    await page.close();
  }, 30_000);

  it('signs in and consents with full-page navigations against the standalone server', async () => {
    const page = await browser.newPage();
    // The app's callback page (the site above), so the browser lands somewhere real after the redirect.
    const redirectUri = `${siteUrl}/callback`;
    await page.goto(mock.amazon.authorizeUrl({ redirectUri, state: 'real-browser' }));
    await page.fill('#ap_email', mock.amazon.users.default.email);
    await page.fill('#ap_password', mock.amazon.users.default.password);
    await Promise.all([page.waitForURL('**/ap/consent?**'), page.click('#signInSubmit')]);
    expect(await page.textContent('body')).toContain('advertising::campaign_management');
    await Promise.all([page.waitForURL(`${redirectUri}?**`), page.click('#consent-allow')]);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('real-browser');
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z]{20}$/);
    expect(await page.textContent('h1')).toBe('back in the app');
    await page.close();
  }, 30_000);
});
