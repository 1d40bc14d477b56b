import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
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
 * Options of {@link createSqliteStore}.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { filename: ':memory:' };
 * ```
 */
export interface SqliteStoreOptions {
  /**
   * A file path, or `':memory:'` for a store that lives as long as the process (tests, demos). A relative path is
   * relative to the working directory; missing folders on the way are created.
   */
  readonly filename: string;
  /** How long a writer waits for another process's lock, in milliseconds. @default 5000 */
  readonly busyTimeoutMs?: number;
}

const inMemory = (filename: string) => filename === ':memory:' || filename === '';

const reason = (error: unknown) =>
  error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);

/**
 * Opens the database file, creating the folders on its path first (SQLite creates the file, not its folder, and
 * otherwise fails with a bare "unable to open database file"). Every failure names the file and what to do.
 */
async function openDatabase(
  Database: typeof import('node:sqlite').DatabaseSync,
  filename: string,
): Promise<DatabaseSync> {
  if (typeof filename !== 'string') {
    throw new TypeError(
      `createSqliteStore: filename must be a file path or ':memory:', got ${typeof filename}`,
    );
  }
  if (inMemory(filename)) return new Database(filename);
  const { mkdir } = await import('node:fs/promises');
  const { dirname, resolve } = await import('node:path');
  const path = resolve(filename);
  const folder = dirname(path);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new Error(
      `createSqliteStore: cannot create the folder ${folder} for the database file ${path} (${reason(error)}). ` +
        'Create that folder yourself, or pass a filename in a folder this process can write to.',
      { cause: error },
    );
  }
  try {
    return new Database(path);
  } catch (error) {
    throw new Error(
      `createSqliteStore: cannot open the database file ${path} (${reason(error)}). ` +
        'Check that this process may read and write both the file and its folder, and that the path is not a folder.',
      { cause: error },
    );
  }
}

const reportWhere =
  'subscription_id = ? AND account_key = ? AND source = ? AND range_from = ? AND range_to = ?';

/**
 * The embedded default {@link ConnectionStore}, on Node's built-in `node:sqlite` (no native addon). Good
 * for one app server; for several, use `createPostgresStore`. `node:sqlite` is loaded only when this
 * factory runs, so importing `@smart-ads/core/server` never requires it.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@smart-ads/core/server';
 * const store = await createSqliteStore({ filename: './data/amazon-connections.db' });
 * ```
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<ConnectionStore> {
  const { DatabaseSync: Database } = await import('node:sqlite');
  const db: DatabaseSync = await openDatabase(Database, options.filename);
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  if (options.filename !== ':memory:') db.exec('PRAGMA journal_mode = WAL');

  /** Runs `work` in one write transaction; node:sqlite is synchronous, so nothing interleaves in-process. */
  function atomically<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  const run = (sql: string, ...params: SQLInputValue[]) => db.prepare(sql).run(...params);
  const changed = (sql: string, ...params: SQLInputValue[]) => Number(run(sql, ...params).changes);
  const get = <T>(sql: string, ...params: SQLInputValue[]) => db.prepare(sql).get(...params) as T | undefined;
  const all = <T>(sql: string, ...params: SQLInputValue[]) => db.prepare(sql).all(...params) as T[];
  db.exec(migrationsTable);
  atomically(() => {
    const applied = get<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM sa_schema_migrations',
    );
    refuseNewerSchema(Number(applied?.version ?? 0), sqlMigrations.length);
    sqlMigrations.forEach((statements, index) => {
      const version = index + 1;
      if (version <= (applied?.version ?? 0)) return;
      for (const statement of statements) db.exec(statement);
      run('INSERT INTO sa_schema_migrations (version, applied_at) VALUES (?, ?)', version, Date.now());
    });
  });
  /** True when `claimId` still holds the transaction `selector` (inside a write transaction). */
  const holds = (selector: string, claimId: string) =>
    get<{ one: number }>(
      `SELECT 1 AS one FROM sa_oauth_transactions WHERE selector = ? AND claim_id = ? AND phase = 'exchanging'`,
      selector,
      claimId,
    ) !== undefined;
  const settleDone = (selector: string, outcome: TransactionOutcome) =>
    run(
      `UPDATE sa_oauth_transactions SET phase = 'done', outcome = ?, sealed_pending_grant = NULL WHERE selector = ?`,
      outcomeText(outcome),
      selector,
    );

  /** A prepared `INSERT` of every one of `columns`. */
  const prepareInsert = (table: string, columns: readonly string[]) =>
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const insertTransaction = prepareInsert('sa_oauth_transactions', transactionColumns);
  const insertConnection = prepareInsert('sa_connections', connectionColumns);
  const insertEvent = prepareInsert('sa_connection_events', eventColumns);
  const insertAccess = prepareInsert('sa_access_audit', accessColumns);
  /** Numbers and records an event (inside a write transaction, so the number follows commit order). */
  const writeEvent = (event: NewConnectionEvent): ConnectionEventRecord => {
    const next = get<{ position: number }>(nextEventPositionSql);
    const { values, record } = eventRowValues(Number(next?.position), event);
    insertEvent.run(...values);
    return record;
  };

  return {
    async createTransaction(t) {
      const row = rowFromTransaction(t);
      insertTransaction.run(...transactionColumns.map((column) => row[column]));
    },
    async getTransaction(selector) {
      const row = get<TransactionRow>('SELECT * FROM sa_oauth_transactions WHERE selector = ?', selector);
      return row ? transactionFromRow(row) : null;
    },
    async claimTransaction(selector, claim) {
      const abandoned = claim.from === 'exchanging' ? ' AND (claimed_at IS NULL OR claimed_at < ?)' : '';
      return (
        changed(
          `UPDATE sa_oauth_transactions SET phase = 'exchanging', claim_id = ?, claimed_at = ?
           WHERE selector = ? AND phase = ? AND expires_at > ?${abandoned}`,
          claim.claimId,
          claim.now,
          selector,
          claim.from,
          claim.now,
          ...(claim.from === 'exchanging' ? [claim.abandonedBefore ?? claim.now] : []),
        ) === 1
      );
    },
    async settleTransaction(selector, claimId, update) {
      return (
        changed(
          `UPDATE sa_oauth_transactions SET phase = ?, outcome = ?, sealed_pending_grant = ?,
             claimed_at = COALESCE(?, claimed_at)
           WHERE selector = ? AND claim_id = ? AND phase = 'exchanging'`,
          update.phase,
          outcomeText(update.outcome),
          update.sealedPendingGrant,
          update.renewedAt ?? null,
          selector,
          claimId,
        ) === 1
      );
    },
    async deleteExpiredTransactions(now) {
      return Number(run('DELETE FROM sa_oauth_transactions WHERE expires_at <= ?', now).changes);
    },
    async listConnections(subscriptionId) {
      return all<ConnectionRow>('SELECT * FROM sa_connections WHERE subscription_id = ?', subscriptionId)
        .sort(compareRows)
        .map(connectionFromRow);
    },
    async saveConnection({ connection, accountLimit, settle, context, authorisedMarketplaces }) {
      return atomically(() => {
        if (settle && !holds(settle.selector, settle.claimId))
          return { ok: false, code: 'claim_lost' } as const;
        const existing = all<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = ?',
          connection.subscriptionId,
        );
        const plan = planSave(existing, connection, accountLimit, authorisedMarketplaces);
        if (plan.type === 'refuse') {
          if (settle) settleDone(settle.selector, { type: 'failed', code: plan.result.code });
          return plan.result;
        }
        for (const { authorizationId, marketplaces } of plan.renamed) {
          run(
            'UPDATE sa_connections SET details = ? WHERE subscription_id = ? AND authorization_id = ?',
            JSON.stringify({ marketplaces }),
            connection.subscriptionId,
            authorizationId,
          );
        }
        if (plan.replaceSlot) {
          run(
            'DELETE FROM sa_connections WHERE subscription_id = ? AND authorization_id = ?',
            connection.subscriptionId,
            plan.replaceAuthorizationId,
          );
        }
        const row = rowFromConnection(connection, plan.slot, plan.parentAccountId);
        insertConnection.run(...connectionColumns.map((column) => row[column]));
        run(
          countConnectionSql,
          connection.subscriptionId,
          connection.kind,
          countedAccountId(connection.kind, connection.accountId, connection.tokenRegion),
        );
        const again = isReconnect(existing, connection);
        const type = context?.chosen ? 'account_chosen' : again ? 'reconnected' : 'connected';
        writeEvent(connectionEvent(type, connection, { at: connection.connectedAt, ...context }));
        if (settle) settleDone(settle.selector, { type: 'connected' });
        return { ok: true, replaced: plan.replaceSlot };
      });
    },
    async claimTokenRefresh(subscriptionId, authorizationId, at) {
      const expiry = at.force
        ? 'access_expires_at IS ?'
        : '(access_expires_at IS NULL OR access_expires_at <= ?)';
      return (
        changed(
          `UPDATE sa_connections SET refresh_lease_until = ?
           WHERE subscription_id = ? AND authorization_id = ? AND health = 'ok'
             AND (refresh_lease_until IS NULL OR refresh_lease_until <= ?) AND ${expiry}`,
          at.now + at.leaseMs,
          subscriptionId,
          authorizationId,
          at.now,
          at.force ? at.force.expiresAt : at.usableAfter,
        ) === 1
      );
    },
    async releaseTokenRefresh(subscriptionId, authorizationId) {
      run(
        'UPDATE sa_connections SET refresh_lease_until = NULL WHERE subscription_id = ? AND authorization_id = ?',
        subscriptionId,
        authorizationId,
      );
    },
    async updateAccessToken(subscriptionId, authorizationId, sealedAccessToken, expiresAt, checkedAt) {
      const result = run(
        `UPDATE sa_connections SET sealed_access_token = ?, access_expires_at = ?, refresh_lease_until = NULL,
           checked_at = COALESCE(?, checked_at)
         WHERE subscription_id = ? AND authorization_id = ?`,
        sealedAccessToken,
        expiresAt,
        checkedAt ?? null,
        subscriptionId,
        authorizationId,
      );
      return Number(result.changes) === 1;
    },
    async markStale(subscriptionId, authorizationId, context) {
      return atomically(() => {
        const before = get<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = ? AND authorization_id = ?',
          subscriptionId,
          authorizationId,
        );
        if (!before) return false;
        run(
          `UPDATE sa_connections SET health = 'stale', sealed_access_token = NULL, access_expires_at = NULL,
             refresh_lease_until = NULL
           WHERE subscription_id = ? AND authorization_id = ?`,
          subscriptionId,
          authorizationId,
        );
        if (before.health === 'ok') writeEvent(connectionEvent('stale_detected', before, context));
        return true;
      });
    },
    async deleteConnection(subscriptionId, kind, accountId, context, region) {
      return atomically(() => {
        const existing = all<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = ?',
          subscriptionId,
        );
        const plan = planDelete(existing, kind, accountId, region);
        let removed = 0;
        for (const { row, cascade } of plan) {
          removed += changed(
            'DELETE FROM sa_connections WHERE subscription_id = ? AND authorization_id = ?',
            subscriptionId,
            row.authorization_id,
          );
          writeEvent(connectionEvent('disconnected', row, context, { cascade }));
        }
        return removed;
      });
    },
    async disconnect(subscriptionId, request, context) {
      return atomically(() => {
        const existing = all<ConnectionRow>(
          'SELECT * FROM sa_connections WHERE subscription_id = ?',
          subscriptionId,
        );
        const removed = [];
        for (const { row, cascade } of planDisconnect(existing, request)) {
          run(
            'DELETE FROM sa_connections WHERE subscription_id = ? AND authorization_id = ?',
            subscriptionId,
            row.authorization_id,
          );
          writeEvent(connectionEvent('disconnected', row, context, { cascade }));
          removed.push(connectionFromRow(row));
        }
        return removed;
      });
    },
    async getReport(key) {
      const row = get<ReportRow>(`SELECT * FROM sa_reports WHERE ${reportWhere}`, ...reportKeyValues(key));
      return row ? reportFromRow(row) : null;
    },
    async claimReportJob(key, at) {
      return atomically(() => {
        run(
          `INSERT INTO sa_reports (subscription_id, account_key, source, range_from, range_to)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          ...reportKeyValues(key),
        );
        const result = run(
          `UPDATE sa_reports SET job_state = 'creating', job_started_at = ?, amazon_report_id = NULL, polled_at = NULL
           WHERE ${reportWhere}
             AND (payload IS NULL OR fetched_at < ?)
             AND (job_state IS NULL OR job_started_at < ?)
             AND (not_before IS NULL OR not_before <= ?)`,
          at.now,
          ...reportKeyValues(key),
          at.refreshBefore,
          at.abandonedBefore,
          at.now,
        );
        return Number(result.changes) === 1;
      });
    },
    async setReportJob(key, amazonReportId) {
      run(
        `UPDATE sa_reports SET job_state = 'pending', amazon_report_id = ? WHERE ${reportWhere}`,
        amazonReportId,
        ...reportKeyValues(key),
      );
    },
    async claimReportPoll(key, at) {
      const result = run(
        `UPDATE sa_reports SET polled_at = ? WHERE ${reportWhere}
           AND job_state = 'pending' AND (polled_at IS NULL OR polled_at < ?)`,
        at.now,
        ...reportKeyValues(key),
        at.polledBefore,
      );
      return Number(result.changes) === 1;
    },
    async completeReport(key, payload, now, hasData) {
      atomically(() => {
        const first = hasData
          ? get<{ first: number | null }>(
              'SELECT MIN(data_at) AS first FROM sa_reports WHERE subscription_id = ? AND account_key = ?',
              key.subscriptionId,
              key.accountKey,
            )
          : undefined;
        run(
          `UPDATE sa_reports SET payload = ?, fetched_at = ?, data_at = COALESCE(data_at, ?), job_state = NULL,
           amazon_report_id = NULL, job_started_at = NULL, polled_at = NULL, not_before = NULL
         WHERE ${reportWhere}`,
          JSON.stringify(payload),
          now,
          hasData ? now : null,
          ...reportKeyValues(key),
        );
        if (first && (first.first === null || first.first === undefined)) {
          const account = { subscriptionId: key.subscriptionId, ...accountOfKey(key.accountKey) };
          writeEvent(connectionEvent('data_ready', account, { at: now }, { source: key.source }));
        }
      });
    },
    async releaseReportJob(key, notBefore) {
      run(
        `UPDATE sa_reports SET job_state = NULL, amazon_report_id = NULL, job_started_at = NULL, polled_at = NULL,
           not_before = ? WHERE ${reportWhere}`,
        notBefore,
        ...reportKeyValues(key),
      );
    },
    async firstDataAt(subscriptionId, accountKey, sourcePrefix = '') {
      const row = get<{ first: number | null }>(
        `SELECT MIN(data_at) AS first FROM sa_reports
         WHERE subscription_id = ? AND account_key = ? AND substr(source, 1, ?) = ?`,
        subscriptionId,
        accountKey,
        sourcePrefix.length,
        sourcePrefix,
      );
      return row?.first ?? null;
    },
    async connectionCount(subscriptionId, kind, accountId, region) {
      const row = get<{ connections: number }>(
        'SELECT connections FROM sa_account_connections WHERE subscription_id = ? AND kind = ? AND account_id = ?',
        subscriptionId,
        kind,
        countedAccountId(kind, accountId, region),
      );
      return Number(row?.connections ?? 0);
    },
    async eraseSubscription(subscriptionId, at) {
      return atomically(() => {
        const authorizationIds = all<{ authorization_id: string }>(
          'SELECT authorization_id FROM sa_connections WHERE subscription_id = ?',
          subscriptionId,
        ).map((row) => row.authorization_id);
        let rows = 0;
        for (const [table, column] of subscriptionTables) {
          const keepErased = table === 'sa_connection_events' ? ` AND type <> 'erased'` : '';
          const count = changed(`DELETE FROM ${table} WHERE ${column} = ?${keepErased}`, subscriptionId);
          if (table !== 'sa_subscriptions') rows += count; // a lock row (id only) is not the seller's data
        }
        const already = get<{ one: number }>(
          `SELECT 1 AS one FROM sa_connection_events WHERE subscription_id = ? AND type = 'erased'`,
          subscriptionId,
        );
        const event = rows > 0 || !already ? writeEvent(erasedEvent(subscriptionId, at, rows)) : null;
        return { rows, authorizationIds, event };
      });
    },
    async applyRetention(cutoffs) {
      const size = Math.max(1, Math.trunc(cutoffs.batchSize));
      /** Runs one batched statement until a batch comes back short; returns the rows it changed. */
      const batches = (sql: string, ...params: SQLInputValue[]) => {
        let total = 0;
        for (;;) {
          const count = atomically(() => changed(sql, ...params, size));
          total += count;
          if (count < size) return total;
        }
      };
      const reportsEmptied = batches(
        `UPDATE sa_reports SET payload = NULL, fetched_at = NULL WHERE rowid IN (
           SELECT rowid FROM sa_reports WHERE payload IS NOT NULL AND fetched_at < ? AND job_state IS NULL LIMIT ?)`,
        cutoffs.reportsFetchedBefore,
      );
      const reportsDeleted = batches(
        `DELETE FROM sa_reports WHERE rowid IN (
           SELECT rowid FROM sa_reports WHERE payload IS NULL AND data_at IS NULL AND job_state IS NULL
             AND (not_before IS NULL OR not_before < ?) LIMIT ?)`,
        cutoffs.now,
      );
      return {
        reports: reportsEmptied + reportsDeleted,
        transactions: batches(
          `DELETE FROM sa_oauth_transactions WHERE selector IN (
             SELECT selector FROM sa_oauth_transactions WHERE expires_at < ? LIMIT ?)`,
          cutoffs.transactionsExpiredBefore,
        ),
        events: batches(
          `DELETE FROM sa_connection_events WHERE position IN (
             SELECT position FROM sa_connection_events WHERE at < ? LIMIT ?)`,
          cutoffs.eventsBefore,
        ),
        access: batches(
          `DELETE FROM sa_access_audit WHERE id IN (SELECT id FROM sa_access_audit WHERE at < ? LIMIT ?)`,
          cutoffs.accessBefore,
        ),
      };
    },
    async recordAccess(access) {
      const { values, record } = accessRowValues(access);
      insertAccess.run(...values);
      return record;
    },
    async listAccess(subscriptionId, limit) {
      return all<AccessRow>(
        'SELECT * FROM sa_access_audit WHERE subscription_id = ? ORDER BY id DESC LIMIT ?',
        subscriptionId,
        limit,
      ).map(accessFromRow);
    },
    async appendEvent(event) {
      return atomically(() => writeEvent(event));
    },
    async lastEventPosition() {
      return Number(
        get<{ position: number }>('SELECT position FROM sa_event_counter WHERE id = 1')?.position ?? 0,
      );
    },
    async readEvents(after, limit) {
      return all<EventRow>(
        'SELECT * FROM sa_connection_events WHERE position > ? ORDER BY position LIMIT ?',
        after,
        limit,
      ).map(eventFromRow);
    },
    async listHistory(subscriptionId, limit) {
      return all<EventRow>(
        'SELECT * FROM sa_connection_events WHERE subscription_id = ? ORDER BY position DESC LIMIT ?',
        subscriptionId,
        limit,
      ).map(eventFromRow);
    },
    async claimHealthChecks(at) {
      return atomically(() => {
        const due = all<ConnectionRow>(
          `SELECT * FROM sa_connections WHERE health = 'ok'
             AND (checked_at IS NULL OR checked_at < ?)
             AND (check_claimed_until IS NULL OR check_claimed_until <= ?)
           ORDER BY COALESCE(checked_at, 0), authorization_id LIMIT ?`,
          at.checkedBefore,
          at.now,
          at.limit,
        );
        for (const row of due) {
          run(
            'UPDATE sa_connections SET check_claimed_until = ? WHERE authorization_id = ?',
            at.now + at.leaseMs,
            row.authorization_id,
          );
        }
        return due.map(connectionFromRow);
      });
    },
    async finishHealthCheck(subscriptionId, authorizationId, now) {
      run(
        `UPDATE sa_connections SET checked_at = ?, check_claimed_until = NULL
         WHERE subscription_id = ? AND authorization_id = ?`,
        now,
        subscriptionId,
        authorizationId,
      );
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
