import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend, server, visit } from '../test/amazon-backend';
import { Dashboard } from '../test/dashboard';
import { renderPage } from '../test/render';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const dash = '\u2013';
const figure = (label: string) => {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.querySelector('[data-metric]') as HTMLElement;
};

describe.each([false, true])('disconnect (StrictMode: %s)', (strict) => {
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

  async function dashboardWithFigures() {
    renderPage(backend, <Dashboard />, { strict });
    await waitFor(() => expect(figure('Total Sales').dataset.state).toBe('available'), { timeout: 4000 });
    await waitFor(() => expect(figure('Total Sales').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 4000 });
    await waitFor(() => expect(figure('Ad spend').textContent).toMatch(/^\$[\d,.]+$/), { timeout: 4000 });
  }

  it('Seller Central: immediate, no prompt; its figures show a dash, the optimiser keeps working', async () => {
    const user = userEvent.setup();
    await dashboardWithFigures();
    const adSpend = figure('Ad spend').textContent;
    await user.click(screen.getByRole('button', { name: 'Disconnect Seller Central' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(figure('Total Sales').textContent).toBe(dash));
    expect(figure('Total Sales').title).toMatch(/Connect Seller Central/);
    expect(figure('Total Orders').textContent).toBe(dash);
    expect(figure('TACoS').textContent).toBe(dash);
    expect(figure('Ad spend').textContent).toBe(adSpend);
    expect(screen.getByRole('list', { name: 'Features' }).textContent).not.toContain('off');
    const card = screen.getByRole('region', { name: 'Seller Central' });
    expect(within(card).getByText('disconnected')).toBeTruthy();
  });

  it('Amazon Advertising: a prompt says all optimiser functionality stops; cancel changes nothing; confirm removes both', async () => {
    const user = userEvent.setup();
    await dashboardWithFigures();
    await user.click(screen.getByRole('button', { name: 'Disconnect Amazon Advertising' }));
    const prompt = screen.getByRole('alertdialog');
    expect(prompt.textContent).toMatch(/stops all Ads Optimiser functionality/);
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(figure('Ad spend').textContent).not.toBe(dash);
    // Still connected (its data may still be arriving: ready comes with the next status read).
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Amazon Advertising' })).getByText(/^ready: /),
      ).toBeTruthy(),
    );

    await user.click(screen.getByRole('button', { name: 'Disconnect Amazon Advertising' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(figure('Ad spend').textContent).toBe(dash));
    for (const label of ['ACoS', 'Total Sales', 'Total Orders', 'TACoS'])
      expect(figure(label).textContent).toBe(dash);
    const features = screen.getByRole('list', { name: 'Features' }).textContent ?? '';
    expect(features.match(/off \(/g)).toHaveLength(4);
    expect(
      within(screen.getByRole('region', { name: 'Seller Central' })).getByText('disconnected'),
    ).toBeTruthy();
  });
});
