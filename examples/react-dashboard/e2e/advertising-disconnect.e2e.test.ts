import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advertisingMetrics,
  aNumber,
  connectBoth,
  connectionSection,
  dash,
  expectAdvertisingFigures,
  expectFocusOn,
  expectSellerCentralFigures,
  expectText,
  featurePanels,
  goTo,
  metricValue,
  panel,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

async function askToDisconnect(page: Page) {
  await connectionSection(page, 'Amazon Advertising')
    .getByRole('button', { name: 'Disconnect Amazon Advertising' })
    .click();
  const dialog = page.getByRole('alertdialog', {
    name: 'Disconnect the Amazon Advertising account “Acme Home & Kitchen”?',
  });
  await dialog.waitFor();
  return dialog;
}

const focusIsInside = (page: Page) =>
  page.evaluate(() => document.querySelector('dialog[open]')?.contains(document.activeElement) ?? false);

async function expectStillConnected(page: Page) {
  await page.getByRole('alertdialog').waitFor({ state: 'hidden' });
  await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), 'Connected');
  await expectText(connectionSection(page, 'Seller Central (SP-API)').locator('.pill'), 'Connected');
}

describe('the confirmed Amazon Advertising disconnect', () => {
  it('asks first: the prompt keeps focus, Escape and Cancel change nothing, Disconnect stops everything', async () => {
    const page = await suite.open();
    await connectBoth(page, suite.example().mock.amazon.users.default);
    await goTo(page, 'Connections');

    const dialog = await askToDisconnect(page);
    await expectText(
      dialog.locator('p'),
      /removes the account's connection and stops all Ads Optimiser functionality for that account/,
    );
    expect(await focusIsInside(page)).toBe(true);
    await saveScreenshot(page, 'disconnect-dialog');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusIsInside(page)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsInside(page)).toBe(true);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectStillConnected(page);

    await (await askToDisconnect(page)).getByRole('button', { name: 'Cancel' }).click();
    await expectStillConnected(page);
    await goTo(page, 'Dashboard');
    await expectAdvertisingFigures(page);
    await expectSellerCentralFigures(page, aNumber);

    await goTo(page, 'Connections');
    await (await askToDisconnect(page)).getByRole('button', { name: 'Disconnect' }).click();
    await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), 'Not connected');
    // Focus does not get lost with the removed Disconnect button: it lands on the Connect button in its place.
    await expectFocusOn(
      page,
      connectionSection(page, 'Amazon Advertising').getByRole('button', {
        name: 'Connect Amazon Advertising',
      }),
    );
    // The Seller Central layer goes with it.
    await expectText(connectionSection(page, 'Seller Central (SP-API)').locator('.pill'), 'Not connected');

    await goTo(page, 'Dashboard');
    for (const label of advertisingMetrics) await expectText(metricValue(page, label), dash);
    await expectSellerCentralFigures(page, dash);
    for (const title of featurePanels) {
      await expectText(panel(page, title).locator('.stopped'), `Connect Amazon Advertising to see ${title}.`);
    }
    await page
      .getByRole('button', { name: /^Apply/ })
      .first()
      .waitFor({ state: 'hidden' });
    await expectText(page.locator('.account-button .account-name'), 'No Amazon account connected');
    await saveScreenshot(page, 'advertising-disconnected');
  });
});
