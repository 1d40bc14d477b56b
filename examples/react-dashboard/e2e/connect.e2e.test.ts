import { describe, expect, it } from 'vitest';
import {
  advertisingMetrics,
  aNumber,
  connectFromDropdown,
  dash,
  expectAdvertisingFigures,
  expectFocusOn,
  expectSellerCentralFigures,
  expectText,
  featurePanels,
  metricValue,
  openAccountMenu,
  panel,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

describe('connecting through Amazon', () => {
  it('starts with nothing connected: dashes, and every feature says to connect Amazon Advertising', async () => {
    const page = await suite.open();
    await expectText(page.locator('.account-button .account-name'), 'No Amazon account connected');
    for (const label of advertisingMetrics) await expectText(metricValue(page, label), dash);
    await expectSellerCentralFigures(page, dash);
    for (const title of featurePanels) {
      await expectText(panel(page, title).locator('.stopped'), `Connect Amazon Advertising to see ${title}.`);
    }
  });

  it('connects Amazon Advertising through the sign-in and consent pages, then Seller Central', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;

    const menu = await openAccountMenu(page);
    await menu.getByRole('button', { name: 'Connect Amazon Advertising' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.example().mock.url);
    await saveScreenshot(page, 'amazon-sign-in');
    await page.goBack();
    await connectFromDropdown(page, 'Amazon Advertising', users.default);

    // Back on the dashboard, on the page the user started from, with the account in the top bar.
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    await expectText(page.locator('.account-button .account-name'), 'Acme Home & Kitchen');
    await expectAdvertisingFigures(page);
    await expectSellerCentralFigures(page, dash);
    await expectText(page.locator('.account-button .pill'), 'Connected');
    await expectText(
      panel(page, 'Suggestions')
        .getByRole('button', { name: /^Apply/ })
        .first(),
      /Apply/,
    );

    await connectFromDropdown(page, 'Seller Central', users.default);
    await page.waitForURL((url) => url.pathname === '/');
    await expectSellerCentralFigures(page, aNumber);
    await expectAdvertisingFigures(page);
    await expect(page.getByRole('table').getByRole('row').count()).resolves.toBeGreaterThan(2);
    const menuAfter = await openAccountMenu(page);
    // Seller Central is named by its marketplaces, never by the opaque selling partner id.
    await expectText(menuAfter.locator('dd').nth(1), 'Connected · North America (US, CA)');
    // Escape closes the menu and gives the focus back to its button.
    await page.keyboard.press('Escape');
    await menuAfter.waitFor({ state: 'hidden' });
    await expectFocusOn(
      page,
      page.getByRole('button', { name: /^Amazon accounts menu: Acme Home & Kitchen/ }),
    );
    await expect(page.locator('.account-button').getAttribute('aria-expanded')).resolves.toBe('false');
    await saveScreenshot(page, 'dashboard-connected');
  });

  it('suggests the three biggest ad spenders, with the amounts of the per-ASIN table', async () => {
    const page = await suite.open();
    await connectFromDropdown(page, 'Amazon Advertising', suite.example().mock.amazon.users.default);
    const suggestions = panel(page, 'Suggestions').getByRole('listitem');
    await expectText(suggestions.first(), /^Lower the bids of \S+: it spent \$[\d,.]+ on ads/);
    const spent: { asin: string; text: string }[] = [];
    for (const row of await page.getByRole('table').getByRole('row').all()) {
      if ((await row.getByRole('rowheader').count()) === 0) continue;
      const asin = (await row.getByRole('rowheader').textContent())?.trim() ?? '';
      const text = (await row.getByRole('cell').first().textContent())?.trim() ?? '';
      spent.push({ asin, text });
    }
    const amount = (text: string) => Number(text.replace(/[^\d.]/g, ''));
    const biggest = spent.sort((a, b) => amount(b.text) - amount(a.text)).slice(0, 3);
    expect(biggest.length).toBeGreaterThan(0);
    const shown = (await suggestions.allTextContents()).map((text) =>
      text.replace(/Apply to \S+$/, '').trim(),
    );
    expect(shown).toEqual(
      biggest.map(
        ({ asin, text }) => `Lower the bids of ${asin}: it spent ${text} on ads in the last 7 days.`,
      ),
    );
  });

  it('lets a login that sees several advertising accounts pick the one to connect', async () => {
    const page = await suite.open();
    await connectFromDropdown(page, 'Amazon Advertising', suite.example().mock.amazon.users.multipleAccounts);
    const chooser = page.getByRole('region', { name: 'Choose the Amazon Advertising account to connect' });
    await chooser.waitFor();
    const names = await chooser.getByRole('listitem').getByRole('button').allTextContents();
    expect(names).toEqual([
      'Northwind Outdoors',
      'Contoso Brands',
      'Tailspin Toys (managed by Fabrikam Agency)',
    ]);
    await chooser.getByRole('button', { name: 'Northwind Outdoors' }).click();
    await expectText(page.locator('.account-button .account-name'), 'Northwind Outdoors');
    await expectAdvertisingFigures(page);
    expect(await chooser.count()).toBe(0);
  });
});
