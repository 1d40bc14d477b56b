/**
 * The browser APIs the engine uses, behind one small interface so the machine runs in Node, in tests and on the
 * server (no `window` at import time). {@link createBrowserEnvironment} wraps the real ones;
 * {@link createMemoryEnvironment} keeps everything in memory.
 */

/**
 * The part of the Web Storage API the engine needs; `sessionStorage` and `localStorage` fit as they are.
 *
 * @example
 * ```ts
 * const storage: KeyValueStorage = window.localStorage;
 * ```
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A window opened for Amazon's sign-in. `closed` is advisory: a COOP page can look closed while alive.
 *
 * @example
 * ```ts
 * const popup: PopupHandle | null = window.open(url, 'amazon');
 * ```
 */
export interface PopupHandle {
  readonly closed: boolean;
  close(): void;
}

/**
 * A same-origin message bus between tabs and the sign-in popup (BroadcastChannel in browsers).
 *
 * @example
 * ```ts
 * const off = bus.subscribe((message, origin) => console.log(origin, message));
 * off();
 * ```
 */
export interface MessageBus {
  /** Sends `message` to every other listener of the bus. */
  post(message: unknown): void;
  /** Listens; `origin` is the sender's origin when the platform reports one, else `''`. Returns unsubscribe. */
  subscribe(listener: (message: unknown, origin: string) => void): () => void;
}

/**
 * Cancels a timer started by {@link ConnectionsEnvironment.setTimer}.
 *
 * @example
 * ```ts
 * const cancel: CancelTimer = environment.setTimer(() => {}, 1000);
 * cancel();
 * ```
 */
export type CancelTimer = () => void;

/**
 * Everything the engine touches outside itself.
 *
 * @example
 * ```ts
 * import { createConnections, createMemoryEnvironment } from '@smart-ads/core';
 * const environment = createMemoryEnvironment({ url: 'https://app.example/dashboard' });
 * createConnections({ transport, environment });
 * ```
 */
export interface ConnectionsEnvironment {
  /** The page's current absolute URL. */
  currentUrl(): string;
  /** Replaces the address bar's URL without navigating (`history.replaceState`). */
  replaceUrl(url: string): void;
  /** Leaves the page for `url` (`location.assign`): the full-page redirect to Amazon. */
  redirect(url: string): void;
  /** Opens a popup synchronously; `null` when the browser blocked it. */
  openPopup(url: string): PopupHandle | null;
  /** Closes this window (the popup, after handing its callback to the opener). */
  closeWindow(): void;
  /** Where the pending OAuth transaction survives the redirect and a reload. */
  readonly storage: KeyValueStorage;
  /** The bus between tabs and the popup; `null` where there is none. */
  readonly bus: MessageBus | null;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `ms` milliseconds. */
  setTimer(callback: () => void, ms: number): CancelTimer;
}
