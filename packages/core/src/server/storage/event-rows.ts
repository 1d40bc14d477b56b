import type { ConnectionEventType, ConnectionKind } from '../../contract/types';
import type { ConnectionRow } from './connection-rows';
import type {
  ChangeContext,
  ConnectionEventRecord,
  ConnectionRecord,
  JsonValue,
  NewConnectionEvent,
} from './connection-store';

/**
 * A `sa_connection_events` row as both SQL stores read it (PostgreSQL returns BIGINT as text).
 *
 * @example
 * ```ts
 * const events = rows<EventRow>('SELECT * FROM sa_connection_events WHERE position > ?', after).map(eventFromRow);
 * ```
 */
export interface EventRow {
  position: number | string;
  id: string;
  subscription_id: string;
  type: string;
  kind: string;
  account_id: string;
  at: number | string;
  actor: string | null;
  request_id: string | null;
  detail: string;
}

/**
 * The event read back from its row.
 *
 * @example
 * ```ts
 * const event = eventFromRow(row); // { position: 7, type: 'connected', … }
 * ```
 */
export function eventFromRow(row: EventRow): ConnectionEventRecord {
  return {
    position: Number(row.position),
    id: row.id,
    type: row.type as ConnectionEventType,
    subscriptionId: row.subscription_id,
    kind: row.kind as ConnectionKind,
    accountId: row.account_id,
    at: Number(row.at),
    actor: row.actor,
    requestId: row.request_id,
    detail: JSON.parse(row.detail) as { [key: string]: JsonValue },
  };
}

/**
 * The values of an event's row in `eventColumns` order, once the store has numbered it.
 *
 * @example
 * ```ts
 * const { values, record } = eventRowValues(position, connectionEvent('connected', connection, context));
 * insertEvent.run(...values);
 * ```
 */
export function eventRowValues(
  position: number,
  event: NewConnectionEvent,
): { values: (string | number | null)[]; record: ConnectionEventRecord } {
  const record: ConnectionEventRecord = { ...event, position, id: globalThis.crypto.randomUUID() };
  const values: (string | number | null)[] = [
    position,
    record.id,
    event.subscriptionId,
    event.type,
    event.kind,
    event.accountId,
    event.at,
    event.actor,
    event.requestId,
    JSON.stringify(event.detail),
  ];
  return { values, record };
}

/**
 * An event about a stored connection, with who and when from `context`.
 *
 * @example
 * ```ts
 * connectionEvent('disconnected', row, { actor: 'user_42', at: now }, { cascade: true });
 * ```
 */
export function connectionEvent(
  type: ConnectionEventType,
  connection: Pick<ConnectionRecord, 'subscriptionId' | 'kind' | 'accountId'> | ConnectionRow,
  context: ChangeContext | undefined,
  detail: { [key: string]: JsonValue } = {},
): NewConnectionEvent {
  const row = 'subscription_id' in connection;
  return {
    type,
    subscriptionId: row ? connection.subscription_id : connection.subscriptionId,
    kind: connection.kind as ConnectionKind,
    accountId: row ? connection.account_id : connection.accountId,
    at: context?.at ?? Date.now(),
    actor: context?.actor ?? null,
    requestId: context?.requestId ?? null,
    detail,
  };
}

/**
 * The kind and account of a report account key (`ads:<id>`, `sp:<id>`), for `data_ready`.
 *
 * @example
 * ```ts
 * accountOfKey('sp:A1B2C3'); // { kind: 'sellerCentral', accountId: 'A1B2C3' }
 * ```
 */
export function accountOfKey(accountKey: string): { kind: ConnectionKind; accountId: string } {
  return accountKey.startsWith('sp:')
    ? { kind: 'sellerCentral', accountId: accountKey.slice(3) }
    : { kind: 'advertising', accountId: accountKey.replace(/^ads:/, '') };
}
