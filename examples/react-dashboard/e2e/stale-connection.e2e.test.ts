import { errorCatalogue } from '@smart-ads/core';
import { describe, expect, it } from 'vitest';
import { signInOnAmazon } from './support/amazon-pages.ts';
import {
  advertisingMetrics,
  connectFromDropdown,
  connectionSection,
  dash,
  expectAdvertisingFigures,
  expectText,
  goTo,
  metricValue,
  openAccountMenu,
  panel,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();

describe('a stale connection', () => {
  it('after a password change on Amazon shows as stopped working; reconnecting with the new password fixes it', async () => {
    const page = await suite.open();
    const { amazon } = suite.example().mock;
    await connectFromDropdown(page, 'Amazon Advertising', amazon.users.default);
    await expectAdvertisingFigures(page);

    // The seller changes their Amazon password (the mock's scenario, as through its /__mock control endpoint).
    const newPassword = amazon.scenarios.changePassword(amazon.users.default.email);

    await expectText(page.locator('.account-button .pill'), 'Stopped working: reconnect');
    for (const label of advertisingMetrics) {
      await expectText(metricValue(page, label), dash);
      await expectText(
        page.getByRole('region', { name: label, exact: true }).locator('.hint'),
        `The Amazon Advertising connection stopped working: reconnect it to see ${label}.`,
      );
    }
    await expectText(
      panel(page, 'Rules').locator('.stopped'),
      'The Amazon Advertising connection stopped working: reconnect it to see Rules.',
    );
    // The view model's trouble, once: its message (ending in the help article's advice) and Reconnect.
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'Amazon Advertising: The connection stopped working' });
    await expectText(notice.locator('p').nth(1), errorCatalogue.connection_stale.message);
    await expectText(
      notice.locator('p').nth(1),
      /Disconnect and reconnect to create a fresh authorisation\.$/,
    );
    await expect(page.locator('[data-code="connection_stale"]').count()).resolves.toBe(1);
    await saveScreenshot(page, 'stale-connection');
    // The account dropdown uses the notice's word: Reconnect.
    const menu = await openAccountMenu(page);
    await menu.getByRole('button', { name: 'Reconnect Amazon Advertising' }).waitFor();
    await expect(
      menu.getByRole('button', { name: 'Connect Amazon Advertising', exact: true }).count(),
    ).resolves.toBe(0);
    await page.keyboard.press('Escape');

    await goTo(page, 'Connections');
    await expectText(
      connectionSection(page, 'Amazon Advertising').locator('.pill'),
      'Stopped working: reconnect',
    );
    await notice.getByRole('button', { name: 'Reconnect Amazon Advertising' }).click();
    // The old password no longer works on Amazon...
    await page.getByLabel('Email or mobile phone number').fill(amazon.users.default.email);
    await page.getByLabel('Password').fill('pass_good');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /Your password is incorrect/);
    // ...the new one does: a fresh authorisation replaces the stale one.
    await signInOnAmazon(page, { email: amazon.users.default.email, password: newPassword });
    await page.waitForURL((url) => url.pathname === '/connections');
    await expectText(connectionSection(page, 'Amazon Advertising').locator('.pill'), /^Connected/);
    await goTo(page, 'Dashboard');
    await expectAdvertisingFigures(page);
    await expectText(page.locator('.account-button .pill'), 'Connected');
  });
});
