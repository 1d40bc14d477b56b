import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInOnAmazon } from './support/amazon-pages.ts';
import {
  aNumber,
  connectBoth,
  dash,
  expectText,
  metricValue,
  openAccountMenu,
  sellerCentralMetrics,
  uiTimeout,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

const switcher = (page: Page) => page.getByRole('combobox', { name: 'Marketplace' });
const euros = /^€[\d,]+(\.\d+)?$/;
const dollars = /^\$[\d,]+(\.\d+)?$/;

async function expectSellerCentral(page: Page, totalSales: RegExp | string, others: RegExp | string) {
  for (const label of sellerCentralMetrics)
    await expectText(metricValue(page, label), label === 'Total Sales' ? totalSales : others);
}

describe('Seller Central in every region of the account', () => {
  it('Germany shows the dash and "Connect Seller Central for Europe"; after the EU consent its figures show in EUR, the US keeps its own; disconnecting Europe brings the dash back to Germany only', async () => {
    const page = await suite.open();
    const acme = suite.example().mock.amazon.users.default;
    await connectBoth(page, acme);

    // Seller Central is authorised for North America: Germany's Seller Central figures are the dash, with why.
    await switcher(page).selectOption({ label: 'Germany (EUR)' });
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in Germany (EUR)');
    await expectSellerCentral(page, dash, dash);
    const notice = page.locator('.region-notice');
    await expectText(notice.locator('p'), /Seller Central is not connected for Germany/);
    const connectEurope = notice.getByRole('button', { name: 'Connect Seller Central for Europe' });

    // Amazon's European consent page (the region's own), then back to Germany with its figures.
    await connectEurope.click();
    await page.waitForURL((url) => url.pathname.includes('/sellercentral/'));
    expect(page.url()).toMatch(/europe|\/eu\b|region=eu/i);
    await signInOnAmazon(page, acme);
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in Germany (EUR)');
    await expectSellerCentral(page, euros, aNumber);
    await expect.poll(() => notice.count(), { timeout: uiTimeout }).toBe(0);

    // The dropdown lists both regions, each with its own disconnect.
    const menu = await openAccountMenu(page);
    await expectText(
      menu.locator('.account-facts dd').nth(1),
      /^Connected(, data populating)? · North America \(US, CA\) · Europe \((UK|GB), DE\)$/,
    );
    const regions = menu.getByRole('list', { name: 'Seller Central regions' });
    await expect.poll(() => regions.locator('li').count(), { timeout: uiTimeout }).toBe(2);
    await saveScreenshot(page, 'seller-central-regions');

    // The US is unaffected: its own figures, in dollars.
    await page.keyboard.press('Escape');
    await switcher(page).selectOption({ label: 'United States (USD)' });
    await expectSellerCentral(page, dollars, aNumber);

    // Disconnect Europe: Germany is back to the dash, the US keeps its values.
    const menuAgain = await openAccountMenu(page);
    await menuAgain.getByRole('button', { name: 'Disconnect Europe' }).click();
    await expectText(menuAgain.locator('.account-facts dd').nth(1), /· North America \(US, CA\)$/);
    await page.keyboard.press('Escape');
    await expectSellerCentral(page, dollars, aNumber);
    await switcher(page).selectOption({ label: 'Germany (EUR)' });
    await expectSellerCentral(page, dash, dash);
    await expectText(notice.locator('p'), /Seller Central is not connected for Germany/);

    // The connection history names the region.
    await page
      .getByRole('navigation', { name: 'Smart Ads' })
      .getByRole('link', { name: 'Connections' })
      .click();
    const history = page.getByRole('region', { name: 'Connection history' });
    await expectText(history.locator('li').first(), /Disconnected: Seller Central \(Europe\)/);
  });
});
