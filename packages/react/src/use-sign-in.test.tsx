import { ConnectionsCallback, errorCatalogue } from '@smart-ads/react';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Backend, createBackend, returnPath, server, visit } from '../test/amazon-backend';
import { Dashboard } from '../test/dashboard';
import { renderPage } from '../test/render';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe.each([false, true])('connect and reconnect (StrictMode: %s)', (strict) => {
  let backend: Backend;
  beforeEach(async () => {
    sessionStorage.clear();
    visit('/dashboard');
    backend = await createBackend();
  });
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    await backend.close();
  });

  /** Connect Amazon Advertising from the dropdown, sign in on the mock Amazon, and land on the callback route. */
  async function signInFromTheDropdownAndReturn(
    user: ReturnType<typeof userEvent.setup>,
    options: Parameters<Backend['signInOnAmazon']>[0],
  ) {
    renderPage(backend, <Dashboard />, { strict });
    await user.click(screen.getByRole('button', { name: 'Amazon accounts' }));
    const connect = await screen.findByRole('menuitem', { name: 'Connect Amazon Advertising' });
    await waitFor(() => expect(connect).toHaveProperty('disabled', false));
    await user.click(connect);
    await waitFor(() => expect(backend.redirects).toHaveLength(1));
    const back = await backend.signInOnAmazon(options);
    cleanup();
    visit(`${returnPath}${back.search}`);
  }

  it('connects Amazon Advertising by redirect: the callback route spends the code once and returns the user', async () => {
    const user = userEvent.setup();
    renderPage(backend, <Dashboard />, { strict });
    const connect = await screen.findByRole('menuitem', { name: 'Connect Amazon Advertising', hidden: true });
    await waitFor(() => expect(connect).toHaveProperty('disabled', false));
    await user.click(screen.getByRole('button', { name: 'Amazon accounts' }));
    await user.click(connect);
    await waitFor(() => expect(backend.redirects).toHaveLength(1));

    const back = await backend.signInOnAmazon();
    cleanup();
    visit(`${returnPath}${back.search}`);
    const onReturn = vi.fn();
    renderPage(backend, <ConnectionsCallback onReturn={onReturn} />, { strict });
    await screen.findByText('Amazon Advertising is connected.');
    await waitFor(() => expect(onReturn).toHaveBeenCalledWith('/dashboard'));
    expect(onReturn).toHaveBeenCalledTimes(1);
    expect(window.location.pathname).toBe('/dashboard');
    expect(backend.amazon.calls('lwa.token.authorization_code')).toBe(1);

    cleanup();
    renderPage(backend, <Dashboard />, { strict });
    const card = await screen.findByRole('region', { name: 'Amazon Advertising' });
    await waitFor(() => expect(within(card).getByText(/^(populating|ready): /).textContent).toMatch(/: \S/));
  });

  it('in popup mode the sign-in URL is ready before the click, and window.open runs inside the click handler', async () => {
    const open = vi
      .spyOn(window, 'open')
      .mockImplementation(() => ({ closed: false, close() {} }) as unknown as Window);
    renderPage(backend, <Dashboard />, { strict, settings: { mode: 'popup' } });
    const connect = await screen.findByRole('menuitem', { name: 'Connect Amazon Advertising', hidden: true });
    // Prepared ahead of the click: POST /authorize has already answered.
    await waitFor(() => expect(connect.dataset.prepared).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: 'Amazon accounts' }));
    expect(open).not.toHaveBeenCalled();
    fireEvent.click(connect);
    // Synchronously: no await between the click and window.open.
    expect(open).toHaveBeenCalledTimes(1);
    expect(String(open.mock.calls[0]?.[0])).toMatch(/\/ap\/oa\?/);
    expect(backend.redirects).toHaveLength(0);
  });

  it('a blocked popup falls back to the full-page redirect', async () => {
    vi.spyOn(window, 'open').mockImplementation(() => null);
    const user = userEvent.setup();
    renderPage(backend, <Dashboard />, { strict, settings: { mode: 'popup' } });
    await user.click(screen.getByRole('button', { name: 'Amazon accounts' }));
    const connect = await screen.findByRole('menuitem', { name: 'Connect Amazon Advertising' });
    await waitFor(() => expect(connect).toHaveProperty('disabled', false));
    await user.click(connect);
    await waitFor(() => expect(backend.redirects).toHaveLength(1));
    expect(backend.redirects[0]).toMatch(/\/ap\/oa\?/);
  });

  it('Seller Central cannot be connected before Amazon Advertising, and the menu says why', async () => {
    renderPage(backend, <Dashboard />, { strict });
    const connect = await screen.findByRole('menuitem', { name: 'Connect Seller Central', hidden: true });
    await waitFor(() => expect(connect.getAttribute('title')).toMatch(/Advertising/));
    expect(connect).toHaveProperty('disabled', true);
  });

  it('a sign-in that sees several advertising accounts lets the user pick one on the callback route', async () => {
    const user = userEvent.setup();
    await signInFromTheDropdownAndReturn(user, { email: backend.amazon.users.multipleAccounts.email });
    renderPage(backend, <ConnectionsCallback />, { strict });
    const choice = await screen.findByRole('group', {
      name: 'Choose the Amazon Advertising account to connect',
    });
    const accounts = within(choice)
      .getAllByRole('button')
      .filter((button) => button.textContent !== 'Cancel');
    expect(accounts.length).toBeGreaterThan(1);
    const picked = accounts[1]?.textContent ?? '';
    await user.click(accounts[1] as HTMLElement);
    await screen.findByText('Amazon Advertising is connected.');
    expect(backend.amazon.calls('lwa.token.authorization_code')).toBe(1);
    cleanup();
    visit('/dashboard');
    renderPage(backend, <Dashboard />, { strict });
    const card = await screen.findByRole('region', { name: 'Amazon Advertising' });
    await waitFor(() => expect(card.textContent).toContain(picked));
  });

  it('cancelling the account choice on the callback route says nothing was connected, never "connected"', async () => {
    const user = userEvent.setup();
    await signInFromTheDropdownAndReturn(user, { email: backend.amazon.users.multipleAccounts.email });
    renderPage(backend, <ConnectionsCallback />, { strict });
    const choice = await screen.findByRole('group', {
      name: 'Choose the Amazon Advertising account to connect',
    });
    await user.click(within(choice).getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Nothing was connected to Amazon Advertising.');
    expect(screen.queryByText('Amazon Advertising is connected.')).toBeNull();
  });

  it('a refused consent ends in a typed, explained error on the callback route, not a loop', async () => {
    const user = userEvent.setup();
    await signInFromTheDropdownAndReturn(user, { consent: false });
    const onReturn = vi.fn();
    renderPage(backend, <ConnectionsCallback onReturn={onReturn} />, { strict });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(errorCatalogue.oauth_refused.message);
    expect(onReturn).not.toHaveBeenCalled();
    expect(backend.amazon.calls('lwa.token.authorization_code')).toBe(0);
  });
});
