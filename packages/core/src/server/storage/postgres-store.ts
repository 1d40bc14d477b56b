import {
  type ConnectionRow,
  compareRows,
  connectionFromRow,
  countedAccountId,
  isReconnect,
  outcomeText,
  planDelete,
  planDisconnect,
  planSave,
  type ReportRow,
  reportFromRow,
  reportKeyValues,
  rowFromConnection,
  rowFromTransaction,
  type TransactionRow,
  transactionFromRow,
} from './connection-rows';
import type {
  ConnectionEventRecord,
  ConnectionStore,
  NewConnectionEvent,
  SaveConnectionResult,
  TransactionOutcome,
} from './connection-store';
import {
  type AccessRow,
  accessFromRow,
  accessRowValues,
  accountOfKey,
  connectionEvent,
  type EventRow,
  erasedEvent,
  eventFromRow,
  eventRowValues,
} from './event-rows';
import { refuseNewerSchema } from './schema-version-error';
import {
  accessColumns,
  connectionColumns,
  countConnectionSql,
  eventColumns,
  migrationsTable,
  nextEventPositionSql,
  sqlMigrations,
  subscriptionTables,
  transactionColumns,
} from './sql-schema';

/**
 * The part of a `pg` client or pool the store uses (so hosts need not install `@types/pg`).
 *
 * @example
 * ```ts
 * const queryable: PgQueryable = new pg.Pool();
 * ```
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}
/**
 * The part of a `pg.Pool` the store uses.
 *
 * @example
 * ```ts
 * const pool: PgPoolLike = new pg.Pool({ connectionString });
 * ```
 */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
}

/**
 * Options of {@link createPostgresStore}: the host's pool, or a connection string (the store owns that pool).
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: 'postgres://app@db/app', maxConnections: 20 };
 * ```
 */
export type PostgresStoreOptions =
  | { readonly pool: PgPoolLike; readonly connectionString?: never; readonly createTables?: boolean }
  | {
      readonly connectionString: string;
      readonly pool?: never;
      /** Pool size when the store creates the pool. @default 10 */
      readonly maxConnections?: number;
      readonly createTables?: boolean;
    };

const reportWhere =
  'subscription_id = $1 AND account_key = $2 AND source = $3 AND range_from = $4 AND range_to = $5';
/** `$1, $2, ...`: one placeholder for each of `columns`. */
const placeholders = (columns: readonly string[]) => columns.map((_, index) => `$${index + 1}`).join(', ');

/**
 * Takes the subscription's row lock inside a transaction, creating the row on first use. Every write that changes
 * a subscription's connections (a save under the one-account rule, the disconnect cascade, a stale mark) takes it
 * first, so they run one after the other on every app server: a Seller Central save can never slip in beside the
 * Advertising disconnect that removes its parent. (Access-token updates and refresh leases change one row by its
 * unique authorization id and need no lock: on a removed connection they change nothing.)
 */
async function lockSubscription(client: PgQueryable, subscriptionId: string): Promise<void> {
  await client.query('INSERT INTO sa_subscriptions (id) VALUES ($1) ON CONFLICT DO NOTHING', [
    subscriptionId,
  ]);
  await client.query('SELECT id FROM sa_subscriptions WHERE id = $1 FOR UPDATE', [subscriptionId]);
}

function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * A {@link ConnectionStore} on PostgreSQL for hosts running several app servers. Saves lock the
 * subscription's row, and the one-account rule is also a primary key (`subscription, kind, slot`), so
 * concurrent callbacks on different servers still leave exactly one account. `pg` is an optional peer
 * dependency, loaded only when a connection string is given.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@smart-ads/core/server';
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * // or share the host's pool: createPostgresStore({ pool })
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<ConnectionStore> {
  let pool: PgPoolLike;
  let ownsPool = false;
  if (options.pool) {
    pool = options.pool;
  } else {
    // A computed specifier: hosts without the optional `pg` peer dependency can still bundle this entry point.
    const specifier = ['p', 'g'].join('');
    const pg = await (import(/* @vite-ignore */ specifier) as Promise<typeof import('pg')>).catch(
      (cause: unknown) => {
        throw new Error('createPostgresStore({ connectionString }) needs the "pg" package: pnpm add pg', {
          cause,
        });
      },
    );
    const Pool = pg.default?.Pool ?? pg.Pool;
    const owned = new Pool({
      connectionString: options.connectionString,
      max: 'maxConnections' in options ? (options.maxConnections ?? 10) : 10,
    });
    // An idle client losing its server (restart, failover) must not crash the host: the next query reconnects.
    owned.on('error', () => undefined);
    pool = owned;
    ownsPool = true;
  }

  async function inTransaction<T>(work: (client: PgQueryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
  }
  const rows = async <T>(sql: string, values: unknown[] = [], on: PgQueryable = pool) =>
    (await on.query(sql, values)).rows as T[];
  const changed = async (sql: string, values: unknown[], on: PgQueryable = pool) =>
    (await on.query(sql, values)).rowCount ?? 0;

  if (options.createTables !== false) {
    await inTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('smart_ads_connections_schema'))`);
      await client.query(migrationsTable);
      const [applied] = await rows<{ version: number | null }>(
        'SELECT MAX(version) AS version FROM sa_schema_migrations',
        [],
        client,
      );
      refuseNewerSchema(Number(applied?.version ?? 0), sqlMigrations.length);
      for (const [index, statements] of sqlMigrations.entries()) {
        const version = index + 1;
        if (version <= Number(applied?.version ?? 0)) continue;
        for (const statement of statements) await client.query(statement);
        await client.query('INSERT INTO sa_schema_migrations (version, applied_at) VALUES ($1, $2)', [
          version,
          Date.now(),
        ]);
      }
    });
  } else {
    // Tables managed by the host: still refuse a schema a newer version migrated, when its record is there.
    const [table] = await rows<{ name: string | null }>(
      `SELECT to_regclass('sa_schema_migrations')::text AS name`,
    );
    if (table?.name) {
      const [recorded] = await rows<{ version: number | string | null }>(
        'SELECT MAX(version) AS version FROM sa_schema_migrations',
      );
      refuseNewerSchema(Number(recorded?.version ?? 0), sqlMigrations.length);
    }
  }

  const settleDone = (client: PgQueryable, selector: string, outcome: TransactionOutcome) =>
    client.query(
      `UPDATE sa_oauth_transactions SET phase = 'done', outcome = $1, sealed_pending_grant = NULL WHERE selector = $2`,
      [outcomeText(outcome), selector],
    );

  /**
   * Numbers and records an event inside `client`'s transaction. The counter row stays locked until that transaction
   * ends, so events are numbered in commit order on every server (a reader never skips a later-committed lower
   * position). Take the subscription lock first (the one lock order, so no deadlock).
   */
  const writeEvent = async (
    client: PgQueryable,
    event: NewConnectionEvent,
  ): Promise<ConnectionEventRecord> => {
    const [next] = await rows<{ position: string | number }>(nextEventPositionSql, [], client);
    const { values, record } = eventRowValues(Number(next?.position), event);
    await client.query(
      `INSERT INTO sa_connection_events (${eventColumns.join(', ')}) VALUES (${placeholders(eventColumns)})`,
      values,
    );
    return record;
  };

  return {
    async createTransaction(t) {
      const row = rowFromTransaction(t);
      await pool.query(
        `INSERT INTO sa_oauth_transactions (${transactionColumns.join(', ')}) VALUES (${placeholders(transactionColumns)})`,
        transactionColumns.map((column) => row[column]),
      );
    },
    async getTransaction(selector) {
      const [row] = await rows<TransactionRow>('SELECT * FROM sa_oauth_transactions WHERE selector = $1', [
        selector,
      ]);
      return row ? transactionFromRow(row) : null;
    },
    async claimTransaction(selector, claim) {
      const abandoned = claim.from === 'exchanging' ? ' AND (claimed_at IS NULL OR claimed_at < $6)' : '';
      const count = await changed(
        `UPDATE sa_oauth_transactions SET phase = 'exchanging', claim_id = $1, claimed_at = $2
         WHERE selector = $3 AND phase = $4 AND expires_at > $5${abandoned}`,
        [
          claim.claimId,
          claim.now,
          selector,
          claim.from,
          claim.now,
          ...(claim.from === 'exchanging' ? [claim.abandonedBefore ?? claim.now] : []),
        ],
      );
      return count === 1;
    },
    async settleTransaction(selector, claimId, update) {
      const count = await changed(
        `UPDATE sa_oauth_transactions SET phase = $1, outcome = $2, sealed_pending_grant = $3,
           claimed_at = COALESCE($4, claimed_at)
         WHERE selector = $5 AND claim_id = $6 AND phase = 'exchanging'`,
        [
          update.phase,
          outcomeText(update.outcome),
          update.sealedPendingGrant,
          update.renewedAt ?? null,
          selector,
          claimId,
        ],
      );
      return count === 1;
    },
    async deleteExpiredTransactions(now) {
      return changed('DELETE FROM sa_oauth_transactions WHERE expires_at <= $1', [now]);
    },
    async listConnections(subscriptionId) {
      const found = await rows<ConnectionRow>('SELECT * FROM sa_connections WHERE subscription_id = $1', [
        subscriptionId,
      ]);
      return found.sort(compareRows).map(connectionFromRow);
    },
    async saveConnection({ connection, accountLimit, settle, context, authorisedMarketplaces }) {
      try {
        return await inTransaction(async (client) => {
          await lockSubscription(client, connection.subscriptionId);
          if (settle) {
            // The transaction row is locked too, so a takeover cannot slip in before this save commits.
            const [held] = await rows(
              `SELECT 1 FROM sa_oauth_transactions WHERE selector = $1 AND claim_id = $2 AND phase = 'exchanging' FOR UPDATE`,
              [settle.selector, settle.claimId],
              client,
            );
            if (!held) return { ok: false, code: 'claim_lost' } satisfies SaveConnectionResult;
          }
          const existing = await rows<ConnectionRow>(
            'SELECT * FROM sa_connections WHERE subscription_id = $1',
            [connection.subscriptionId],
            client,
          );
          const plan = planSave(existing, connection, accountLimit, authorisedMarketplaces);
          if (plan.type === 'refuse') {
            if (settle) await settleDone(client, settle.selector, { type: 'failed', code: plan.result.code });
            return plan.result;
          }
          for (const { authorizationId, marketplaces } of plan.renamed) {
            await client.query(
              'UPDATE sa_connections SET details = $1 WHERE subscription_id = $2 AND authorization_id = $3',
              [JSON.stringify({ marketplaces }), connection.subscriptionId, authorizationId],
            );
          }
          if (plan.replaceSlot) {
            await client.query(
              'DELETE FROM sa_connections WHERE subscription_id = $1 AND authorization_id = $2',
              [connection.subscriptionId, plan.replaceAuthorizationId],
            );
          }
          const row = rowFromConnection(connection, plan.slot, plan.parentAccountId);
          await client.query(
            `INSERT INTO sa_connections (${connectionColumns.join(', ')})
             VALUES (${placeholders(connectionColumns)})`,
            connectionColumns.map((column) => row[column]),
          );
          let n = 0;
          await client.query(
            countConnectionSql.replace(/\?/g, () => `$${++n}`),
            [
              connection.subscriptionId,
              connection.kind,
              countedAccountId(connection.kind, connection.accountId, connection.tokenRegion),
            ],
          );
          const again = isReconnect(existing, connection);
          const type = context?.chosen ? 'account_chosen' : again ? 'reconnected' : 'connected';
          await writeEvent(
            client,
            connectionEvent(type, connection, { at: connection.connectedAt, ...context }),
          );
          if (settle) await settleDone(client, settle.selector, { type: 'connected' });
          const result: SaveConnectionResult = { ok: true, replaced: plan.replaceSlot };
          return result;
        });
      } catch (error) {
        // The unique keys are the last line of the one-account rule.
        if (pgErrorCode(error) !== '23505') throw error;
        const conflict = { ok: false, code: 'account_conflict' } as const;
        if (settle) {
          await pool.query(
            `UPDATE sa_oauth_transactions SET phase = 'done', outcome = $1, sealed_pending_grant = NULL
             WHERE selector = $2 AND claim_id = $3 AND phase = 'exchanging'`,
            [outcomeText({ type: 'failed', code: 'account_conflict' }), settle.selector, settle.claimId],
          );
        }
        return conflict;
      }
    },
    async claimTokenRefresh(subscriptionId, authorizationId, at) {
      const expiry = at.force
        ? 'access_expires_at IS NOT DISTINCT FROM $5'
        : '(access_expires_at IS NULL OR access_expires_at <= $5)';
      const count = await changed(
        `UPDATE sa_connections SET refresh_lease_until = $1
         WHERE subscription_id = $2 AND authorization_id = $3 AND health = 'ok'
           AND (refresh_lease_until IS NULL OR refresh_lease_until <= $4) AND ${expiry}`,
        [
          at.now + at.leaseMs,
          subscriptionId,
          authorizationId,
          at.now,
          at.force ? at.force.expiresAt : at.usableAfter,
        ],
      );
      return count === 1;
    },
    async releaseTokenRefresh(subscriptionId, authorizationId) {
      await pool.query(
        'UPDATE sa_connections SET refresh_lease_until = NULL WHERE subscription_id = $1 AND authorization_id = $2',
        [subscriptionId, authorizationId],
      );
    },
    async updateAccessToken(subscriptionId, authorizationId, sealedAccessToken, expiresAt, checkedAt) {
      const count = await changed(
        `UPDATE sa_connections SET sealed_access_token = $1, access_expires_at = $2, refresh_lease_until = NULL,
           checked_at = COALESCE($5, checked_at)
         WHERE subscription_id = $3 AND authorization_id = $4`,
        [sealedAccessToken, expiresAt, subscriptionId, authorizationId, checkedAt ?? null],
      );
      return count === 1;
    },
    async markStale(subscriptionId, authorizationId, context) {
      return inTransaction(async (client) => {
        await lockSubscription(client, subscriptionId);
        const [before] = await rows<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = $1 AND authorization_id = $2',
          [subscriptionId, authorizationId],
          client,
        );
        if (!before) return false;
        const count = await changed(
          `UPDATE sa_connections SET health = 'stale', sealed_access_token = NULL, access_expires_at = NULL,
             refresh_lease_until = NULL
           WHERE subscription_id = $1 AND authorization_id = $2`,
          [subscriptionId, authorizationId],
          client,
        );
        if (before.health === 'ok')
          await writeEvent(client, connectionEvent('stale_detected', before, context));
        return count === 1;
      });
    },
    async deleteConnection(subscriptionId, kind, accountId, context, region) {
      return inTransaction(async (client) => {
        await lockSubscription(client, subscriptionId);
        const existing = await rows<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = $1',
          [subscriptionId],
          client,
        );
        let removed = 0;
        for (const { row, cascade } of planDelete(existing, kind, accountId, region)) {
          removed += await changed(
            'DELETE FROM sa_connections WHERE subscription_id = $1 AND authorization_id = $2',
            [subscriptionId, row.authorization_id],
            client,
          );
          await writeEvent(client, connectionEvent('disconnected', row, context, { cascade }));
        }
        return removed;
      });
    },
    async disconnect(subscriptionId, request, context) {
      return inTransaction(async (client) => {
        await lockSubscription(client, subscriptionId);
        const existing = await rows<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = $1',
          [subscriptionId],
          client,
        );
        const removed = [];
        for (const { row, cascade } of planDisconnect(existing, request)) {
          await client.query(
            'DELETE FROM sa_connections WHERE subscription_id = $1 AND authorization_id = $2',
            [subscriptionId, row.authorization_id],
          );
          await writeEvent(client, connectionEvent('disconnected', row, context, { cascade }));
          removed.push(connectionFromRow(row));
        }
        return removed;
      });
    },
    async getReport(key) {
      const [row] = await rows<ReportRow>(
        `SELECT * FROM sa_reports WHERE ${reportWhere}`,
        reportKeyValues(key),
      );
      return row ? reportFromRow(row) : null;
    },
    async claimReportJob(key, at) {
      await pool.query(
        `INSERT INTO sa_reports (subscription_id, account_key, source, range_from, range_to)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        reportKeyValues(key),
      );
      const count = await changed(
        `UPDATE sa_reports SET job_state = 'creating', job_started_at = $6, amazon_report_id = NULL, polled_at = NULL
         WHERE ${reportWhere}
           AND (payload IS NULL OR fetched_at < $7)
           AND (job_state IS NULL OR job_started_at < $8)
           AND (not_before IS NULL OR not_before <= $6)`,
        [...reportKeyValues(key), at.now, at.refreshBefore, at.abandonedBefore],
      );
      return count === 1;
    },
    async setReportJob(key, amazonReportId) {
      await pool.query(
        `UPDATE sa_reports SET job_state = 'pending', amazon_report_id = $6 WHERE ${reportWhere}`,
        [...reportKeyValues(key), amazonReportId],
      );
    },
    async claimReportPoll(key, at) {
      const count = await changed(
        `UPDATE sa_reports SET polled_at = $6 WHERE ${reportWhere}
           AND job_state = 'pending' AND (polled_at IS NULL OR polled_at < $7)`,
        [...reportKeyValues(key), at.now, at.polledBefore],
      );
      return count === 1;
    },
    async completeReport(key, payload, now, hasData) {
      const update = (on: PgQueryable) =>
        on.query(
          `UPDATE sa_reports SET payload = $6, fetched_at = $7, data_at = COALESCE(data_at, $8), job_state = NULL,
             amazon_report_id = NULL, job_started_at = NULL, polled_at = NULL, not_before = NULL
           WHERE ${reportWhere}`,
          [...reportKeyValues(key), JSON.stringify(payload), now, hasData ? now : null],
        );
      if (!hasData) {
        await update(pool);
        return;
      }
      await inTransaction(async (client) => {
        // The subscription lock orders two first reports of one account: exactly one records data_ready.
        await lockSubscription(client, key.subscriptionId);
        const [first] = await rows<{ first: string | number | null }>(
          'SELECT MIN(data_at) AS first FROM sa_reports WHERE subscription_id = $1 AND account_key = $2',
          [key.subscriptionId, key.accountKey],
          client,
        );
        await update(client);
        if (first?.first === null || first?.first === undefined) {
          const account = { subscriptionId: key.subscriptionId, ...accountOfKey(key.accountKey) };
          await writeEvent(
            client,
            connectionEvent('data_ready', account, { at: now }, { source: key.source }),
          );
        }
      });
    },
    async releaseReportJob(key, notBefore) {
      await pool.query(
        `UPDATE sa_reports SET job_state = NULL, amazon_report_id = NULL, job_started_at = NULL, polled_at = NULL,
           not_before = $6 WHERE ${reportWhere}`,
        [...reportKeyValues(key), notBefore],
      );
    },
    async firstDataAt(subscriptionId, accountKey, sourcePrefix = '') {
      const [row] = await rows<{ first: string | number | null }>(
        `SELECT MIN(data_at) AS first FROM sa_reports
         WHERE subscription_id = $1 AND account_key = $2 AND substr(source, 1, $3) = $4`,
        [subscriptionId, accountKey, sourcePrefix.length, sourcePrefix],
      );
      return row?.first === null || row?.first === undefined ? null : Number(row.first);
    },
    async connectionCount(subscriptionId, kind, accountId, region) {
      const [row] = await rows<{ connections: number | string }>(
        'SELECT connections FROM sa_account_connections WHERE subscription_id = $1 AND kind = $2 AND account_id = $3',
        [subscriptionId, kind, countedAccountId(kind, accountId, region)],
      );
      return Number(row?.connections ?? 0);
    },
    async eraseSubscription(subscriptionId, at) {
      return inTransaction(async (client) => {
        await lockSubscription(client, subscriptionId);
        const authorizationIds = (
          await rows<{ authorization_id: string }>(
            'SELECT authorization_id FROM sa_connections WHERE subscription_id = $1',
            [subscriptionId],
            client,
          )
        ).map((row) => row.authorization_id);
        let deleted = 0;
        for (const [table, column] of subscriptionTables) {
          if (table === 'sa_subscriptions') continue; // the lock row: deleted last, below
          const keepErased = table === 'sa_connection_events' ? ` AND type <> 'erased'` : '';
          deleted += await changed(
            `DELETE FROM ${table} WHERE ${column} = $1${keepErased}`,
            [subscriptionId],
            client,
          );
        }
        const already = await rows(
          `SELECT 1 FROM sa_connection_events WHERE subscription_id = $1 AND type = 'erased'`,
          [subscriptionId],
          client,
        );
        const event =
          deleted > 0 || already.length === 0
            ? await writeEvent(client, erasedEvent(subscriptionId, at, deleted))
            : null;
        // The lock row holds only the id; it is not counted, so a second erase stays a no-op.
        await client.query('DELETE FROM sa_subscriptions WHERE id = $1', [subscriptionId]);
        return { rows: deleted, authorizationIds, event };
      });
    },
    async applyRetention(cutoffs) {
      const size = Math.max(1, Math.trunc(cutoffs.batchSize));
      /**
       * Runs one batched statement (its rows picked with `FOR UPDATE SKIP LOCKED`, so concurrent runs on other
       * servers take other rows) until a batch comes back short; returns the rows it changed.
       */
      const batches = async (sql: string, cutoff: number) => {
        let total = 0;
        for (;;) {
          const count = await changed(sql, [cutoff, size]);
          total += count;
          if (count < size) return total;
        }
      };
      const reportsEmptied = await batches(
        `UPDATE sa_reports SET payload = NULL, fetched_at = NULL WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM sa_reports WHERE payload IS NOT NULL AND fetched_at < $1 AND job_state IS NULL
           LIMIT $2 FOR UPDATE SKIP LOCKED))`,
        cutoffs.reportsFetchedBefore,
      );
      const reportsDeleted = await batches(
        `DELETE FROM sa_reports WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM sa_reports WHERE payload IS NULL AND data_at IS NULL AND job_state IS NULL
             AND (not_before IS NULL OR not_before < $1) LIMIT $2 FOR UPDATE SKIP LOCKED))`,
        cutoffs.now,
      );
      return {
        reports: reportsEmptied + reportsDeleted,
        transactions: await batches(
          `DELETE FROM sa_oauth_transactions WHERE selector = ANY(ARRAY(
             SELECT selector FROM sa_oauth_transactions WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
          cutoffs.transactionsExpiredBefore,
        ),
        events: await batches(
          `DELETE FROM sa_connection_events WHERE position = ANY(ARRAY(
             SELECT position FROM sa_connection_events WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
          cutoffs.eventsBefore,
        ),
        access: await batches(
          `DELETE FROM sa_access_audit WHERE id = ANY(ARRAY(
             SELECT id FROM sa_access_audit WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
          cutoffs.accessBefore,
        ),
      };
    },
    async recordAccess(access) {
      const { values, record } = accessRowValues(access);
      await pool.query(
        `INSERT INTO sa_access_audit (${accessColumns.join(', ')}) VALUES (${placeholders(accessColumns)})`,
        values,
      );
      return record;
    },
    async listAccess(subscriptionId, limit) {
      return (
        await rows<AccessRow>(
          'SELECT * FROM sa_access_audit WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2',
          [subscriptionId, limit],
        )
      ).map(accessFromRow);
    },
    async appendEvent(event) {
      return inTransaction(async (client) => {
        await lockSubscription(client, event.subscriptionId);
        return writeEvent(client, event);
      });
    },
    async lastEventPosition() {
      const [row] = await rows<{ position: string | number }>(
        'SELECT MAX(position) AS position FROM sa_connection_events',
      );
      return Number(row?.position ?? 0);
    },
    async readEvents(after, limit) {
      const found = await rows<EventRow>(
        'SELECT * FROM sa_connection_events WHERE position > $1 ORDER BY position LIMIT $2',
        [after, limit],
      );
      return found.map(eventFromRow);
    },
    async listHistory(subscriptionId, limit) {
      const found = await rows<EventRow>(
        'SELECT * FROM sa_connection_events WHERE subscription_id = $1 ORDER BY position DESC LIMIT $2',
        [subscriptionId, limit],
      );
      return found.map(eventFromRow);
    },
    async claimHealthChecks(at) {
      const found = await rows<ConnectionRow>(
        `UPDATE sa_connections SET check_claimed_until = $1
         WHERE authorization_id IN (
           SELECT authorization_id FROM sa_connections WHERE health = 'ok'
             AND (checked_at IS NULL OR checked_at < $2)
             AND (check_claimed_until IS NULL OR check_claimed_until <= $3)
           ORDER BY COALESCE(checked_at, 0), authorization_id
           LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [at.now + at.leaseMs, at.checkedBefore, at.now, at.limit],
      );
      return found.sort(compareRows).map(connectionFromRow);
    },
    async finishHealthCheck(subscriptionId, authorizationId, now) {
      await pool.query(
        `UPDATE sa_connections SET checked_at = $1, check_claimed_until = NULL
         WHERE subscription_id = $2 AND authorization_id = $3`,
        [now, subscriptionId, authorizationId],
      );
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
