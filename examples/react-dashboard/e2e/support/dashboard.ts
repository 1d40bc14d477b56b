import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type AmazonSignIn, signInOnAmazon } from './amazon-pages.ts';

/** The six figures that come from Seller Central (help article, "What stops working"). */
export const sellerCentralMetrics = [
  'Total Sales',
  'Total Orders',
  'Sessions',
  'Buy Box %',
  'Listing CVR',
  'TACoS',
] as const;

/** The three figures that come from Amazon Advertising. */
export const advertisingMetrics = ['Ad spend', 'ACoS', 'ROAS'] as const;

/** The optimiser's panels, all powered by Amazon Advertising. */
export const featurePanels = ['Suggestions', 'AI Insights', 'Rules'] as const;

/** The en dash the help article shows for a figure that cannot be computed. */
export const dash = '\u2013';

/** How long a visible change may take (status and metrics are polled every few hundred ms in the tests). */
export const uiTimeout = 15_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Waits (Playwright's own waiting, no sleeps) until `locator` shows exactly `text`, or a text matching the pattern;
 * on timeout, fails with what it shows instead.
 */
export async function expectText(
  locator: Locator,
  text: string | RegExp,
  timeout = uiTimeout,
): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch {
    const shown =
      (
        await locator
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => null)
      )?.trim() ?? '(nothing)';
    expect(shown, `text of ${locator}`).toMatch(pattern);
  }
}

/** The value shown on a metric card. */
export function metricValue(page: Page, label: string): Locator {
  return page.getByRole('region', { name: label, exact: true }).locator('.value');
}

/** An optimiser panel (Suggestions, AI Insights, Rules). */
export function panel(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** A figure written as a number: money, a percentage, a ratio or a count (not `–`, not "Populating…"). */
export const aNumber = /^[$£€]?[\d,]+(\.\d+)?(%|x)?$/;

/** Waits until `locator` has the keyboard focus. */
export async function expectFocusOn(page: Page, locator: Locator, timeout = uiTimeout): Promise<void> {
  const handle = await locator.elementHandle({ timeout });
  await expect
    .poll(() => page.evaluate((element) => document.activeElement === element, handle), { timeout })
    .toBe(true);
}

/** Opens the account dropdown of the top bar. */
export async function openAccountMenu(page: Page): Promise<Locator> {
  const button = page.locator('.account-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const menu = page.locator('.account-menu');
  await menu.waitFor();
  return menu;
}

/** Chooses "Connect <kind>" in the account dropdown and goes through Amazon's pages. */
export async function connectFromDropdown(
  page: Page,
  kind: 'Amazon Advertising' | 'Seller Central',
  who: AmazonSignIn,
): Promise<void> {
  const menu = await openAccountMenu(page);
  await menu.getByRole('button', { name: `Connect ${kind}` }).click();
  await page.waitForURL((url) =>
    url.pathname.includes(kind === 'Seller Central' ? '/sellercentral/' : '/authorize/'),
  );
  await signInOnAmazon(page, who);
}

/** Waits until every Advertising figure shows a number. */
export async function expectAdvertisingFigures(page: Page): Promise<void> {
  for (const label of advertisingMetrics) await expectText(metricValue(page, label), aNumber);
}

/** Waits until every Seller Central figure shows `text` (a number pattern or the dash). */
export async function expectSellerCentralFigures(page: Page, text: string | RegExp): Promise<void> {
  for (const label of sellerCentralMetrics) await expectText(metricValue(page, label), text);
}

/** Goes to a page through the top bar's navigation. */
export async function goTo(page: Page, link: 'Dashboard' | 'Connections'): Promise<void> {
  await page.getByRole('navigation', { name: 'Smart Ads' }).getByRole('link', { name: link }).click();
  await page
    .getByRole('heading', { level: 1, name: link === 'Dashboard' ? 'Ads Optimiser' : 'Connections' })
    .waitFor();
}

/** A connection's section on the connections page. */
export function connectionSection(
  page: Page,
  title: 'Amazon Advertising' | 'Seller Central (SP-API)',
): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** Connects Amazon Advertising, then Seller Central, and waits until every figure shows a number. */
export async function connectBoth(page: Page, who: AmazonSignIn): Promise<void> {
  await connectFromDropdown(page, 'Amazon Advertising', who);
  await expectAdvertisingFigures(page);
  await connectFromDropdown(page, 'Seller Central', who);
  await expectSellerCentralFigures(page, aNumber);
}

/** Disconnects Amazon Advertising on the Connections page, confirming the prompt, and waits until it is gone. */
export async function disconnectAdvertising(page: Page): Promise<void> {
  await goTo(page, 'Connections');
  await connectionSection(page, 'Amazon Advertising')
    .getByRole('button', { name: 'Disconnect Amazon Advertising' })
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
  await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), 'Not connected');
}
