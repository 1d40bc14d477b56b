import type { ConnectionsEnvironment, KeyValueStorage, MessageBus, PopupHandle } from './environment.types';
import { createMemoryStorage, setTimer } from './memory-storage';

/**
 * A set of buses shared by several memory environments: tabs and popups of one simulated browser.
 *
 * @example
 * ```ts
 * const hub: MemoryBusHub = createMemoryBusHub();
 * const bus = hub.connect('https://app.example');
 * ```
 */
export interface MemoryBusHub {
  /** Creates a bus endpoint for one window of `origin`. */
  connect(origin: string): MessageBus;
}

/**
 * Creates a hub so that several {@link createMemoryEnvironment} windows (a tab and its popup, two tabs) can talk.
 *
 * @example
 * ```ts
 * const hub = createMemoryBusHub();
 * const tab = createMemoryEnvironment({ hub });
 * const popup = createMemoryEnvironment({ hub, url: 'https://app.example/?code=…&state=…' });
 * ```
 */
export function createMemoryBusHub(): MemoryBusHub {
  const listeners = new Set<{ own: object; listener: (message: unknown, origin: string) => void }>();
  return {
    connect(origin) {
      const own = {};
      return {
        post(message) {
          const copy: unknown = structuredClone(message);
          for (const entry of [...listeners]) {
            if (entry.own !== own) queueMicrotask(() => entry.listener(copy, origin));
          }
        },
        subscribe(listener) {
          const entry = { own, listener };
          listeners.add(entry);
          return () => {
            listeners.delete(entry);
          };
        },
      };
    },
  };
}

/**
 * Options of {@link createMemoryEnvironment}.
 *
 * @example
 * ```ts
 * const options: MemoryEnvironmentOptions = { url: 'https://app.example/dashboard', popups: 'blocked' };
 * ```
 */
export interface MemoryEnvironmentOptions {
  /**
   * The page's URL.
   * @default 'https://app.example/'
   */
  readonly url?: string;
  /**
   * Storage for the pending transaction.
   * @default a fresh in-memory storage
   */
  readonly storage?: KeyValueStorage;
  /**
   * Connects the environment to other windows; without it there is no bus.
   * @default undefined
   */
  readonly hub?: MemoryBusHub;
  /**
   * What `openPopup` does: `'open'` returns a handle, `'blocked'` returns `null` like a popup blocker.
   * @default 'open'
   */
  readonly popups?: 'open' | 'blocked';
  /**
   * The clock.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * A window in memory: what it did is recorded for assertions.
 *
 * @example
 * ```ts
 * const environment: MemoryEnvironment = createMemoryEnvironment();
 * // …after a CONNECT:
 * environment.redirects[0]; // 'https://www.amazon.com/ap/oa?…'
 * ```
 */
export interface MemoryEnvironment extends ConnectionsEnvironment {
  /** Every URL passed to `redirect`, oldest first. */
  readonly redirects: readonly string[];
  /** Every popup opened, with its URL. */
  readonly popups: readonly (PopupHandle & { readonly url: string; closed: boolean })[];
  /** Whether `closeWindow` was called. */
  readonly windowClosed: boolean;
}

/**
 * An environment with no browser: the URL, history, storage, popups and bus live in memory. The default where
 * there is no `window` (SSR, Node), and the one tests use.
 *
 * @example
 * ```ts
 * import { createMemoryEnvironment } from '@smart-ads/core';
 * const environment = createMemoryEnvironment({ url: 'https://app.example/dashboard', popups: 'blocked' });
 * environment.redirects; // [] until the machine sends the page to Amazon
 * ```
 */
export function createMemoryEnvironment(options: MemoryEnvironmentOptions = {}): MemoryEnvironment {
  let url = options.url ?? 'https://app.example/';
  const redirects: string[] = [];
  const popups: (PopupHandle & { url: string; closed: boolean })[] = [];
  let windowClosed = false;
  const storage = options.storage ?? createMemoryStorage();
  const bus = options.hub ? options.hub.connect(new URL(url).origin) : null;
  const now = options.now ?? Date.now;
  return {
    currentUrl: () => url,
    replaceUrl(next) {
      url = new URL(next, url).href;
    },
    redirect(next) {
      redirects.push(next);
    },
    openPopup(popupUrl) {
      if (options.popups === 'blocked') return null;
      const popup = {
        url: popupUrl,
        closed: false,
        close() {
          popup.closed = true;
        },
      };
      popups.push(popup);
      return popup;
    },
    closeWindow() {
      windowClosed = true;
    },
    storage,
    bus,
    now: () => now(),
    setTimer,
    get redirects() {
      return redirects;
    },
    get popups() {
      return popups;
    },
    get windowClosed() {
      return windowClosed;
    },
  };
}
