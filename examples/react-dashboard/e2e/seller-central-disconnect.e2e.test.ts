import { describe, expect, it } from 'vitest';
import {
  aNumber,
  connectBoth,
  connectFromDropdown,
  connectionSection,
  dash,
  expectAdvertisingFigures,
  expectFocusOn,
  expectSellerCentralFigures,
  expectText,
  goTo,
  metricValue,
  panel,
  sellerCentralMetrics,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

describe('the soft Seller Central disconnect', () => {
  it('is immediate; the six Seller Central figures show a dash while the Ads Optimiser keeps working; a reconnect brings them back', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;
    await connectBoth(page, users.default);

    await goTo(page, 'Connections');
    const seller = connectionSection(page, 'Seller Central (SP-API)');
    // Before: the button says what it does, in the help article's words.
    await expectText(
      seller.locator('.action-note'),
      'Immediate, no confirmation. The Ads Optimiser keeps working; the six Seller Central figures show a dash until you reconnect. No data is deleted.',
    );
    await seller.getByRole('button', { name: 'Disconnect Seller Central' }).click();
    // No confirmation prompt for this type: that one click, and nothing else, disconnects it, and the focus moves
    // to the Connect button that replaces the Disconnect one.
    await expectText(seller.locator('.pill'), 'Not connected');
    // After: what stopped, what keeps working, and that no data was deleted.
    const done = page.getByRole('status').filter({ hasText: 'Seller Central disconnected' });
    await expectText(
      done.locator('p').nth(1),
      'Everything in the Ads Optimiser keeps working. Total Sales, Total Orders, Sessions, Buy Box %, Listing CVR and TACoS show a dash (–) until you reconnect Seller Central.',
    );
    await expectText(
      done.locator('p').nth(2),
      'No data is deleted. Once you reconnect, these fields begin populating again.',
    );
    await expectFocusOn(page, seller.getByRole('button', { name: 'Connect Seller Central' }));
    await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), 'Connected');

    await goTo(page, 'Dashboard');
    await expectSellerCentralFigures(page, dash);
    for (const label of sellerCentralMetrics) {
      await expectText(
        page.getByRole('region', { name: label, exact: true }).locator('.hint'),
        `Connect Seller Central to see ${label}.`,
      );
    }
    // What keeps working: ad spend, ACoS, ROAS, Suggestions and Apply actions, AI Insights, Rules.
    await expectAdvertisingFigures(page);
    await expect(
      panel(page, 'Suggestions')
        .getByRole('button', { name: /^Apply/ })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await expectText(
      panel(page, 'AI Insights').locator('li').first(),
      /^Your ads returned [\d.]+x their cost/,
    );
    // The missing TACoS is a note under the insights, not an insight.
    await expect(panel(page, 'AI Insights').locator('li').count()).resolves.toBe(1);
    await expectText(
      panel(page, 'AI Insights').locator('.insight-note'),
      'No TACoS insight: Connect Seller Central to see TACoS.',
    );
    await expectText(panel(page, 'Rules').locator('li').first(), /Active$/);
    // The per-ASIN TACoS table keeps its ad spend; total sales and TACoS show the dash.
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    await expectText(firstRow.getByRole('cell').nth(0), aNumber);
    await expectText(firstRow.getByRole('cell').nth(1), dash);
    await expectText(firstRow.getByRole('cell').nth(2), dash);
    await saveScreenshot(page, 'seller-central-disconnected');

    // Reconnect from the account dropdown: no data was deleted, the fields populate again.
    await connectFromDropdown(page, 'Seller Central', users.default);
    await expectSellerCentralFigures(page, aNumber);
    await expectText(metricValue(page, 'TACoS'), /%$/);
    await expectText(firstRow.getByRole('cell').nth(2), /%$/);
    await expectText(
      panel(page, 'AI Insights').locator('li').nth(1),
      /^Advertising cost [\d.]+% of your total sales/,
    );
    expect(await done.locator('.notice').count()).toBe(0);
  });
});

describe('a network failure in the middle of a disconnect', () => {
  it('leaves the connection as it was, says the disconnect did not go through, and the retry disconnects', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;
    await connectBoth(page, users.default);
    await goTo(page, 'Connections');
    const seller = connectionSection(page, 'Seller Central (SP-API)');

    // The next disconnect request dies on the network, as a dropped connection would.
    let dropped = 0;
    await page.route('**/api/amazon/disconnect', async (route) => {
      if (dropped++ === 0) return route.abort('connectionreset');
      return route.continue();
    });
    await seller.getByRole('button', { name: 'Disconnect Seller Central' }).click();
    const notice = page.locator('[data-code="network_error"]');
    await expectText(notice.locator('.notice-title'), 'Seller Central: The disconnect did not go through');
    await expectText(seller.locator('.pill'), 'Connected');
    await goTo(page, 'Dashboard');
    await expectSellerCentralFigures(page, aNumber);

    await notice.getByRole('button', { name: 'Disconnect Seller Central again' }).click();
    await goTo(page, 'Connections');
    await expectText(seller.locator('.pill'), 'Not connected');
    expect(dropped).toBe(2);
    await page.unroute('**/api/amazon/disconnect');
  });
});
