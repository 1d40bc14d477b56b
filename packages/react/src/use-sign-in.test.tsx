import { ConnectionsCallback } from '@smart-ads/react';
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
});
