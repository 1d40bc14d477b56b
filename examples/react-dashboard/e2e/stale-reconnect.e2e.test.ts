import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { signInOnAmazon } from './support/amazon-pages.ts';
import {
  aNumber,
  connectBoth,
  expectAdvertisingFigures,
  expectSellerCentralFigures,
  expectText,
  openAccountMenu,
} from './support/dashboard.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite();
const rounds = Number(process.env.STALE_ROUNDS ?? 4);

type Kind = 'Amazon Advertising' | 'Seller Central';
type Path = 'dropdown' | 'notice';

/** Starts the reconnect of `kind` the way a seller would: the top bar's dropdown, or the notice's button. */
async function startReconnect(page: Page, kind: Kind, path: Path): Promise<void> {
  if (path === 'dropdown') {
    const menu = await openAccountMenu(page);
    await menu.getByRole('button', { name: `Reconnect ${kind}`, exact: true }).click();
  } else {
    const notice = page.getByRole('alert').filter({ hasText: `${kind}: The connection stopped working` });
    await notice.getByRole('button', { name: `Reconnect ${kind}` }).click();
  }
  await page.waitForURL((url) =>
    url.pathname.includes(kind === 'Seller Central' ? '/sellercentral/' : '/authorize/'),
  );
}

const pill = (page: Page) => page.locator('.account-button .pill');

describe('stale connection, then the same account re-authorised', () => {
  it(
    `comes back as a fresh, working connection every time (${rounds} rounds, both connections, each path)`,
    async () => {
      const page = await suite.open();
      const { amazon } = suite.example().mock;
      const email = amazon.users.default.email;
      await connectBoth(page, amazon.users.default);
      for (let round = 0; round < rounds; round++) {
        // Both connections go stale together: one Amazon login holds both authorisations.
        const password = amazon.scenarios.changePassword(email, `pass_round_${round}`);
        await expectText(pill(page), 'Stopped working: reconnect');
        await expectSellerCentralFigures(page, /^–$/);

        // Advertising first (Seller Central is its layer), by the dropdown on even rounds and the notice on odd ones.
        const paths: [Path, Path] = round % 2 === 0 ? ['dropdown', 'notice'] : ['notice', 'dropdown'];
        await startReconnect(page, 'Amazon Advertising', paths[0]);
        await signInOnAmazon(page, { email, password });
        await expectAdvertisingFigures(page);
        await expectText(pill(page), /^Connected/);

        await startReconnect(page, 'Seller Central', paths[1]);
        await signInOnAmazon(page, { email, password });
        await expectSellerCentralFigures(page, aNumber);
        await expectText(pill(page), 'Connected');
      }
      // Each round is four trips through Amazon's pages; allow for a busy machine.
    },
    30_000 + rounds * 20_000,
  );
});
