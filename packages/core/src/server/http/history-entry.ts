import type { AmazonRegion, ConnectionHistoryEntry } from '../../contract/types';
import type { ConnectionEventRecord } from '../storage/connection-store';

const isRegion = (value: unknown): value is AmazonRegion =>
  value === 'na' || value === 'eu' || value === 'fe';

/**
 * A history entry as `GET /history` answers it (no token, no secret: the event carries none).
 *
 * @example
 * ```ts
 * const entries = (await store.listHistory('sub_1', 50)).map(historyEntry);
 * ```
 */
export function historyEntry(event: ConnectionEventRecord): ConnectionHistoryEntry {
  return {
    id: event.id,
    type: event.type,
    kind: event.kind,
    accountId: event.accountId,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    requestId: event.requestId,
    ...(typeof event.detail.cascade === 'boolean' ? { cascade: event.detail.cascade } : {}),
    ...(isRegion(event.detail.region) ? { region: event.detail.region } : {}),
  };
}
