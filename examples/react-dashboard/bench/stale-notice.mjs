// How long an open dashboard takes to show a connection that stopped working (issue: "noticing a stale
// connection"). `./dev bench stale-notice` (or `pnpm bench stale-notice`); STALE_BENCH_ROUNDS=<n> (default 5).
//
// The example runs with the demo's own settings (status every 3 s, figures every 5 s, Amazon's reports cached for
// a minute on the server) in Debian's chromium. Each round connects Amazon Advertising on a fresh subscription,
// changes the seller's Amazon password (every token of that login dies at once) and measures three moments:
//   learned:  the server's status says `stale` (polled every 25 ms from outside the page),
//   shown:    the page shows "Stopped working: reconnect" on the top bar,
// in two ways of learning:
//   own       the dashboard's own requests are the first to reach Amazon (its figures reload, the server's cache
//             runs out, Amazon refuses the token): what a seller with only the dashboard open sees;
//   elsewhere another request of the same subscription (another tab, a host job) reaches Amazon first: the open
//             dashboard has to notice the server's knowledge at its next status or figures answer.
// The figure that matters is shown − learned: the time from the server knowing to the seller seeing it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signInOnAmazon } from '../e2e/support/amazon-pages.ts';
import { launchBrowser } from '../e2e/support/browser.ts';
import { startExample } from '../server/start-example.ts';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.env.STALE_BENCH_ROUNDS ?? 5);

if (!existsSync(`${exampleDir}/dist/index.html`)) {
  const build = spawnSync('pnpm', ['--dir', exampleDir, 'run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const example = await startExample();
const browser = await launchBrowser();
const { amazon } = example.mock;
const { statusPollMs, metricsPollMs } = example.appConfig;

/** Polls the server's status for this page's subscription until Advertising is stale; resolves with the time. */
async function serverLearned(page, since) {
  for (;;) {
    const response = await page.request.get(`${example.url}/api/amazon/status`);
    const status = await response.json();
    if (status.advertising?.health === 'stale') return performance.now() - since;
    if (performance.now() - since > 180_000) throw new Error('the server never learned');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the page's top bar says the connection stopped working; resolves with the time. */
async function pageShowed(page, since) {
  await page
    .locator('.account-button .pill')
    .filter({ hasText: 'Stopped working: reconnect' })
    .waitFor({ timeout: 180_000 });
  return performance.now() - since;
}

async function round(way) {
  const context = await browser.newContext({ viewport: { width: 1120, height: 760 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(example.url);
    await page.locator('.account-button').click();
    await page.locator('.account-menu').getByRole('button', { name: 'Connect Amazon Advertising' }).click();
    await page.waitForURL((url) => url.pathname.includes('/authorize/'));
    await signInOnAmazon(page, amazon.users.default);
    await page
      .locator('.account-button .pill')
      .filter({ hasText: /^Connected/ })
      .waitFor();
    // Figures on screen: the server's report cache is warm, so nothing reaches Amazon for a while.
    await page
      .getByRole('region', { name: 'Ad spend', exact: true })
      .locator('.value')
      .filter({ hasText: /\d/ })
      .waitFor();

    const started = performance.now();
    amazon.scenarios.changePassword(amazon.users.default.email);
    const shown = pageShowed(page, started);
    const learned = serverLearned(page, started);
    if (way === 'elsewhere') {
      // Another request of this subscription asks for figures the server has not cached: it reaches Amazon now.
      const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() - 33 * 86_400_000).toISOString().slice(0, 10);
      await page.request.get(`${example.url}/api/amazon/metrics?from=${from}&to=${to}`);
    }
    const [learnedMs, shownMs] = await Promise.all([learned, shown]);
    return { learnedMs, shownMs, noticeMs: Math.max(0, shownMs - learnedMs) };
  } finally {
    await context.close();
    amazon.reset();
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  console.log(
    `stale notice, ${rounds} rounds per way; demo settings: status every ${statusPollMs} ms, figures every ${metricsPollMs} ms`,
  );
  for (const way of ['own', 'elsewhere']) {
    const results = [];
    for (let i = 0; i < rounds; i++) results.push(await round(way));
    const notice = results.map((r) => r.noticeMs);
    const learned = results.map((r) => r.learnedMs);
    console.log(
      `  ${way.padEnd(9)} password change -> server knows: median ${seconds(percentile(learned, 50))}, max ${seconds(Math.max(...learned))}` +
        `; server knows -> dashboard shows: median ${seconds(percentile(notice, 50))}, max ${seconds(Math.max(...notice))}`,
    );
  }
} finally {
  await browser.close();
  await example.close();
}
