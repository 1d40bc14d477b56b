// @vitest-environment jsdom
// The core README's plain-script sample, against the real server half and the mock Amazon: drawn with the real
// engine, through a whole connect / soft disconnect / confirmed disconnect, with an account name that carries
// markup (it must stay text), and its bootstrap run as written on the README's page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Connections,
  createBrowserEnvironment,
  createConnections,
  createHttpTransport,
  type Transport,
} from '@smart-ads/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BrowserBackend, origin, server, startBrowserBackend } from '../support/browser-backend';
import { render } from './amazon-connections';

let backend: BrowserBackend;
const engines: Connections[] = [];
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(async () => {
  backend = await startBrowserBackend();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/dashboard');
});
afterEach(async () => {
  for (const engine of engines.splice(0)) engine.stop();
  await backend.close();
});
afterAll(() => server.close());

/** A page load: the engine over the real transport, its full-page redirects recorded (jsdom cannot navigate). */
function load(root: HTMLElement, transport: Transport = createHttpTransport({ baseUrl: '/api/amazon' })) {
  const redirects: string[] = [];
  const connections = createConnections({
    transport,
    environment: { ...createBrowserEnvironment(), redirect: (url) => redirects.push(url) },
  });
  engines.push(connections);
  connections.subscribe((view) => render(root, view));
  render(root, connections.getView());
  return { connections, redirects };
}

const text = (root: HTMLElement) => root.textContent ?? '';
const press = (root: HTMLElement, label: string) => {
  const target = [...root.querySelectorAll('button')].find((node) => node.textContent === label);
  if (!target) throw new Error(`no button "${label}" in: ${text(root)}`);
  target.click();
};

/** Comes back from Amazon: the callback URL in the address bar, a new page load. */
async function returnFromAmazon(root: HTMLElement, authorizeUrl: string, transport?: Transport) {
  const callback = await backend.amazon.signIn(authorizeUrl);
  window.history.replaceState(null, '', `${callback.pathname}${callback.search}`);
  return load(root, transport);
}

describe('the plain-script sample', () => {
  it('connects, disconnects Seller Central at once, and asks before disconnecting Amazon Advertising', async () => {
    const root = document.createElement('div');
    let page = load(root);
    await vi.waitFor(() => expect(text(root)).toContain('Amazon Advertising: disconnected'));
    expect(text(root)).toContain('Ad spend –');

    press(root, 'Connect Amazon Advertising');
    await vi.waitFor(() => expect(page.redirects).toHaveLength(1));
    page.connections.stop();
    page = await returnFromAmazon(root, page.redirects[0] ?? '');
    await vi.waitFor(() =>
      expect(text(root)).toContain('Amazon Advertising: populating (Acme Home & Kitchen)'),
    );
    expect(window.location.search).toBe('');

    press(root, 'Connect Seller Central');
    await vi.waitFor(() => expect(page.redirects).toHaveLength(1));
    page.connections.stop();
    page = await returnFromAmazon(root, page.redirects[0] ?? '');
    await vi.waitFor(() => expect(text(root)).toMatch(/Seller Central: (populating|ready) \(US, CA\)/));

    press(root, 'Disconnect Seller Central');
    await vi.waitFor(() => expect(text(root)).toContain('Seller Central: disconnected'));
    expect(text(root)).toMatch(/Amazon Advertising: (populating|ready)/);

    press(root, 'Disconnect Amazon Advertising');
    const prompt = await vi.waitFor(() => {
      const dialog = root.querySelector('[role="alertdialog"]');
      if (!dialog) throw new Error('no prompt');
      return dialog;
    });
    expect(prompt.textContent).toMatch(/stops all Ads Optimiser functionality for that account/);
    press(root, 'Cancel');
    await vi.waitFor(() => expect(root.querySelector('[role="alertdialog"]')).toBeNull());
    press(root, 'Disconnect Amazon Advertising');
    await vi.waitFor(() => expect(root.querySelector('[role="alertdialog"]')).not.toBeNull());
    press(root, 'Disconnect');
    await vi.waitFor(() => expect(text(root)).toContain('Amazon Advertising: disconnected'));
  });

  it('writes names from Amazon as text, never as markup', async () => {
    await backend.connect('advertising');
    const base = createHttpTransport({ baseUrl: '/api/amazon' });
    const hostile = '<img src=x onerror="window.__injected = true">Acme';
    const transport: Transport = {
      ...base,
      getStatus: async (options) => {
        const status = await base.getStatus(options);
        return status.advertising
          ? {
              ...status,
              advertising: {
                ...status.advertising,
                account: { ...status.advertising.account, name: hostile },
              },
            }
          : status;
      },
    };
    const root = document.createElement('div');
    load(root, transport);
    await vi.waitFor(() => expect(text(root)).toContain(`(${hostile})`));
    expect(root.querySelector('img')).toBeNull();
    expect((window as { __injected?: boolean }).__injected).toBeUndefined();
  });

  it('starts itself on the README page, as written, with the host API at /api/amazon', async () => {
    const html = readFileSync(join(import.meta.dirname, 'page.html'), 'utf8');
    const page = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(
      ...[...page.body.childNodes].map((node) => document.importNode(node, true)),
    );
    vi.resetModules();
    await import('./amazon-connections');
    const root = document.getElementById('amazon') as HTMLElement;
    await vi.waitFor(() => expect(text(root)).toContain('Amazon Advertising: disconnected'));
    expect(text(root)).toContain('Seller Central: disconnected');
    expect(window.location.origin).toBe(origin);
  });
});
