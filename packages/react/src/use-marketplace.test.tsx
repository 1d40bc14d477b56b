import { MetricValue, useMarketplace, useMetrics } from '@smart-ads/react';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend, server, visit } from '../test/amazon-backend';
import { renderPage } from '../test/render';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const dash = '\u2013';

function Switcher() {
  const { marketplaces, selected, current, select } = useMarketplace();
  const metrics = useMetrics();
  return (
    <>
      <label>
        Marketplace
        <select value={selected ?? ''} onChange={(event) => select(event.target.value)}>
          {marketplaces.map((marketplace) => (
            <option key={marketplace.marketplaceId} value={marketplace.marketplaceId}>
              {marketplace.name}
            </option>
          ))}
          <option value="all">All marketplaces</option>
        </select>
      </label>
      <p data-testid="current">{current?.countryCode ?? selected ?? 'none'}</p>
      <p data-testid="loaded">
        {metrics.status}:{metrics.marketplace}:
        {metrics.data?.totals?.map((total) => total.currency).join(',')}
      </p>
      <MetricValue metric="adSpend" locale="en-US" />
      <MetricValue metric="totalSales" locale="en-US" />
    </>
  );
}

describe.each([false, true])('useMarketplace against the mock (StrictMode: %s)', (strict) => {
  let backend: Backend;
  beforeEach(async () => {
    sessionStorage.clear();
    visit('/dashboard');
    backend = await createBackend();
    await backend.connect('advertising');
    await backend.connect('sellerCentral');
  });
  afterEach(async () => {
    cleanup();
    await backend.close();
  });

  const shown = (key: string) => document.querySelector(`[data-metric="${key}"]`) as HTMLElement;
  const options = () => screen.getAllByRole('option').map((option) => option.textContent);

  it("lists Acme's four marketplaces, home first and selected; switching changes the figures and the currency", async () => {
    const user = userEvent.setup();
    renderPage(backend, <Switcher />, { strict });
    await waitFor(() => expect(options()).toHaveLength(5));
    expect(options()).toEqual([
      'the United States',
      'Canada',
      'the United Kingdom',
      'Germany',
      'All marketplaces',
    ]);
    expect(screen.getByTestId('current').textContent).toBe('US');
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 8000 });
    await waitFor(() => expect(shown('totalSales').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 8000 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Marketplace' }), 'Germany');
    expect(screen.getByTestId('current').textContent).toBe('DE');
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^€[\d,.]+$/), { timeout: 8000 });
    // Seller Central is authorised for North America only: the dash with the reason, while Ads figures show.
    expect(shown('totalSales').textContent).toBe(dash);
    expect(shown('totalSales').dataset.state).toBe('unavailable');
    expect(shown('totalSales').title).toMatch(/Seller Central is not connected for Germany/);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Marketplace' }), 'Canada');
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^CA\$[\d,.]+$/), { timeout: 8000 });
    await waitFor(() => expect(shown('totalSales').textContent).toMatch(/^CA\$[\d,.]+$/), { timeout: 8000 });
  }, 20_000);

  it('the all-marketplaces view loads per-currency totals; the choice survives a new page load', async () => {
    const user = userEvent.setup();
    const first = renderPage(backend, <Switcher />, { strict });
    await waitFor(() => expect(options()).toHaveLength(5));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Marketplace' }), 'All marketplaces');
    await waitFor(
      () => expect(screen.getByTestId('loaded').textContent).toBe('success:all:USD,CAD,GBP,EUR'),
      {
        timeout: 4000,
      },
    );
    // Money over four currencies is never one number (populating until every marketplace's report is in).
    await waitFor(() => expect(shown('adSpend').textContent).toBe(dash), { timeout: 6000 });
    first.unmount();

    renderPage(backend, <Switcher />, { strict });
    await waitFor(() => expect(options()).toHaveLength(5));
    expect(screen.getByTestId('current').textContent).toBe('all');
    expect((screen.getByRole('combobox', { name: 'Marketplace' }) as HTMLSelectElement).value).toBe('all');
  }, 20_000);
});
