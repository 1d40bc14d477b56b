import { ConnectionsError } from '../../errors/connections-error';
import { StaleAuthorizationError } from '../amazon/amazon-fetch';
import type { Engine } from '../http/connections-handler';
import type { ConnectionRecord } from '../storage/connection-store';

/**
 * Options of one health-check run.
 *
 * @example
 * ```ts
 * const options: HealthCheckOptions = { notCheckedForMs: 6 * 3_600_000, concurrency: 2, limit: 50 };
 * ```
 */
export interface HealthCheckOptions {
  /** Check connections neither checked nor refreshed (in use) for this long. @default 86400000 (a day) */
  readonly notCheckedForMs?: number;
  /** At most this many checks at once. @default 4 */
  readonly concurrency?: number;
  /** At most this many connections per run (the rest wait for the next run). @default 100 */
  readonly limit?: number;
  /** How long this server holds its claim on a connection before another may check it. @default 60000 */
  readonly leaseMs?: number;
}

/**
 * What a run did: connections `checked` (still working), found `stale` (the event was recorded), `failed` (Amazon
 * unavailable: checked again next run), and whether Amazon asked to slow down (`rateLimited`: the run stopped
 * early and left the rest for later).
 *
 * @example
 * ```ts
 * const report: HealthCheckReport = await server.healthChecks.run();
 * if (report.rateLimited) scheduleSooner = false;
 * ```
 */
export interface HealthCheckReport {
  readonly checked: number;
  readonly stale: number;
  readonly failed: number;
  readonly rateLimited: boolean;
}

/**
 * A job the host schedules: validates connections not checked recently with a token refresh at Login with
 * Amazon (the cheapest proof an authorization still works), marks dead ones stale and records the
 * `stale_detected` event, so a seller can be told before opening the dashboard. The store decides which server
 * checks which connection, so several servers can run it at once.
 *
 * @example
 * ```ts
 * setInterval(() => void server.healthChecks.run({ concurrency: 2 }), 15 * 60_000);
 * ```
 */
export interface HealthChecks {
  run(options?: HealthCheckOptions): Promise<HealthCheckReport>;
}

/**
 * Creates the {@link HealthChecks} of a server. Internal.
 *
 * @example
 * ```ts
 * const healthChecks = createHealthChecks(runtime.engine);
 * ```
 */
export function createHealthChecks(engine: () => Promise<Engine>): HealthChecks {
  return {
    async run(options = {}) {
      const started = await engine();
      const now = started.now();
      const claimed = await started.store.claimHealthChecks({
        now,
        checkedBefore: now - (options.notCheckedForMs ?? 86_400_000),
        leaseMs: options.leaseMs ?? 60_000,
        limit: Math.max(1, options.limit ?? 100),
      });
      const queue: ConnectionRecord[] = [...claimed];
      const report = { checked: 0, stale: 0, failed: 0, rateLimited: false };
      async function worker(): Promise<void> {
        for (let next = queue.shift(); next && !report.rateLimited; next = queue.shift()) {
          try {
            await started.tokens.accessToken(next, { forceRefresh: true });
            report.checked += 1;
          } catch (error) {
            if (error instanceof StaleAuthorizationError) {
              report.stale += 1; // the token manager marked it stale, with its event
            } else if (error instanceof ConnectionsError && error.code === 'rate_limited') {
              report.rateLimited = true;
              continue; // the claim lapses: checked on a later run
            } else if (error instanceof ConnectionsError && error.code === 'not_connected') {
              continue; // disconnected meanwhile
            } else {
              report.failed += 1;
              continue;
            }
          }
          await started.store.finishHealthCheck(next.subscriptionId, next.authorizationId, started.now());
        }
      }
      const workers = Math.max(1, Math.min(options.concurrency ?? 4, claimed.length));
      await Promise.all(Array.from({ length: workers }, worker));
      return report;
    },
  };
}
