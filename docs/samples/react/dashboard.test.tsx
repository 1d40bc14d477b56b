// @vitest-environment jsdom
// The React README's "complete dashboard", rendered as written against the real server half and the mock Amazon:
// the cards, the soft and the confirmed disconnect, and the sign-in through the return page.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BrowserBackend, server, startBrowserBackend } from '../support/browser-backend';
import { AmazonReturnPage, App } from './dashboard';

let backend: BrowserBackend;
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(async () => {
  backend = await startBrowserBackend();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/dashboard');
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await backend.close();
});
afterAll(() => server.close());

const section = (name: string) => screen.getByRole('region', { name });
const figure = (label: string) => screen.getByText(label, { selector: 'figcaption' }).nextElementSibling;

describe('the React README dashboard', () => {
  it('shows both connections; Seller Central disconnects at once, Amazon Advertising after the prompt', async () => {
    await backend.connect('advertising');
    await backend.connect('sellerCentral');
    render(<App />);
    await waitFor(() =>
      expect(section('Amazon Advertising').textContent).toMatch(/: Acme Home & Kitchen \(US, CA, UK, DE\)/),
    );
    expect(section('Seller Central').textContent).toMatch(/\(US, CA\)/);
    expect(section('Seller Central').textContent).not.toMatch(/\bA[0-9A-Z]{10,}\b/); // no selling partner id
    expect(figure('Total Sales')?.textContent).not.toBe('–');
    expect(screen.getByRole('link', { name: 'Rules' })).toBeTruthy();

    fireEvent.click(within(section('Seller Central')).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(section('Seller Central').textContent).toMatch(/^Seller Centraldisconnected/));
    await waitFor(() => expect(figure('Total Sales')?.textContent).toBe('–'));
    expect(figure('Ad spend')?.textContent).not.toBe('–');

    fireEvent.click(within(section('Amazon Advertising')).getByRole('button', { name: 'Disconnect' }));
    const prompt = await screen.findByRole('alertdialog');
    expect(prompt.textContent).toMatch(/stops all Ads Optimiser functionality for that account/);
    fireEvent.click(within(prompt).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() =>
      expect(section('Amazon Advertising').textContent).toMatch(/^Amazon Advertisingdisconnected/),
    );
    expect(screen.getByText('Connect Amazon Advertising to see Rules.')).toBeTruthy();
    expect(figure('Ad spend')?.textContent).toBe('–');
  });

  it('signs in from the dropdown item and completes on the return page (redirect when the popup is blocked)', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null); // a popup blocker: the engine falls back to the redirect
    const dashboard = render(<App />);
    const connect = await screen.findByRole('menuitem', { name: 'Connect Amazon Advertising' });
    await waitFor(() => expect((connect as HTMLButtonElement).disabled).toBe(false));
    await waitFor(() => expect(backend.authorizeUrls).toHaveLength(1)); // popup mode prepares the URL early
    fireEvent.click(connect);
    const callback = await backend.amazon.signIn(backend.authorizeUrls.at(-1) ?? '');
    dashboard.unmount();

    window.history.replaceState(null, '', `${callback.pathname}${callback.search}`);
    const navigate = vi.fn();
    render(<AmazonReturnPage navigate={navigate} />);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'));
    cleanup();
    await act(async () => {
      render(<App />);
    });
    await waitFor(() => expect(section('Amazon Advertising').textContent).toMatch(/Acme Home & Kitchen/));
    expect(screen.getByRole('menuitem', { name: 'Connect Amazon Advertising' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
