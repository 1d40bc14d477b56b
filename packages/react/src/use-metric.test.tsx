import { MetricValue } from '@smart-ads/react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend, server, visit } from '../test/amazon-backend';
import { ConnectionCard } from '../test/dashboard';
import { renderPage } from '../test/render';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const dash = '\u2013';

function Page({ count }: { readonly count: ProfilerOnRenderCallback }) {
  return (
    <>
      <ConnectionCard kind="advertising" />
      <ConnectionCard kind="sellerCentral" />
      <Profiler id="totalSales" onRender={count}>
        <MetricValue metric="totalSales" locale="en-US" />
      </Profiler>
      <Profiler id="adSpend" onRender={count}>
        <MetricValue metric="adSpend" locale="en-US" />
      </Profiler>
    </>
  );
}

describe.each([false, true])('one figure, rendered (StrictMode: %s)', (strict) => {
  let backend: Backend;
  let renders: Record<string, number>;
  const count: ProfilerOnRenderCallback = (id) => {
    renders[id] = (renders[id] ?? 0) + 1;
  };
  beforeEach(async () => {
    sessionStorage.clear();
    visit('/dashboard');
    renders = {};
    backend = await createBackend();
  });
  afterEach(async () => {
    cleanup();
    await backend.close();
  });

  const shown = (key: string) => document.querySelector(`[data-metric="${key}"]`) as HTMLElement;

  it('shows a dash with the reason while its connection is missing, never a zero', async () => {
    renderPage(backend, <Page count={count} />, { strict });
    await waitFor(() => expect(shown('totalSales').dataset.state).toBe('unavailable'));
    expect(shown('totalSales').textContent).toBe(dash);
    expect(shown('totalSales').title).toBe(
      'Connect Amazon Advertising, then Seller Central, to see Total Sales.',
    );
    expect(shown('adSpend').textContent).toBe(dash);
  });

  it('shows "populating" after a fresh connect until the data arrives, then the value', async () => {
    await backend.connect('advertising');
    renderPage(backend, <Page count={count} />, { strict });
    await waitFor(() => expect(shown('adSpend').textContent).toBe('Populating…'));
    expect(shown('adSpend').dataset.state).toBe('populating');
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 4000 });
    expect(shown('totalSales').textContent).toBe(dash);
  });

  it('re-renders 0 times on unrelated changes and only when its own figure changes', async () => {
    await backend.connect('advertising');
    await backend.connect('sellerCentral');
    const user = userEvent.setup();
    renderPage(backend, <Page count={count} />, { strict });
    await waitFor(() => expect(shown('totalSales').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 4000 });
    await waitFor(() => expect(shown('adSpend').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 4000 });
    await new Promise((resolve) => setTimeout(resolve, 150));

    // Unrelated to both figures: open the Advertising prompt, then cancel it.
    renders = {};
    await user.click(screen.getByRole('button', { name: 'Disconnect Amazon Advertising' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 150)); // room for any late, unwanted re-render
    expect(renders).toEqual({});

    // Seller Central's soft disconnect: Total Sales changes (availability, then the reloaded value), ad spend not.
    await user.click(screen.getByRole('button', { name: 'Disconnect Seller Central' }));
    await waitFor(() => expect(shown('totalSales').textContent).toBe(dash));
    await waitFor(() => expect(renders.totalSales).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 150)); // and no third one
    expect(renders.totalSales).toBe(2);
    expect(renders.adSpend).toBeUndefined();
  });
});
