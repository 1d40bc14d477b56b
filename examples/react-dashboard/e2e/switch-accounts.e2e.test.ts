import { describe, expect, it } from 'vitest';
import {
  connectFromDropdown,
  connectionSection,
  disconnectAdvertising,
  expectAdvertisingFigures,
  expectText,
  goTo,
  openAccountMenu,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

const oneAccount =
  'Your subscription supports one Amazon Advertising account at a time. Disconnect the current account first, then connect the new one.';

describe('switching accounts', () => {
  it('says one account at a time, then disconnecting the old one lets the new one connect', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;
    await connectFromDropdown(page, 'Amazon Advertising', users.default);
    await expectText(page.locator('.account-button .account-name'), 'Acme Home & Kitchen');

    const menu = await openAccountMenu(page);
    const connect = menu.getByRole('button', { name: 'Connect Amazon Advertising' });
    await expectText(menu.locator('.hint').first(), oneAccount);
    // It looks unavailable: greyed out with a dashed border, unlike an item that works.
    const look = (name: string) =>
      menu.getByRole('button', { name, exact: true }).evaluate((element) => {
        const style = getComputedStyle(element);
        return { background: style.backgroundColor, border: style.borderTopStyle, cursor: style.cursor };
      });
    await expect(connect.getAttribute('aria-disabled')).resolves.toBe('true');
    const blocked = await look('Connect Amazon Advertising');
    expect(blocked).toMatchObject({ border: 'dashed', cursor: 'not-allowed' });
    const working = await look('Connect Seller Central');
    expect(working).toMatchObject({ border: 'solid', cursor: 'pointer' });
    expect(blocked.background).not.toBe(working.background);
    // The option is marked unavailable but still reachable: pressing it says why instead of going to Amazon.
    await connect.focus();
    await page.keyboard.press('Enter');
    await expectText(
      page.getByRole('alert').filter({ hasText: 'one Amazon Advertising account' }).locator('p'),
      oneAccount,
    );
    // Refused before any redirect: still on the dashboard.
    expect(new URL(page.url()).origin).toBe(suite.example().url);
    await saveScreenshot(page, 'one-account-rule');

    await disconnectAdvertising(page);

    await connectFromDropdown(page, 'Amazon Advertising', users.otherAccount);
    await page.waitForURL((url) => url.pathname === '/connections');
    await expectText(
      connectionSection(page, 'Amazon Advertising').locator('dd').nth(1),
      'Globex Garden Supply',
    );
    await expectText(page.locator('.account-button .account-name'), 'Globex Garden Supply');
    await goTo(page, 'Dashboard');
    await expectAdvertisingFigures(page);
  });
});
