// The optimiser on the server: Apply changes bids in the (mock) Ads API through the example's server route; after
// the confirmed disconnect a direct Apply is refused before Amazon hears of it; the Rules job stops while
// Advertising is disconnected and fires again after the reconnect.
import { describe, expect, it } from 'vitest';
import {
  connectFromDropdown,
  disconnectAdvertising,
  expectAdvertisingFigures,
  expectText,
  goTo,
  panel,
  uiTimeout,
} from './support/dashboard.ts';
import { setUpExampleSuite } from './support/suite.ts';

const suite = setUpExampleSuite({ rulesIntervalMs: 300 });

/** Bid updates Amazon answered with 207 (keywords and product targets). */
const bidUpdates = () => {
  const { amazon } = suite.example().mock;
  return (
    amazon.calls('ads.sp.keywords.update', { status: 207 }) +
    amazon.calls('ads.sp.targets.update', { status: 207 })
  );
};

async function waitFor(condition: () => boolean, what: string, timeout = uiTimeout) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the optimiser on the example server', () => {
  it('Apply changes the bids in the Ads API; after the confirmed disconnect a direct Apply is refused and Amazon hears nothing', async () => {
    const page = await suite.open();
    const example = suite.example();
    await connectFromDropdown(page, 'Amazon Advertising', example.mock.amazon.users.default);
    await expectAdvertisingFigures(page);
    // the rules job fires once per connection: let it settle first so the count below is Apply's alone
    await expectText(panel(page, 'Rules').locator('.rule-fired').first(), /fired/);
    const before = bidUpdates();
    const suggestion = panel(page, 'Suggestions').getByRole('listitem').first();
    const asin = /Lower the bids of (\S+):/.exec((await suggestion.textContent()) ?? '')?.[1] ?? '';
    await suggestion.getByRole('button', { name: /^Apply/ }).click();
    await expectText(suggestion.locator('.applied'), /^Applied: [1-9]\d* bids lowered$/);
    expect(bidUpdates()).toBeGreaterThan(before);
    const update = example.mock.amazon.log.findLast((entry) => entry.endpoint.startsWith('ads.sp.'));
    expect(update).toMatchObject({ method: 'PUT', status: 207 });

    await disconnectAdvertising(page);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const callsBefore = example.mock.amazon.calls('*');
    const direct = await fetch(`${example.url}/api/optimiser/apply`, {
      method: 'POST',
      headers: { cookie, origin: example.url, 'content-type': 'application/json' },
      body: JSON.stringify({ asin }),
    });
    expect(direct.status).toBe(409);
    expect(await direct.json()).toEqual({
      code: 'not_connected',
      detail: 'Connect Amazon Advertising to see Apply actions.',
    });
    expect(example.mock.amazon.calls('*')).toBe(callsBefore);

    // the history shows who did what
    const history = page.getByRole('region', { name: 'Connection history' });
    await expectText(history.locator('li').first(), /Disconnected: Amazon Advertising/);
    await expectText(history.locator('li').last(), /Connected: Amazon Advertising/);
  });

  it('a rule that fires does not fire while Advertising is disconnected, and fires again after the reconnect', async () => {
    const page = await suite.open();
    const { amazon } = suite.example().mock;
    await connectFromDropdown(page, 'Amazon Advertising', amazon.users.default);
    await expectAdvertisingFigures(page);
    await waitFor(() => bidUpdates() > 0, 'the rule to fire');
    await expectText(panel(page, 'Rules').locator('.rule-fired').first(), /fired: [1-9]\d* bids changed/);

    await disconnectAdvertising(page);
    const whileDisconnected = amazon.calls('*');
    const updates = bidUpdates();
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // ten runs of the job
    expect(bidUpdates()).toBe(updates);
    expect(amazon.calls('*')).toBe(whileDisconnected);
    await goTo(page, 'Dashboard');
    await expectText(panel(page, 'Rules').locator('.stopped'), 'Connect Amazon Advertising to see Rules.');

    await connectFromDropdown(page, 'Amazon Advertising', amazon.users.default);
    await expectAdvertisingFigures(page);
    await waitFor(() => bidUpdates() > updates, 'the rule to fire after the reconnect');
  });
});
