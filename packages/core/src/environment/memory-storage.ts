import type { CancelTimer, ConnectionsEnvironment, KeyValueStorage } from './environment.types';

/**
 * A {@link KeyValueStorage} in a `Map`: the default where there is no window (SSR, Node, tests).
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * storage.setItem('a', '1');
 * storage.getItem('a'); // '1'
 * ```
 */
export function createMemoryStorage(): KeyValueStorage & { readonly size: number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    get size() {
      return items.size;
    },
  };
}

/** `setTimeout` as a {@link ConnectionsEnvironment.setTimer}: the timer of the browser and memory environments. */
export function setTimer(callback: () => void, ms: number): CancelTimer {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
}
