/**
 * The mock's clock. Frozen by default: time moves only when a test says so, so a test can jump past a
 * 5-minute code expiry or a 72-hour report delay without waiting.
 *
 * @example
 * ```ts
 * amazon.clock.advance(5 * 60_000 + 1); // the authorization code has now expired
 * ```
 */
export interface MockClock {
  /** Milliseconds since the epoch, as the mock sees it. */
  now(): number;
  /** Moves the clock forward by `ms` milliseconds (negative values are refused). */
  advance(ms: number): void;
  /** Sets the clock to an absolute time in milliseconds since the epoch. */
  set(ms: number): void;
}

/**
 * How the mock clock moves: `frozen` (only by `advance`/`set`) or `running` (with real time, plus jumps).
 *
 * @example
 * ```ts
 * createMockAmazon({ clock: 'running' });
 * ```
 */
export type ClockMode = 'frozen' | 'running';

/** A clock that can be put back to its start. */
export interface ResettableClock extends MockClock {
  reset(): void;
}

/** Creates the mock clock starting at `start`. */
export function createClock(
  start: number,
  mode: ClockMode,
  realNow: () => number = Date.now,
): ResettableClock {
  let offset = 0;
  let realStart = realNow();
  const elapsed = () => (mode === 'running' ? realNow() - realStart : 0);
  return {
    now: () => start + offset + elapsed(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance(ms) takes a finite ms >= 0');
      offset += ms;
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('clock.set(ms) takes a finite time');
      offset = ms - start - elapsed();
    },
    reset() {
      offset = 0;
      realStart = realNow();
    },
  };
}
