import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advertisingMetrics,
  connectBoth,
  dash,
  expectFocusOn,
  expectText,
  metricValue,
  sellerCentralMetrics,
  uiTimeout,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

/** Money in one currency as en-US writes it: `$1,234.56`, `CA$1,234.56`, `£…`, `€…`. */
const money = (symbol: string) => new RegExp(`^${symbol.replaceAll('$', '\\$')}[\\d,]+(\\.\\d+)?$`);
const aRatio = /^[\d,]+(\.\d+)?(%|x)?$/;

const switcher = (page: Page) => page.getByRole('combobox', { name: 'Marketplace' });

async function choose(page: Page, label: string): Promise<void> {
  await switcher(page).selectOption({ label });
}

/**
 * The Ads figures show values (ad spend in `symbol`); the Seller Central ones values too (Total Sales in `symbol`),
 * or all the dash.
 */
async function expectFigures(
  page: Page,
  symbol: string,
  sellerCentral: 'values' | typeof dash,
): Promise<void> {
  await expectText(metricValue(page, 'Ad spend'), money(symbol));
  for (const label of advertisingMetrics.filter((label) => label !== 'Ad spend'))
    await expectText(metricValue(page, label), aRatio);
  for (const label of sellerCentralMetrics)
    await expectText(
      metricValue(page, label),
      sellerCentral === dash ? dash : label === 'Total Sales' ? money(symbol) : aRatio,
    );
}

describe('every marketplace of the connected account', () => {
  it("Acme's four marketplaces: switching changes the figures and the currency; the UK and Germany show the dash with the reason on Seller Central figures; the choice survives a reload", async () => {
    const page = await suite.open();
    await connectBoth(page, suite.example().mock.amazon.users.default);

    await expect
      .poll(() => switcher(page).locator('option').allTextContents(), { timeout: uiTimeout })
      .toEqual([
        'United States (USD)',
        'Canada (CAD)',
        'United Kingdom (GBP)',
        'Germany (EUR)',
        'All marketplaces',
      ]);
    // Home first, and selected.
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in United States (USD)');
    await expectFigures(page, '$', 'values');
    const usSpend = await metricValue(page, 'Ad spend').textContent();

    // The keyboard reaches the switcher and moves through it (a native select: screen readers know it).
    await switcher(page).focus();
    await expectFocusOn(page, switcher(page));
    await page.keyboard.press('ArrowDown');
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in Canada (CAD)');
    await expectFigures(page, 'CA$', 'values');
    expect(await metricValue(page, 'Ad spend').textContent()).not.toBe(usSpend);

    await choose(page, 'Germany (EUR)');
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in Germany (EUR)');
    await expectFigures(page, '€', dash);
    for (const label of sellerCentralMetrics)
      await expectText(
        page.getByRole('region', { name: label, exact: true }).locator('.hint'),
        /Seller Central is not connected for Germany/,
      );
    // The per-ASIN table: ad spend in euros, the Seller Central columns the dash.
    const firstRow = page.getByRole('region', { name: 'Per-ASIN TACoS' }).locator('tbody tr').first();
    await expectText(firstRow.locator('td').nth(0), money('€'));
    await expectText(firstRow.locator('td').nth(1), dash);
    await saveScreenshot(page, 'marketplace-germany');

    await choose(page, 'United Kingdom (GBP)');
    await expectFigures(page, '£', dash);
    await expectText(
      page.getByRole('region', { name: 'Total Sales', exact: true }).locator('.hint'),
      /Seller Central is not connected for the United Kingdom/,
    );

    await page.reload();
    await expectText(page.locator('#metrics-heading'), 'Last 7 days in United Kingdom (GBP)');
    expect(
      await switcher(page).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text),
    ).toBe('United Kingdom (GBP)');
    await expectFigures(page, '£', dash);

    await choose(page, 'United States (USD)');
    await expectFigures(page, '$', 'values');
    expect(await metricValue(page, 'Ad spend').textContent()).toBe(usSpend);
  });

  it('the all-marketplaces view shows per-currency totals side by side, never one sum over currencies', async () => {
    const page = await suite.open();
    await connectBoth(page, suite.example().mock.amazon.users.default);
    await choose(page, 'All marketplaces');
    const totals = page.getByRole('region', { name: 'Last 7 days, all marketplaces' });
    await expect
      .poll(() => totals.locator('thead th').allTextContents(), { timeout: uiTimeout })
      .toEqual(['Figure', 'USD US', 'CAD CA', 'GBP UK', 'EUR DE']);
    const row = (label: string) =>
      totals.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    const adSpend = row('Ad spend').locator('td');
    await expectText(adSpend.nth(0), money('$'));
    await expectText(adSpend.nth(1), money('CA$'));
    await expectText(adSpend.nth(2), money('£'));
    await expectText(adSpend.nth(3), money('€'));
    const totalSales = row('Total Sales').locator('td');
    await expectText(totalSales.nth(0), money('$'));
    await expectText(totalSales.nth(1), money('CA$'));
    await expectText(totalSales.nth(2), dash);
    await expectText(totalSales.nth(3), dash);
    await expectText(
      totals.locator('p.hint').filter({ hasText: 'Germany' }),
      /Seller Central is not connected for Germany/,
    );
    // Every figure of the four columns arrives (no "Populating…" left), then the picture.
    await expect
      .poll(() => totals.locator('tbody').textContent(), { timeout: uiTimeout })
      .not.toContain('Populating');
    // Without the host's conversion: no converted total, no rate date.
    expect(await totals.locator('thead th').allTextContents()).not.toContain('All, in USD converted');
    expect(await totals.locator('.rate-date').count()).toBe(0);
    await saveScreenshot(page, 'marketplaces-all');
  });
});
