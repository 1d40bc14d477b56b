import type { ConnectionEventType, ConnectionKind } from '../../contract/types';
import type { ConnectionRow } from './connection-rows';
import type {
  AccessRecord,
  ChangeContext,
  ConnectionEventRecord,
  ConnectionRecord,
  JsonValue,
  NewAccessRecord,
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
  connection:
    | (Pick<ConnectionRecord, 'subscriptionId' | 'kind' | 'accountId'> & { tokenRegion?: string })
    | ConnectionRow,
  context: ChangeContext | undefined,
  detail: { [key: string]: JsonValue } = {},
): NewConnectionEvent {
  const row = 'subscription_id' in connection;
  // Seller Central is authorised per region: its events name the region.
  const region =
    connection.kind !== 'sellerCentral'
      ? undefined
      : row
        ? connection.token_region
        : 'tokenRegion' in connection
          ? connection.tokenRegion
          : undefined;
  return {
    type,
    subscriptionId: row ? connection.subscription_id : connection.subscriptionId,
    kind: connection.kind as ConnectionKind,
    accountId: row ? connection.account_id : connection.accountId,
    at: context?.at ?? Date.now(),
    actor: context?.actor ?? null,
    requestId: context?.requestId ?? null,
    detail: region === undefined ? detail : { ...detail, region },
  };
}

/**
 * The kind, account and (Seller Central) region of a report account key (`ads:<id>`, `sp:<id>@<region>`), for
 * `data_ready`.
 *
 * @example
 * ```ts
 * accountOfKey('sp:A1B2C3@eu'); // { kind: 'sellerCentral', accountId: 'A1B2C3', tokenRegion: 'eu' }
 * ```
 */
export function accountOfKey(accountKey: string): {
  kind: ConnectionKind;
  accountId: string;
  tokenRegion?: string;
} {
  if (!accountKey.startsWith('sp:')) {
    return { kind: 'advertising', accountId: accountKey.replace(/^ads:/, '') };
  }
  const [accountId = '', tokenRegion] = accountKey.slice(3).split('@');
  return tokenRegion
    ? { kind: 'sellerCentral', accountId, tokenRegion }
    : { kind: 'sellerCentral', accountId };
}

/**
 * The final event of an erased subscription: no account, actor or request id (nothing personal); `detail.rows`
 * counts the rows deleted.
 *
 * @example
 * ```ts
 * writeEvent(erasedEvent('sub_1', Date.now(), 12));
 * ```
 */
export function erasedEvent(subscriptionId: string, at: number, rows: number): NewConnectionEvent {
  return {
    type: 'erased',
    subscriptionId,
    kind: 'advertising',
    accountId: '',
    at,
    actor: null,
    requestId: null,
    detail: { rows },
  };
}

let accessCounter = 0;

/**
 * The values of an access-audit row in `accessColumns` order. The id sorts by time, then by the order this
 * process recorded it (`<at, 15 digits>-<counter>-<random>`).
 *
 * @example
 * ```ts
 * const { values, record } = accessRowValues(access);
 * insertAccess.run(...values);
 * ```
 */
export function accessRowValues(access: NewAccessRecord): {
  values: (string | number | null)[];
  record: AccessRecord;
} {
  accessCounter = (accessCounter + 1) % 1e9;
  const id = `${String(Math.max(0, Math.trunc(access.at))).padStart(15, '0')}-${String(accessCounter).padStart(9, '0')}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
  const record: AccessRecord = { ...access, id };
  const values = [
    id,
    access.subscriptionId,
    access.kind,
    access.operation,
    access.endpointFamily,
    access.method,
    access.actor,
    access.requestId,
    access.at,
  ];
  return { values, record };
}

/**
 * A `sa_access_audit` row as both SQL stores read it (PostgreSQL returns BIGINT as text).
 *
 * @example
 * ```ts
 * const entries = rows<AccessRow>('SELECT * FROM sa_access_audit WHERE subscription_id = $1', [id]).map(accessFromRow);
 * ```
 */
export interface AccessRow {
  id: string;
  subscription_id: string;
  kind: string;
  operation: string;
  endpoint_family: string;
  method: string | null;
  actor: string;
  request_id: string | null;
  at: number | string;
}

/**
 * The access record read back from its row.
 *
 * @example
 * ```ts
 * const entry = accessFromRow(row); // { operation: 'fetch', endpointFamily: 'ads:/sp/keywords', … }
 * ```
 */
export function accessFromRow(row: AccessRow): AccessRecord {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    kind: row.kind as ConnectionKind,
    operation: row.operation as AccessRecord['operation'],
    endpointFamily: row.endpoint_family,
    method: row.method,
    actor: row.actor,
    requestId: row.request_id,
    at: Number(row.at),
  };
}
