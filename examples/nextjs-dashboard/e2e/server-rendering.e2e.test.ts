import { describe, expect, it } from 'vitest';
import {
  connectFromDropdown,
  expectAdvertisingFigures,
  expectText,
} from '../../react-dashboard/e2e/support/dashboard.ts';
import { setUpExampleSuite } from '../../react-dashboard/e2e/support/suite.ts';

const suite = setUpExampleSuite();

/** The text of an HTML document, the way a reader without JavaScript gets it (tags and comments dropped). */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the first HTML of the Next.js example (no JavaScript)', () => {
  it('already says which connections exist, for a seller with nothing connected and for a connected one', async () => {
    const page = await suite.open();
    const before = visibleText(await (await page.request.get(suite.example().url)).text());
    expect(before).toContain('No Amazon account connected');
    expect(before).not.toContain('Loading…');

    await connectFromDropdown(page, 'Amazon Advertising', suite.example().mock.amazon.users.default);
    await expectAdvertisingFigures(page);

    // The same subscription (the page's cookie), read as plain HTML: the server rendered the connection.
    for (const path of ['/', '/connections']) {
      const answer = await page.request.get(new URL(path, suite.example().url).href);
      expect(answer.status()).toBe(200);
      const text = visibleText(await answer.text());
      expect(text, path).toContain('Acme Home & Kitchen');
      expect(text, path).toMatch(/Connected/);
      expect(text, path).not.toContain('Loading…');
    }
  });

  it('hydrates a connected seller without a flash of Loading… and without hydration errors', async () => {
    const page = await suite.open();
    await connectFromDropdown(page, 'Amazon Advertising', suite.example().mock.amazon.users.default);
    await expectAdvertisingFigures(page);
    // Reload: the pill never says Loading… (recorded from the first parsed element on).
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { pillTexts: string[] }).pillTexts = seen;
      const record = () => {
        const pill = document.querySelector('.account-button .pill');
        if (pill?.textContent) seen.push(pill.textContent);
      };
      new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await expectText(page.locator('.account-button .pill'), 'Connected');
    const texts = await page.evaluate(() => (window as unknown as { pillTexts: string[] }).pillTexts);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((text) => text.includes('Loading'))).toEqual([]);
  });
});
