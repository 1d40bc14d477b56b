// @vitest-environment jsdom
// The React README's marketplace switcher, rendered as written against the real server half and the mock Amazon:
// Acme's four marketplaces, figures in each one's currency, the dash where Seller Central does not cover it, and
// the all-marketplaces totals per currency.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserBackend, origin, server, startBrowserBackend } from '../support/browser-backend';
import { MarketplacesApp } from './marketplaces';

let backend: BrowserBackend;
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(async () => {
  backend = await startBrowserBackend();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/dashboard');
});
afterEach(async () => {
  cleanup();
  await backend.close();
});
afterAll(() => server.close());

const day = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Waits until Amazon's first reports have arrived for each marketplace (the engine polls every 30 s). */
async function firstDataArrived(): Promise<void> {
  const range = `from=${isoDay(Date.now() - 7 * day)}&to=${isoDay(Date.now() - day)}`;
  for (const marketplace of ['ATVPDKIKX0DER', 'A1PA6795UKMFR9', 'all']) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await fetch(`${origin}/api/amazon/metrics?${range}&marketplace=${marketplace}`);
      if (!(await answer.text()).includes('"populating"')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await (await fetch(`${origin}/api/amazon/status`)).text();
    if (!status.includes('"populating"')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const shown = (key: string) => document.querySelector(`[data-metric="${key}"]`) as HTMLElement;

describe('the React README marketplace switcher', () => {
  it('switches between marketplaces and to the per-currency totals', async () => {
    await backend.connect('advertising');
    await backend.connect('sellerCentral');
    await firstDataArrived();
    render(<MarketplacesApp />);
    const select = (await screen.findByRole('combobox', { name: 'Marketplace' })) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual([
      'US (USD)',
      'CA (CAD)',
      'UK (GBP)',
      'DE (EUR)',
      'All marketplaces',
    ]);
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 8000 });

    fireEvent.change(select, { target: { value: 'A1PA6795UKMFR9' } });
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^€[\d,.]+$/), { timeout: 8000 });
    expect(shown('totalSales').textContent).toBe('–');
    expect(shown('totalSales').title).toMatch(/Seller Central is not connected for Germany/);

    fireEvent.change(select, { target: { value: 'all' } });
    await waitFor(
      () => {
        const cells = screen.getAllByRole('cell').map((cell) => cell.textContent);
        expect(cells.slice(0, 4)).toEqual([
          expect.stringMatching(/^\$/),
          expect.stringMatching(/^CA\$/),
          expect.stringMatching(/^£/),
          expect.stringMatching(/^€/),
        ]);
      },
      { timeout: 8000 },
    );
  }, 30_000);
});
