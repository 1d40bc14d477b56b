import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoRates } from '../server/demo-rates.ts';
import { connectBoth, dash, expectText, uiTimeout } from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

// The example servers started with the demo's fixed conversion table (what `--demo-rates` turns on).
const suite = setUpExampleSuite({ currencyConversion: demoRates });

/** An amount as en-US writes it (`$1,234.56`, `CA$…`, `£…`, `€…`) as a number. */
const amount = (text: string) => Number(text.replace(/^[^\d]+/, '').replaceAll(',', ''));

/** The all-marketplaces answer the app fetched last, fetched again from the page (same cookie, same range). */
async function lastAllMarketplacesAnswer(page: Page, urls: readonly string[]) {
  const url = urls.at(-1);
  if (!url) throw new Error('the app never asked for every marketplace');
  return page.evaluate(async (href) => (await fetch(href)).json(), url) as Promise<{
    conversion?: { currency: string; rateDate: string; rates: Record<string, number> };
    metrics: Record<string, { value: number | null; reason: string | null }>;
    totals: { currency: string; metrics: Record<string, { value: number | null }> }[];
  }>;
}

describe('the all-marketplaces view with the host’s conversion', () => {
  it('shows one total in US dollars at the rates of their date beside the per-currency totals: the sum of each currency’s total at its rate, ratios from the converted sums', async () => {
    const page = await suite.open();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/metrics?') && request.url().includes('marketplace=all'))
        asked.push(request.url());
    });
    await connectBoth(page, suite.example().mock.amazon.users.default);
    await page.getByRole('combobox', { name: 'Marketplace' }).selectOption({ label: 'All marketplaces' });
    const totals = page.getByRole('region', { name: 'Last 7 days, all marketplaces' });
    // The per-currency columns stay; the converted total is one more column, never instead of them.
    await expect
      .poll(() => totals.locator('thead th').allTextContents(), { timeout: uiTimeout })
      .toEqual(['Figure', 'USD US', 'CAD CA', 'GBP UK', 'EUR DE', 'All, in USD converted']);
    await expectText(
      totals.locator('.rate-date'),
      `The last column converts every amount to USD at the host's rates of ${demoRates.rateDate} before adding them up; its ratios come from the converted sums.`,
    );
    await expect
      .poll(() => totals.locator('tbody').textContent(), { timeout: uiTimeout })
      .not.toContain('Populating');
    const row = (label: string) =>
      totals
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
        .locator('td');

    // One snapshot of the row (one render): USD, CAD, GBP, EUR, then the converted total.
    const spend = (await row('Ad spend').allTextContents()).map(amount);
    const rate = { USD: 1, ...demoRates.rates } as Record<string, number>;
    const expected = ['USD', 'CAD', 'GBP', 'EUR'].reduce(
      (sum, currency, index) => sum + (spend[index] ?? Number.NaN) * (rate[currency] ?? Number.NaN),
      0,
    );
    // Each shown amount is rounded to the cent: the sum of four of them at their rates is within 3 cents.
    expect(Math.abs((spend[4] ?? Number.NaN) - expected)).toBeLessThan(0.03);
    // Total Sales is not covered in the UK and Germany: no converted total that silently leaves them out.
    await expectText(row('Total Sales').nth(4), dash);

    // The answer behind it: the rates and their date, Ad spend and ACoS from the converted sums (not averaged).
    const answer = await lastAllMarketplacesAnswer(page, asked);
    expect(answer.conversion).toEqual({
      currency: 'USD',
      rateDate: demoRates.rateDate,
      rates: { USD: 1, CAD: rate.CAD, GBP: rate.GBP, EUR: rate.EUR },
    });
    let convertedSpend = 0;
    let convertedAdSales = 0;
    for (const total of answer.totals) {
      const spent = total.metrics.adSpend?.value ?? Number.NaN;
      convertedSpend += spent * (rate[total.currency] ?? Number.NaN);
      convertedAdSales +=
        spent * (total.metrics.roas?.value ?? Number.NaN) * (rate[total.currency] ?? Number.NaN);
    }
    expect(answer.metrics.adSpend?.value).toBeCloseTo(convertedSpend, 2);
    expect(answer.metrics.acos?.value).toBeCloseTo((convertedSpend / convertedAdSales) * 100, 1);
    await saveScreenshot(page, 'marketplaces-all-converted');
  });
});
