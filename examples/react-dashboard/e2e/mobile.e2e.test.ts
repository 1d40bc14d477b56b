import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advertisingMetrics,
  aNumber,
  connectBoth,
  connectionSection,
  dash,
  expectAdvertisingFigures,
  expectSellerCentralFigures,
  expectText,
  featurePanels,
  goTo,
  metricValue,
  openAccountMenu,
  panel,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { phoneViewport, setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

/** Fails unless the whole box of `locator` is inside the window. */
async function expectInsideViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${locator} is not rendered`).not.toBeNull();
  if (!box) return;
  const { width, height } = page.viewportSize() ?? phoneViewport;
  expect(box.x, `${locator} starts left of the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${locator} ends right of the window`).toBeLessThanOrEqual(width);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
}

/** Nothing is wider than the phone: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

describe('on a phone (390 × 844)', () => {
  it('the account dropdown stays on screen and connects both accounts; the soft disconnect and its reconnect work', async () => {
    const page = await suite.open('/', { viewport: phoneViewport });
    const { users } = suite.example().mock.amazon;
    await expectNoSidewaysScroll(page);
    await expectInsideViewport(page, page.locator('.account-button'));
    const menu = await openAccountMenu(page);
    await expectInsideViewport(page, menu);
    await expectInsideViewport(page, menu.getByRole('button', { name: 'Connect Amazon Advertising' }));
    await page.keyboard.press('Escape');

    await connectBoth(page, users.default);
    await expectNoSidewaysScroll(page);
    const connectedMenu = await openAccountMenu(page);
    await expectInsideViewport(page, connectedMenu);
    await expectText(connectedMenu.locator('dd').nth(0), 'Acme Home & Kitchen: Connected');
    await expectText(connectedMenu.locator('dd').nth(1), 'Connected · North America (US, CA)');
    await saveScreenshot(page, 'mobile-account-menu');
    await page.keyboard.press('Escape');

    await goTo(page, 'Connections');
    await expectNoSidewaysScroll(page);
    await connectionSection(page, 'Seller Central (SP-API)')
      .getByRole('button', { name: 'Disconnect Seller Central' })
      .click();
    await expectText(connectionSection(page, 'Seller Central (SP-API)').locator('.pill'), 'Not connected');
    await goTo(page, 'Dashboard');
    await expectSellerCentralFigures(page, dash);
    await expectAdvertisingFigures(page);
    const notice = page.locator('.notice-done');
    await expectText(
      notice.locator('p').nth(2),
      'No data is deleted. Once you reconnect, these fields begin populating again.',
    );
    await expectInsideViewport(page, notice);
    await expectNoSidewaysScroll(page);
    await saveScreenshot(page, 'mobile-seller-central-disconnected');

    // Reconnect from the dropdown, as the help article says, on the phone.
    const again = await openAccountMenu(page);
    await again.getByRole('button', { name: 'Connect Seller Central' }).click();
    await page.waitForURL((url) => url.pathname.includes('/sellercentral/'));
    await page.getByLabel('Email or mobile phone number').fill(users.default.email);
    await page.getByLabel('Password').fill(users.default.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('form[name="consent"]').getByRole('button', { name: 'Confirm' }).click();
    await expectSellerCentralFigures(page, aNumber);
    expect(await notice.count()).toBe(0);
  });

  it('the Amazon Advertising disconnect prompt fits the screen, and confirming it stops everything', async () => {
    const page = await suite.open('/', { viewport: phoneViewport });
    await connectBoth(page, suite.example().mock.amazon.users.default);
    await goTo(page, 'Connections');
    await connectionSection(page, 'Amazon Advertising')
      .getByRole('button', { name: 'Disconnect Amazon Advertising' })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await expectInsideViewport(page, dialog);
    await expectInsideViewport(page, dialog.getByRole('button', { name: 'Disconnect' }));
    await saveScreenshot(page, 'mobile-disconnect-dialog');
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), 'Not connected');

    await goTo(page, 'Dashboard');
    for (const label of advertisingMetrics) await expectText(metricValue(page, label), dash);
    await expectSellerCentralFigures(page, dash);
    for (const title of featurePanels) {
      await expectText(panel(page, title).locator('.stopped'), `Connect Amazon Advertising to see ${title}.`);
    }
    await expectNoSidewaysScroll(page);
  });
});
