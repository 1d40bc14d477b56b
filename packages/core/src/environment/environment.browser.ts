import type { ConnectionsEnvironment, KeyValueStorage, MessageBus } from './environment.types';
import { createMemoryStorage, setTimer } from './memory-storage';

/**
 * The BroadcastChannel name the engine's windows share.
 *
 * @example
 * ```ts
 * new BroadcastChannel(busChannelName).postMessage({ type: 'smart-ads:status-changed', origin: location.origin });
 * ```
 */
export const busChannelName = 'smart-ads-connections';

/**
 * Options of {@link createBrowserEnvironment}.
 *
 * @example
 * ```ts
 * createBrowserEnvironment({ storage: window.localStorage, popupFeatures: 'popup,width=600,height=800' });
 * ```
 */
export interface BrowserEnvironmentOptions {
  /**
   * Where the pending transaction is kept; it must survive a full-page redirect and a reload.
   * @default window.sessionStorage (in-memory when it is unavailable, e.g. Safari private mode)
   */
  readonly storage?: KeyValueStorage;
  /**
   * Features passed to `window.open` for the sign-in popup.
   * @default 'popup,width=520,height=720'
   */
  readonly popupFeatures?: string;
}

function sessionStorageOrMemory(): KeyValueStorage {
  try {
    const storage = window.sessionStorage;
    const probe = '__smart_ads_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return createMemoryStorage();
  }
}

function broadcastBus(): MessageBus | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(busChannelName);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      const onMessage = (event: MessageEvent) => listener(event.data, event.origin);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

/**
 * The real browser behind {@link ConnectionsEnvironment}. Touches `window` only when called, never at import,
 * so importing the package is safe during server rendering.
 *
 * @example
 * ```ts
 * import { createBrowserEnvironment, createConnections } from '@smart-ads/core';
 * const connections = createConnections({
 *   transport,
 *   environment: createBrowserEnvironment({ storage: window.localStorage }),
 * });
 * ```
 */
export function createBrowserEnvironment(options: BrowserEnvironmentOptions = {}): ConnectionsEnvironment {
  const storage = options.storage ?? sessionStorageOrMemory();
  const bus = broadcastBus();
  const features = options.popupFeatures ?? 'popup,width=520,height=720';
  return {
    currentUrl: () => window.location.href,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    redirect: (url) => window.location.assign(url),
    openPopup: (url) => window.open(url, 'smart-ads-amazon-sign-in', features),
    closeWindow: () => window.close(),
    storage,
    bus,
    now: () => Date.now(),
    setTimer,
  };
}

/**
 * The browser environment where there is a `window`, the memory one elsewhere (SSR, Node, workers).
 *
 * @example
 * ```ts
 * const environment = defaultEnvironment();
 * ```
 */
export function defaultEnvironment(): ConnectionsEnvironment {
  if (typeof window !== 'undefined' && typeof window.location !== 'undefined')
    return createBrowserEnvironment();
  // Imported lazily in spirit: the memory environment has no browser dependency at all.
  return memoryFallback();
}

function memoryFallback(): ConnectionsEnvironment {
  return {
    currentUrl: () => 'http://localhost/',
    replaceUrl: () => {},
    redirect: () => {},
    openPopup: () => null,
    closeWindow: () => {},
    storage: createMemoryStorage(),
    bus: null,
    now: () => Date.now(),
    setTimer,
  };
}
