import { isConnectionsError } from '../../errors/connections-error';
import { StaleAuthorizationError } from '../amazon/amazon-fetch';
import type { ConnectionStore, JsonValue, ReportKey } from '../storage/connection-store';
import { createSingleFlight } from '../tokens/single-flight';

/** What a source answers when asked for a new report: a job to poll, or the data at once. */
export type ReportStart =
  | { readonly reportId: string }
  | { readonly payload: JsonValue; readonly hasData: boolean };
/** What a source answers when a job is polled. */
export type ReportPoll =
  | { readonly state: 'pending' }
  | { readonly state: 'done'; readonly payload: JsonValue; readonly hasData: boolean }
  | { readonly state: 'failed' };

/** One kind of Amazon data for one account and date range. */
export interface ReportSource {
  readonly key: ReportKey;
  start(): Promise<ReportStart>;
  poll(reportId: string): Promise<ReportPoll>;
}

/**
 * Timing of the report cache.
 *
 * @example
 * ```ts
 * const reports: ReportTimings = { freshForMs: 30 * 60_000, pollIntervalMs: 10_000 };
 * ```
 */
export interface ReportTimings {
  /** Data younger than this is served without asking Amazon. @default 3600000 (1 hour) */
  readonly freshForMs?: number;
  /** An empty document (Amazon's data lags) is asked for again after this. @default 900000 (15 minutes) */
  readonly emptyRetryMs?: number;
  /** A pending job is polled at most this often, however many dashboards ask. @default 5000 */
  readonly pollIntervalMs?: number;
  /** A job not finished after this is abandoned and started again. @default 1800000 (30 minutes) */
  readonly jobTimeoutMs?: number;
  /** After a failure without Retry-After, wait this long before a new job. @default 60000 */
  readonly failureBackoffMs?: number;
}

/** The cached data of a source, if any, and whether it came back empty. */
export interface CachedReport {
  readonly payload: JsonValue | null;
}

/**
 * Serves reports from the store, and moves their Amazon jobs forward at most once per poll interval:
 * concurrent requests in this process share one flight, and the store's claims make other app servers
 * wait too. 429s and failures set a `notBefore` (Amazon's Retry-After when given).
 *
 * @example
 * ```ts
 * const reports = createReportCache({ store, now: Date.now });
 * const { payload } = await reports.get(source); // null while Amazon prepares the report
 * ```
 */
export interface ReportCache {
  get(source: ReportSource): Promise<CachedReport>;
}

/** Creates a {@link ReportCache}. */
export function createReportCache(deps: {
  store: ConnectionStore;
  now: () => number;
  timings?: ReportTimings;
  isEmpty: (payload: JsonValue) => boolean;
  /** Told of each answer from the cache and each status poll of an Amazon report job (metrics). */
  observe?: (event: 'cache_hit' | 'report_poll') => void;
}): ReportCache {
  const freshFor = deps.timings?.freshForMs ?? 3_600_000;
  const emptyRetry = deps.timings?.emptyRetryMs ?? 900_000;
  const pollInterval = deps.timings?.pollIntervalMs ?? 5_000;
  const jobTimeout = deps.timings?.jobTimeoutMs ?? 1_800_000;
  const backoff = deps.timings?.failureBackoffMs ?? 60_000;
  const flights = createSingleFlight();
  const keyText = (key: ReportKey) =>
    JSON.stringify([key.subscriptionId, key.accountKey, key.source, key.from, key.to]);

  async function advance(source: ReportSource): Promise<void> {
    const { key } = source;
    const now = deps.now();
    const entry = await deps.store.getReport(key);
    const ttl = entry?.payload != null && deps.isEmpty(entry.payload) ? emptyRetry : freshFor;
    const release = async (error: unknown) => {
      // A dead authorization is not Amazon failing: the next one (a reconnect) must not wait for a backoff.
      if (error instanceof StaleAuthorizationError) return deps.store.releaseReportJob(key, null);
      const retryAfter = isConnectionsError(error) ? error.retryAfterSeconds : undefined;
      await deps.store.releaseReportJob(key, now + (retryAfter !== undefined ? retryAfter * 1000 : backoff));
    };
    if (
      entry?.jobState === 'pending' &&
      entry.amazonReportId &&
      (entry.jobStartedAt ?? 0) >= now - jobTimeout
    ) {
      if (!(await deps.store.claimReportPoll(key, { now, polledBefore: now - pollInterval }))) return;
      let result: ReportPoll;
      try {
        deps.observe?.('report_poll');
        result = await source.poll(entry.amazonReportId);
      } catch (error) {
        if (isConnectionsError(error, 'rate_limited')) return; // keep the job; poll again later
        await release(error);
        throw error;
      }
      if (result.state === 'done')
        await deps.store.completeReport(key, result.payload, deps.now(), result.hasData);
      else if (result.state === 'failed') await deps.store.releaseReportJob(key, now + backoff);
      return;
    }
    const claimed = await deps.store.claimReportJob(key, {
      now,
      refreshBefore: now - ttl,
      abandonedBefore: now - jobTimeout,
    });
    if (!claimed) return;
    let started: ReportStart;
    try {
      started = await source.start();
    } catch (error) {
      await release(error);
      throw error;
    }
    if ('payload' in started)
      await deps.store.completeReport(key, started.payload, deps.now(), started.hasData);
    else await deps.store.setReportJob(key, started.reportId);
  }

  return {
    async get(source) {
      const entry = await deps.store.getReport(source.key);
      const now = deps.now();
      const fresh =
        entry?.payload != null &&
        (entry.fetchedAt ?? 0) >= now - (deps.isEmpty(entry.payload) ? emptyRetry : freshFor);
      if (!fresh) {
        await flights.run(keyText(source.key), () => advance(source));
        const after = await deps.store.getReport(source.key);
        return { payload: after?.payload ?? null };
      }
      deps.observe?.('cache_hit');
      return { payload: entry.payload };
    },
  };
}
