import type { ConnectionStore, RetentionCounts } from '../storage/connection-store';

const DAY = 86_400_000;

/**
 * How long each kind of data is kept (milliseconds), and how many rows one short transaction deletes.
 *
 * @example
 * ```ts
 * const limits: RetentionLimits = { ...defaultRetentionLimits, reportsMs: 7 * 86_400_000 };
 * ```
 */
export interface RetentionLimits {
  /** Cached report data (the seller's figures), from when it was fetched; asked again from Amazon when needed. */
  readonly reportsMs: number;
  /** OAuth transactions, from when they expired (they expire 10 minutes after `/authorize`). */
  readonly transactionsMs: number;
  /** Connection events: the outbox and the history `GET /history` shows. */
  readonly eventsMs: number;
  /** The access audit (`accessAudit.list`). */
  readonly accessMs: number;
  /** Rows per transaction. */
  readonly batchSize: number;
}

/**
 * The defaults: cached reports 30 days, OAuth transactions 1 day after they expired, events and history 365
 * days, the access audit 365 days, 500 rows per transaction.
 *
 * @example
 * ```ts
 * createConnectionsServer({ ...options, retention: { ...defaultRetentionLimits, eventsMs: 90 * 86_400_000 } });
 * ```
 */
export const defaultRetentionLimits: RetentionLimits = Object.freeze({
  reportsMs: 30 * DAY,
  transactionsMs: DAY,
  eventsMs: 365 * DAY,
  accessMs: 365 * DAY,
  batchSize: 500,
});

/**
 * The retention job: the host schedules `run()` (say hourly, on every server: runs on several servers at once
 * split the work and never fail on each other).
 *
 * @example
 * ```ts
 * setInterval(() => void server.retention.run().catch(console.error), 3_600_000);
 * ```
 */
export interface Retention {
  /** The limits this server applies (the defaults merged with the `retention` option). */
  readonly limits: RetentionLimits;
  /** Deletes what is older than the limits (`overrides` change them for this run); answers what it removed. */
  run(overrides?: Partial<RetentionLimits>): Promise<RetentionCounts>;
}

/**
 * Checks limits given by the host: each a finite number > 0 (a misconfiguration throws at start).
 *
 * @example
 * ```ts
 * const limits = retentionLimits({ eventsMs: 90 * 86_400_000 });
 * ```
 */
export function retentionLimits(given: Partial<RetentionLimits> = {}): RetentionLimits {
  const limits = { ...defaultRetentionLimits, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`createConnectionsServer: retention.${name} must be a number > 0`);
    }
  }
  return limits;
}

/**
 * The {@link Retention} job on a store. Internal.
 *
 * @example
 * ```ts
 * const retention = createRetention(store, () => Date.now(), {});
 * ```
 */
export function createRetention(
  store: () => Promise<ConnectionStore>,
  now: () => Promise<number>,
  given: Partial<RetentionLimits> | undefined,
): Retention {
  const limits = retentionLimits(given);
  return {
    limits,
    async run(overrides = {}) {
      const use = retentionLimits({ ...limits, ...overrides });
      const at = await now();
      return (await store()).applyRetention({
        now: at,
        reportsFetchedBefore: at - use.reportsMs,
        transactionsExpiredBefore: at - use.transactionsMs,
        eventsBefore: at - use.eventsMs,
        accessBefore: at - use.accessMs,
        batchSize: use.batchSize,
      });
    },
  };
}
