import { describe, expect, it } from 'vitest';
import { signInOnAmazon } from './support/amazon-pages.ts';
import {
  aNumber,
  connectFromDropdown,
  connectionSection,
  expectAdvertisingFigures,
  expectSellerCentralFigures,
  expectText,
  goTo,
  metricValue,
} from './support/dashboard.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setUpExampleSuite } from './support/suite.ts';

// Slow data is "a reasonable wait" of 2.5 s here (15 minutes by default).
const suite = setUpExampleSuite({ appConfig: { dataSlowAfterMs: 2_500 } });

// A first connect: "connection", not "reconnection".
const loopHeading = 'Amazon Advertising: The connection fails or loops back to the sign-in page';

describe('troubleshooting: the reconnection fails or loops back to the sign-in page', () => {
  it('a refusal at consent is explained with a retry; a second one in a row still says to grant the permissions', async () => {
    const page = await suite.open();
    const { users } = suite.example().mock.amazon;

    await connectFromDropdown(page, 'Amazon Advertising', { ...users.default, grant: false });
    const alert = page.getByRole('alert').filter({ hasText: loopHeading });
    await expectText(
      alert.locator('p').nth(1),
      'The permissions were not granted on Amazon, so nothing was connected. Try again and grant the requested permissions.',
    );
    await expectText(page.locator('.account-button .account-name'), 'No Amazon account connected');

    // The cause is a refused permission, not the login: the advice stays the refusal's.
    await connectFromDropdown(page, 'Amazon Advertising', { ...users.default, grant: false });
    await expectText(
      alert.locator('p').nth(1),
      'The permissions were not granted on Amazon, so nothing was connected. Try again and grant the requested permissions.',
    );
    expect(await alert.locator('p').nth(1).textContent()).not.toContain('credentials');
    await saveScreenshot(page, 'troubleshooting-sign-in-loop');

    // Not a loop: granting the permissions connects.
    await connectFromDropdown(page, 'Amazon Advertising', users.default);
    await expectAdvertisingFigures(page);
    expect(await alert.count()).toBe(0);
  });

  it('an Amazon login without Amazon Advertising access says so', async () => {
    const page = await suite.open();
    await connectFromDropdown(page, 'Amazon Advertising', suite.example().mock.amazon.users.noAdvertising);
    await expectText(
      page.getByRole('alert').filter({ hasText: loopHeading }).locator('p').nth(1),
      /^This Amazon login has no Amazon Advertising access\./,
    );
  });
});

describe('troubleshooting: metrics still show a dash after reconnecting', () => {
  it('populating data leads to "disconnect and reconnect once more", then to "contact support"', async () => {
    const page = await suite.open();
    const { amazon } = suite.example().mock;
    await connectFromDropdown(page, 'Amazon Advertising', amazon.users.default);
    await expectAdvertisingFigures(page);

    // Amazon's Seller Central data lags by a day from now on.
    amazon.scenarios.dataLatency(24, { api: 'spapi' });
    amazon.scenarios.dataLatency(24, { api: 'sales' });
    await connectFromDropdown(page, 'Seller Central', amazon.users.default);
    // Populating: neither a dash nor zero.
    await expectSellerCentralFigures(page, 'Populating…');
    const advice = page
      .getByRole('alert')
      .filter({ hasText: /^Seller Central: Figures are still populating/ });
    await expectText(
      advice.locator('p').nth(1),
      'Data from Amazon is taking longer than usual. Give it a few more minutes; if the figures are still populating after that, try disconnecting and reconnecting once more.',
    );
    await expectAdvertisingFigures(page);

    // Disconnect and reconnect once more.
    await advice.getByRole('button', { name: 'Manage connections' }).click();
    const seller = connectionSection(page, 'Seller Central (SP-API)');
    await seller.getByRole('button', { name: 'Disconnect Seller Central' }).click();
    await expectText(seller.locator('.pill'), 'Not connected');
    await seller.getByRole('button', { name: 'Connect Seller Central' }).click();
    await signInOnAmazon(page, amazon.users.default);
    await page.waitForURL((url) => url.pathname === '/connections');
    await goTo(page, 'Dashboard');
    await expectText(metricValue(page, 'Total Sales'), 'Populating…');
    await expectText(
      advice.locator('p').nth(1),
      'Data from Amazon still has not arrived after reconnecting once more. Contact support through your dashboard.',
    );
    await expect(advice.getByRole('link', { name: 'Contact support' }).getAttribute('href')).resolves.toBe(
      '/support',
    );
    await expectText(metricValue(page, 'Ad spend'), aNumber);
    await expectText(metricValue(page, 'Sessions'), 'Populating…');
    await saveScreenshot(page, 'troubleshooting-contact-support');
    await advice.getByRole('link', { name: 'Contact support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();

    // The stage survives going to the support page and back, and a reload: the server counts the attempts.
    const stillAdvice = /^Data from Amazon still has not arrived after reconnecting once more\./;
    await page.goBack();
    await expectText(advice.locator('p').nth(1), stillAdvice);
    await page.reload();
    await expectText(advice.locator('p').nth(1), stillAdvice);
    await expect(advice.getByRole('link', { name: 'Contact support' }).count()).resolves.toBe(1);
  });

  it('partial data: the figures that arrived show, the advice names the ones still populating', async () => {
    const page = await suite.open();
    const { amazon } = suite.example().mock;
    await connectFromDropdown(page, 'Amazon Advertising', amazon.users.default);
    await expectAdvertisingFigures(page);
    // The example README's slow-data command: the sales-and-traffic report lags, orders do not.
    amazon.scenarios.dataLatency(24, { api: 'spapi' });
    await connectFromDropdown(page, 'Seller Central', amazon.users.default);
    await expectText(metricValue(page, 'Total Sales'), aNumber);
    await expectText(metricValue(page, 'Total Orders'), aNumber);
    await expectText(metricValue(page, 'TACoS'), aNumber);
    for (const label of ['Sessions', 'Buy Box %', 'Listing CVR']) {
      await expectText(metricValue(page, label), 'Populating…');
    }
    const advice = page
      .getByRole('alert')
      .filter({ hasText: /^Seller Central: Figures are still populating/ });
    await expectText(
      advice.locator('p').nth(1),
      /^Sessions, Buy Box %, Listing CVR and Per-ASIN TACoS table are still populating\. Data from Amazon is taking longer than usual\./,
    );
    await expect(advice.getByRole('button', { name: 'Manage connections' }).count()).resolves.toBe(1);
  });
});
