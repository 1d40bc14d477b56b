import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type RunningExample, type StartExampleOptions, startExample } from '../../server/start-example.ts';
import { launchBrowser } from './browser.ts';

/**
 * The app the scenarios run against: the Vite example, or with `E2E_APP=next` the Next.js example (the same
 * dashboard components, server-rendered, on `next start`), whose suite (examples/nextjs-dashboard) sets it.
 */
export const appUnderTest: 'vite' | 'next' = process.env.E2E_APP === 'next' ? 'next' : 'vite';

async function startApp(options: StartExampleOptions): Promise<RunningExample> {
  if (appUnderTest === 'vite') return startExample(options);
  const { startNextExample } = await import('../../../nextjs-dashboard/server/start-next-example.ts');
  return startNextExample(options);
}

/**
 * React's hydration failures as the browser reports them: the development wording, and in production builds the
 * minified errors #418 (text or element mismatch), #419, #421, #422, #423 and #425 (text content mismatch).
 */
const hydrationFailure = /hydrat|Minified React error #(418|419|421|422|423|425)\b/i;

/** Timings small enough for a fast suite: figures and status are polled every few hundred milliseconds. */
export const fastTimings: StartExampleOptions = {
  appConfig: { metricsPollMs: 400, statusPollMs: 300, dataSlowAfterMs: 30_000, supportUrl: '/support' },
  reports: { pollIntervalMs: 50, freshForMs: 1_000, failureBackoffMs: 200 },
};

/** The desktop window every test uses unless it asks for another. */
export const desktopViewport = { width: 1120, height: 760 } as const;
/** A phone (an iPhone 12 to 15 in CSS pixels). */
export const phoneViewport = { width: 390, height: 844 } as const;

/** How a test's page is opened. */
export interface OpenOptions {
  /** @default desktopViewport */
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** One test's world: the running example, and a fresh browser context (a new demo subscription). */
export interface Suite {
  readonly example: () => RunningExample;
  /** Opens the dashboard in a fresh context (fresh cookie: a new demo subscription) and waits until it loaded. */
  open(path?: string, options?: OpenOptions): Promise<Page>;
}

/**
 * Starts the example stack (mock Amazon + example server) and a browser once per file; every test gets a fresh
 * browser context, and the mock Amazon is reset after each test (users, grants, scenarios).
 */
export function setUpExampleSuite(options: StartExampleOptions = {}): Suite {
  let example: RunningExample | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const hydrationErrors: string[] = [];
  beforeAll(async () => {
    [example, browser] = await Promise.all([
      startApp({
        ...fastTimings,
        ...options,
        appConfig: { ...fastTimings.appConfig, ...options.appConfig },
      }),
      launchBrowser(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    example?.mock.amazon.reset();
    // A server-rendered page that React had to re-render in the browser fails the test that opened it.
    expect(hydrationErrors.splice(0), 'hydration errors in the browser console').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await example?.close();
  });
  return {
    example: () => {
      if (!example) throw new Error('the example is not started');
      return example;
    },
    async open(path = '/', options = {}) {
      if (!browser || !example) throw new Error('the suite is not started');
      const viewport = options.viewport ?? desktopViewport;
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: 'en-US',
        ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && hydrationFailure.test(message.text())) {
          hydrationErrors.push(message.text());
        }
      });
      page.on('pageerror', (error) => {
        if (hydrationFailure.test(String(error))) hydrationErrors.push(String(error));
      });
      await page.goto(new URL(path, example.url).href);
      await page.locator('.account-button .pill').filter({ hasNotText: 'Loading…' }).waitFor();
      return page;
    },
  };
}
