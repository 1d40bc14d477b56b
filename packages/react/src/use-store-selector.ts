import { useRef, useSyncExternalStore } from 'react';

interface Selection<S, T> {
  readonly state: S;
  readonly selector: (state: S) => T;
  readonly value: T;
}

/**
 * `useSyncExternalStore` with a selector and an equality function: the component re-renders only when the
 * selected value changes by `isEqual`. The same value object is returned while it is equal. Internal.
 */
export function useStoreSelector<S, T>(
  subscribe: (listener: () => void) => () => void,
  getState: () => S,
  selector: (state: S) => T,
  isEqual: (a: T, b: T) => boolean,
): T {
  const last = useRef<Selection<S, T> | null>(null);
  const getSelection = (): T => {
    const state = getState();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) return previous.value;
    const value = selector(state);
    const kept = previous && isEqual(previous.value, value) ? previous.value : value;
    last.current = { state, selector, value: kept };
    return kept;
  };
  return useSyncExternalStore(subscribe, getSelection, getSelection);
}
