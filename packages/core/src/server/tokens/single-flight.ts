/**
 * Coalesces concurrent calls by key: while a call for `key` is running, every other caller with the same
 * key gets the same promise. Used for token refreshes, report jobs and metric computations.
 *
 * @example
 * ```ts
 * const flights = createSingleFlight();
 * await Promise.all([flights.run('a', refresh), flights.run('a', refresh)]); // refresh ran once
 * ```
 */
export interface SingleFlight {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** How many keys are in flight. */
  readonly size: number;
}

/** Creates an empty {@link SingleFlight}. */
export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = flights.get(key);
      if (running) return running as Promise<T>;
      const started = (async () => {
        try {
          return await work();
        } finally {
          flights.delete(key);
        }
      })();
      flights.set(key, started);
      return started;
    },
    get size() {
      return flights.size;
    },
  };
}
