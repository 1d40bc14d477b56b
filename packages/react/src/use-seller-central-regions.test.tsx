import {
  ConnectionsCallback,
  type MarketplaceView,
  useConnection,
  useDisconnect,
  useMarketplace,
  useSignIn,
} from '@smart-ads/react';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Backend, createBackend, returnPath, server, visit } from '../test/amazon-backend';
import { renderPage } from '../test/render';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

/** What a dashboard shows of Seller Central's regions, with a region's sign-in and disconnect buttons. */
function Regions() {
  const sellerCentral = useConnection('sellerCentral');
  const { marketplaces } = useMarketplace();
  const europe = useSignIn('sellerCentral', { region: 'eu' });
  const disconnectEurope = useDisconnect('sellerCentral', { region: 'eu' });
  const disconnectAll = useDisconnect('sellerCentral');
  const germany = marketplaces.find((marketplace: MarketplaceView) => marketplace.countryCode === 'DE');
  return (
    <section>
      <p data-testid="regions">
        {sellerCentral.regions
          .map((region) => `${region.name} (${region.marketplaces.join(', ')})`)
          .join(' · ')}
      </p>
      <p data-testid="germany">
        {germany
          ? `${germany.regionName}: ${germany.actions.connectSellerCentral.allowed ? 'can connect' : germany.actions.connectSellerCentral.code}`
          : ''}
      </p>
      <p data-testid="disconnect-all">
        {disconnectAll.action.allowed ? 'allowed' : disconnectAll.action.code} {europe.activity}
      </p>
      <button type="button" disabled={!europe.action.allowed} onClick={europe.start}>
        Connect Seller Central for Europe
      </button>
      <button
        type="button"
        disabled={!disconnectEurope.action.allowed || disconnectEurope.pending}
        onClick={disconnectEurope.request}
      >
        Disconnect Europe
      </button>
      {disconnectEurope.trouble && <p role="alert">{disconnectEurope.trouble.message}</p>}
    </section>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe.each([false, true])('Seller Central per region (StrictMode: %s)', (strict) => {
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
    vi.restoreAllMocks();
    await backend.close();
  });

  it('in popup mode a region button is not prepared ahead (Seller Central stays free to disconnect); its click signs in for Europe', async () => {
    const open = vi
      .spyOn(window, 'open')
      .mockImplementation(() => ({ closed: false, close() {} }) as unknown as Window);
    const authorize = vi.spyOn(backend.transport, 'authorize');
    const user = userEvent.setup();
    renderPage(backend, <Regions />, { strict, settings: { mode: 'popup' } });
    await waitFor(() => expect(text('regions')).toBe('North America (US, CA)'));
    // Give a background preparation every chance to happen: there is none.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(text('disconnect-all')).toBe('allowed idle');
    expect(authorize).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Connect Seller Central for Europe' }));
    await waitFor(() => expect(open.mock.calls.length + backend.redirects.length).toBe(1));
    expect(authorize.mock.calls.map(([request]) => request)).toEqual([
      expect.objectContaining({ kind: 'sellerCentral', region: 'eu' }),
    ]);
    const url = String(open.mock.calls[0]?.[0] ?? backend.redirects[0]);
    expect(new URL(url).hostname).toMatch(/europe|\.co\.uk|\.de|eu/);
  });

  it('connects Europe beside North America through the EU consent page, then disconnects Europe only', async () => {
    const user = userEvent.setup();
    renderPage(backend, <Regions />, { strict });
    await waitFor(() => expect(text('regions')).toMatch(/^North America \(US, CA\)$/));
    expect(text('germany')).toBe('Europe: can connect');
    expect(screen.getByRole('button', { name: 'Disconnect Europe' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Connect Seller Central for Europe' }));
    await waitFor(() => expect(backend.redirects).toHaveLength(1));
    expect(new URL(backend.redirects[0] ?? '').hostname).toMatch(/europe|\.co\.uk|\.de|eu/);
    const back = await backend.signInOnAmazon();
    cleanup();
    visit(`${returnPath}${back.search}`);
    renderPage(backend, <ConnectionsCallback onReturn={() => {}} />, { strict });
    await screen.findByText('Seller Central is connected.');

    cleanup();
    visit('/dashboard');
    renderPage(backend, <Regions />, { strict });
    await waitFor(() =>
      expect(text('regions')).toMatch(/^North America \(US, CA\) · Europe \((UK|GB), DE\)$/),
    );
    expect(text('germany')).toBe('Europe: already_connected');

    await user.click(screen.getByRole('button', { name: 'Disconnect Europe' }));
    await waitFor(() => expect(text('regions')).toBe('North America (US, CA)'));
    expect(text('germany')).toBe('Europe: can connect');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
