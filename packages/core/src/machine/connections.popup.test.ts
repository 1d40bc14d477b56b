import { describe, expect, it } from 'vitest';
import { advertisingConnection, createFakeBackend, statusOf } from '../../test/fake-backend';
import { createBrowser } from '../../test/harness';
import { createMemoryBusHub } from '../environment/environment.memory';
import { createMemoryStorage } from '../environment/memory-storage';

const popupSettings = { mode: 'popup', popupPollMs: 5, popupGraceMs: 30, handoffTimeoutMs: 200 } as const;

describe('sign-in in a popup', () => {
  it('a prepared sign-in opens the popup synchronously in the click and completes over the bus', async () => {
    const backend = createFakeBackend();
    const hub = createMemoryBusHub();
    const opener = await createBrowser(backend, popupSettings, { hub }).open();
    opener.view().advertising.prepare();
    await opener.settle();
    expect(opener.view().advertising.activity).toBe('prepared');

    expect(opener.view().advertising.connect()).toEqual({ ok: true });
    // Same call stack as the click: no await between the click and window.open.
    expect(opener.environment.popups).toHaveLength(1);
    expect(opener.environment.redirects).toEqual([]);
    expect(opener.view().advertising.activity).toBe('popup');

    const popupUrl = opener.environment.popups[0]?.url ?? '';
    const popupWindow = createBrowser(backend, popupSettings, { hub, storage: createMemoryStorage() });
    const popup = await popupWindow.open(backend.amazonReturn(popupUrl));
    await popup.settle();
    const view = await opener.settle();
    expect(popup.environment.windowClosed).toBe(true);
    expect(view.advertising.condition).toBe('populating');
    expect(backend.calls.filter((call) => call.method === 'callback')).toHaveLength(1);
  });

  it('a blocked popup falls back to the full-page redirect and says why', async () => {
    const backend = createFakeBackend();
    const tab = await createBrowser(backend, popupSettings, { popups: 'blocked' }).open();
    tab.view().advertising.connect();
    const view = await tab.settle();
    expect(view.advertising.activity).toBe('redirecting');
    expect(tab.environment.redirects).toHaveLength(1);
    expect(tab.connections.getSnapshot().context.popupBlocked.advertising).toBe(true);
  });

  it('a popup that looks closed is only advisory: its late answer within the grace period still connects', async () => {
    const backend = createFakeBackend();
    const hub = createMemoryBusHub();
    const opener = await createBrowser(backend, { ...popupSettings, popupGraceMs: 500 }, { hub }).open();
    opener.view().advertising.connect();
    await opener.settle();
    const handle = opener.environment.popups[0];
    if (!handle) throw new Error('no popup');
    handle.closed = true; // COOP severs the opener link: it looks closed while alive
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(opener.view().advertising.activity).toBe('popup');
    const popup = await createBrowser(backend, popupSettings, { hub, storage: createMemoryStorage() }).open(
      backend.amazonReturn(handle.url),
    );
    await popup.settle();
    expect((await opener.settle()).advertising.condition).toBe('populating');
  });

  it('a popup closed for good returns to where it was after the grace period', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection({ health: 'stale' })) });
    const tab = await createBrowser(backend, popupSettings).open();
    tab.view().advertising.connect();
    await tab.settle();
    const handle = tab.environment.popups[0];
    if (!handle) throw new Error('no popup');
    handle.closed = true;
    await new Promise((resolve) => setTimeout(resolve, 80));
    const view = tab.view();
    expect(view.advertising.activity).toBe('idle');
    expect(view.advertising.condition).toBe('stale');
    expect(view.advertising.actions.connect.allowed).toBe(true);
  });

  it('a message from another origin on the bus is ignored', async () => {
    const backend = createFakeBackend();
    const hub = createMemoryBusHub();
    const opener = await createBrowser(backend, popupSettings, { hub }).open();
    opener.view().advertising.connect();
    await opener.settle();
    const state = new URL(opener.environment.popups[0]?.url ?? '').searchParams.get('state');
    const evil = hub.connect('https://evil.example');
    evil.post({
      type: 'smart-ads:callback',
      origin: 'https://app.example',
      callback: { type: 'code', kind: 'advertising', code: 'stolen', state },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opener.view().advertising.activity).toBe('popup');
    expect(backend.calls.some((call) => call.method === 'callback')).toBe(false);
  });

  it('a change made in one tab reaches the other tab', async () => {
    const backend = createFakeBackend({ status: statusOf(advertisingConnection()) });
    const hub = createMemoryBusHub();
    const first = await createBrowser(backend, {}, { hub }).open();
    const second = await createBrowser(backend, {}, { hub }).open();
    first.view().advertising.disconnect();
    first.view().advertising.confirmDisconnect();
    await first.settle();
    const view = await second.settle();
    expect(view.advertising.condition).toBe('disconnected');
  });
});
