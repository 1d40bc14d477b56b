import {
  type AccessRecord,
  type ConnectionsLog,
  createConnectionsServer,
  type EraseResult,
  type LogFields,
} from '@smart-ads/core/server';
import { amazonOptions } from './amazon-handler';

// #region log
/** Readable lines in development; one JSON object per line with NODE_ENV=production (for your log pipeline). */
export function createAppLog(production = process.env.NODE_ENV === 'production'): ConnectionsLog {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields: LogFields) => {
    const time = new Date().toISOString();
    if (production) {
      console[level](JSON.stringify({ time, level, message, ...fields }));
    } else {
      const pairs = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
      console[level](`${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${message}  ${pairs.join(' ')}`);
    }
  };
  // Each Amazon call is a `debug` line: leave `debug` out to skip them.
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

export const operatedServer = createConnectionsServer({
  ...amazonOptions,
  log: createAppLog(),
  retention: { eventsMs: 180 * 86_400_000 }, // history for 180 days; the other limits keep their defaults
});
// #endregion log

// #region erase
/** A seller closed their account (or asked to be forgotten): nothing of them stays in the connections' tables. */
export async function forgetSeller(subscriptionId: string): Promise<EraseResult> {
  const result = await operatedServer.erase(subscriptionId); // one transaction; safe to call again
  // result.event is the `erased` event (no personal data), also delivered to events.subscribe and the outbox
  return result;
}
// #endregion erase

// #region retention
/** Every hour, on every app server: runs at the same time split the rows between them. */
export function scheduleRetention(): NodeJS.Timeout {
  return setInterval(() => {
    operatedServer.retention.run().catch((error: unknown) => {
      console.error('Amazon data retention failed:', error instanceof Error ? error.message : error);
    });
  }, 3_600_000);
}
// #endregion retention

// #region audit
/** Who used this seller's Amazon connection from your jobs and routes, newest first. */
export async function amazonAccessReport(subscriptionId: string): Promise<string[]> {
  const entries: AccessRecord[] = await operatedServer.accessAudit.list(subscriptionId, { limit: 100 });
  return entries.map(
    (entry) =>
      `${new Date(entry.at).toISOString()} ${entry.actor} ${entry.operation} ${entry.endpointFamily}`,
  );
}
// #endregion audit
