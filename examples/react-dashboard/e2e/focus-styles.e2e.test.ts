import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  connectBoth,
  connectFromDropdown,
  connectionSection,
  expectAdvertisingFigures,
  expectText,
  goTo,
} from './support/dashboard.ts';
import { expectEveryStopShowsFocus, expectVisibleFocus, tabThrough } from './support/focus.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

/** Tabs through the whole page and returns the names of the stops (each checked for a visible indicator). */
async function walk(page: Page): Promise<string[]> {
  return (await expectEveryStopShowsFocus(page)).map((stop) => stop.name);
}

describe('every interactive element shows where the keyboard focus is', () => {
  it('on the dashboard and in the account dropdown, before and after connecting', async () => {
    const page = await suite.open();
    expect(await walk(page)).toEqual([
      'a "Dashboard"',
      'a "Connections"',
      'button "Amazon accounts menu: No Amazon account connectedNot connected"',
    ]);

    // The dropdown opened from the keyboard: its items, the unavailable one included, and the link.
    await page.locator('.account-button').focus();
    await page.keyboard.press('Enter');
    await page.locator('.account-menu').waitFor();
    const menu = await tabThrough(page, { stop: (name) => name === 'a "Manage connections"' });
    expectVisibleFocus(menu);
    expect(menu.map((stop) => stop.name)).toEqual([
      'button "Amazon accounts menu: No Amazon account connectedNot connected"',
      'button "Connect Amazon Advertising"',
      'button "Connect Seller Central"',
      'a "Manage connections"',
    ]);
    await page.keyboard.press('Escape');

    const { users } = suite.example().mock.amazon;
    await connectFromDropdown(page, 'Amazon Advertising', users.default);
    await expectAdvertisingFigures(page);
    const connected = await walk(page);
    expect(connected.filter((name) => name.startsWith('button "Apply')).length).toBeGreaterThan(0);
  });

  it('on the connections page, in the notices and in the confirmation prompt, opened with the mouse', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;
    await connectBoth(page, users.default);

    // The one-account refusal notice: Manage connections, Dismiss.
    await page.locator('.account-button').click();
    await page.locator('.account-menu').getByRole('button', { name: 'Connect Amazon Advertising' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.notice-refusal').waitFor();
    const withRefusal = await walk(page);
    expect(withRefusal).toContain('button "Dismiss"');

    await goTo(page, 'Connections');
    await walk(page);

    // The soft-disconnect notice and the Connect button that replaces Disconnect.
    await connectionSection(page, 'Seller Central (SP-API)')
      .getByRole('button', { name: 'Disconnect Seller Central' })
      .click();
    await page
      .getByText('No data is deleted. Once you reconnect, these fields begin populating again.')
      .waitFor();
    expect(await walk(page)).toContain('button "Connect Seller Central"');

    // The prompt opened with a mouse click: the focused Cancel button shows the ring at once, before any key.
    await connectionSection(page, 'Amazon Advertising')
      .getByRole('button', { name: 'Disconnect Amazon Advertising' })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const opened = await tabThrough(page, { max: 0 });
    expect(opened.map((stop) => stop.name)).toEqual(['button "Cancel"']);
    expectVisibleFocus(opened);
    // Tab stays inside the prompt, on its two buttons.
    expect(await walk(page)).toEqual(['button "Cancel"', 'button "Disconnect"']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('in the account chooser, the troubleshooting notices and the support page', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;
    await connectFromDropdown(page, 'Amazon Advertising', users.multipleAccounts);
    await page.getByRole('region', { name: 'Choose the Amazon Advertising account to connect' }).waitFor();
    expect(await walk(page)).toContain('button "Northwind Outdoors"');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await connectFromDropdown(page, 'Amazon Advertising', { ...users.default, grant: false });
    await expectText(page.locator('.notice-trouble .notice-title'), /loops back to the sign-in page/);
    expect(await walk(page)).toContain('button "Connect Amazon Advertising again"');

    await page.goto(new URL('/support', suite.example().url).href);
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    await walk(page);
  });
});
