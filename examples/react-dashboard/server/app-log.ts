import type { ConnectionsLog, LogFields } from '@smart-ads/core/server';

/**
 * The example's log for the server half: readable lines in development, one JSON object per line with
 * NODE_ENV=production. Amazon calls (`debug`) are printed only with LOG_LEVEL=debug.
 *
 * @example
 * ```ts
 * createConnectionsServer({ ...options, log: createAppLog() });
 * ```
 */
export function createAppLog(
  production = process.env.NODE_ENV === 'production',
  debug = process.env.LOG_LEVEL === 'debug',
): ConnectionsLog {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields: LogFields) => {
    const time = new Date().toISOString();
    if (production) {
      console[level](JSON.stringify({ time, level, message, ...fields }));
      return;
    }
    const pairs = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
    console[level](`${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${message}  ${pairs.join(' ')}`);
  };
  const log = { info: line('info'), warn: line('warn'), error: line('error') };
  return debug ? { ...log, debug: line('debug') } : log;
}
