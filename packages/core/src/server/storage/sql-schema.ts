/**
 * The schema both SQL stores use, as numbered migrations (the same text works in SQLite and PostgreSQL 12+).
 * A store applies, in one transaction, every migration above the version recorded in `sa_schema_migrations`;
 * version 1's statements are idempotent, so a database made before migrations were recorded upgrades too.
 * Never edit a released migration: add the next one.
 *
 * The one-account rule is a primary key: an Advertising account occupies a `slot` below the plan's limit, and
 * two accounts can never hold the same slot of a subscription.
 */
export const sqlMigrations: readonly (readonly string[])[] = [
  // 1: transactions, subscriptions (the row every write of a subscription locks), connections, reports.
  [
    `CREATE TABLE IF NOT EXISTS sa_oauth_transactions (
    selector TEXT PRIMARY KEY,
    verifier_hash TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT NOT NULL,
    return_to TEXT NOT NULL,
    sealed_code_verifier TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    phase TEXT NOT NULL,
    outcome TEXT,
    sealed_pending_grant TEXT
  )`,
    `CREATE INDEX IF NOT EXISTS sa_oauth_transactions_expiry ON sa_oauth_transactions (expires_at)`,
    `CREATE TABLE IF NOT EXISTS sa_subscriptions (id TEXT PRIMARY KEY)`,
    `CREATE TABLE IF NOT EXISTS sa_connections (
    subscription_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    slot INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    parent_account_id TEXT,
    authorization_id TEXT NOT NULL UNIQUE,
    details TEXT NOT NULL,
    token_region TEXT NOT NULL,
    sealed_refresh_token TEXT NOT NULL,
    sealed_access_token TEXT,
    access_expires_at BIGINT,
    health TEXT NOT NULL,
    connected_at BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, kind, slot),
    UNIQUE (subscription_id, kind, account_id)
  )`,
    `CREATE TABLE IF NOT EXISTS sa_reports (
    subscription_id TEXT NOT NULL,
    account_key TEXT NOT NULL,
    source TEXT NOT NULL,
    range_from TEXT NOT NULL,
    range_to TEXT NOT NULL,
    payload TEXT,
    fetched_at BIGINT,
    data_at BIGINT,
    job_state TEXT,
    amazon_report_id TEXT,
    job_started_at BIGINT,
    polled_at BIGINT,
    not_before BIGINT,
    PRIMARY KEY (subscription_id, account_key, source, range_from, range_to)
  )`,
  ],
  // 2: fencing of OAuth exchanges (a claim id and time, so an exchange abandoned by a crashed server can be
  // taken over after its lease) and a lease on token refreshes shared by every app server.
  [
    'ALTER TABLE sa_oauth_transactions ADD COLUMN claim_id TEXT',
    'ALTER TABLE sa_oauth_transactions ADD COLUMN claimed_at BIGINT',
    'ALTER TABLE sa_connections ADD COLUMN refresh_lease_until BIGINT',
  ],
  // 3: how many times each account was connected (kept across disconnects), for "reconnected once more and its
  // data still has not arrived".
  [
    `CREATE TABLE IF NOT EXISTS sa_account_connections (
      subscription_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      account_id TEXT NOT NULL,
      connections INTEGER NOT NULL,
      PRIMARY KEY (subscription_id, kind, account_id)
    )`,
  ],
  // 4: the connection events (outbox and history), numbered by a counter row that every writer of an event
  // updates inside its transaction: the row lock is held to commit, so positions follow commit order and a reader
  // after a cursor never skips an event committed later with a lower number. Health-check claims, so several
  // servers split the checks.
  [
    `CREATE TABLE IF NOT EXISTS sa_connection_events (
      position BIGINT PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      subscription_id TEXT NOT NULL,
      type TEXT NOT NULL,
      kind TEXT NOT NULL,
      account_id TEXT NOT NULL,
      at BIGINT NOT NULL,
      actor TEXT,
      request_id TEXT,
      detail TEXT NOT NULL
    )`,
    'CREATE INDEX IF NOT EXISTS sa_connection_events_subscription ON sa_connection_events (subscription_id, position)',
    'CREATE TABLE IF NOT EXISTS sa_event_counter (id INTEGER PRIMARY KEY, position BIGINT NOT NULL)',
    'INSERT INTO sa_event_counter (id, position) VALUES (1, 0) ON CONFLICT DO NOTHING',
    'ALTER TABLE sa_connections ADD COLUMN checked_at BIGINT',
    'ALTER TABLE sa_connections ADD COLUMN check_claimed_until BIGINT',
  ],
  // 5: the access audit: each use of a connection's tokens by the host's code (who, when, which Amazon endpoint
  // family). `id` sorts by time (see accessRowValues), so a subscription's entries list newest first.
  [
    `CREATE TABLE IF NOT EXISTS sa_access_audit (
      id TEXT PRIMARY KEY,
      subscription_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      operation TEXT NOT NULL,
      endpoint_family TEXT NOT NULL,
      method TEXT,
      actor TEXT,
      request_id TEXT,
      at BIGINT NOT NULL
    )`,
    'CREATE INDEX IF NOT EXISTS sa_access_audit_subscription ON sa_access_audit (subscription_id, id)',
    'CREATE INDEX IF NOT EXISTS sa_access_audit_at ON sa_access_audit (at)',
  ],
  // 6: Seller Central authorised per region (Amazon authorises the SP-API once per region: NA, EU, FE). A Seller
  // Central layer holds one row per region, so `layer_region` (the layer's SP-API region; '' for Advertising,
  // whose one Login with Amazon authorisation serves every region) joins the primary key. Changing a primary key
  // means a new table in SQLite: copy, drop, rename (the same text works in PostgreSQL). Existing Seller Central
  // rows become the authorisation of their region (`token_region`, the region they were authorised in).
  [
    `CREATE TABLE sa_connections_v6 (
    subscription_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    slot INTEGER NOT NULL,
    layer_region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    parent_account_id TEXT,
    authorization_id TEXT NOT NULL UNIQUE,
    details TEXT NOT NULL,
    token_region TEXT NOT NULL,
    sealed_refresh_token TEXT NOT NULL,
    sealed_access_token TEXT,
    access_expires_at BIGINT,
    health TEXT NOT NULL,
    connected_at BIGINT NOT NULL,
    refresh_lease_until BIGINT,
    checked_at BIGINT,
    check_claimed_until BIGINT,
    PRIMARY KEY (subscription_id, kind, slot, layer_region),
    UNIQUE (subscription_id, kind, account_id, layer_region)
  )`,
    `INSERT INTO sa_connections_v6 (subscription_id, kind, slot, layer_region, account_id, parent_account_id,
      authorization_id, details, token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health,
      connected_at, refresh_lease_until, checked_at, check_claimed_until)
    SELECT subscription_id, kind, slot, CASE WHEN kind = 'sellerCentral' THEN token_region ELSE '' END, account_id,
      parent_account_id, authorization_id, details, token_region, sealed_refresh_token, sealed_access_token,
      access_expires_at, health, connected_at, refresh_lease_until, checked_at, check_claimed_until
    FROM sa_connections`,
    'DROP TABLE sa_connections',
    'ALTER TABLE sa_connections_v6 RENAME TO sa_connections',
  ],
  // 7: rolling deploys. Servers of version 5 still write `sa_connections` with their own column list (no
  // `layer_region`) while new servers run: `layer_region` defaults to '', which for a Seller Central row means
  // "the region of its own `token_region`" (what an old server's single authorisation is), so their sign-ins
  // keep working and new servers read those rows as that region's authorisation (see `layerRegionOf`). A new
  // table again (SQLite cannot change a column's default); the same text works in PostgreSQL.
  [
    `CREATE TABLE sa_connections_v7 (
    subscription_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    slot INTEGER NOT NULL,
    layer_region TEXT NOT NULL DEFAULT '',
    account_id TEXT NOT NULL,
    parent_account_id TEXT,
    authorization_id TEXT NOT NULL UNIQUE,
    details TEXT NOT NULL,
    token_region TEXT NOT NULL,
    sealed_refresh_token TEXT NOT NULL,
    sealed_access_token TEXT,
    access_expires_at BIGINT,
    health TEXT NOT NULL,
    connected_at BIGINT NOT NULL,
    refresh_lease_until BIGINT,
    checked_at BIGINT,
    check_claimed_until BIGINT,
    PRIMARY KEY (subscription_id, kind, slot, layer_region),
    UNIQUE (subscription_id, kind, account_id, layer_region)
  )`,
    `INSERT INTO sa_connections_v7 (subscription_id, kind, slot, layer_region, account_id, parent_account_id,
      authorization_id, details, token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health,
      connected_at, refresh_lease_until, checked_at, check_claimed_until)
    SELECT subscription_id, kind, slot, layer_region, account_id, parent_account_id, authorization_id, details,
      token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health, connected_at,
      refresh_lease_until, checked_at, check_claimed_until
    FROM sa_connections`,
    'DROP TABLE sa_connections',
    'ALTER TABLE sa_connections_v7 RENAME TO sa_connections',
  ],
  // 8: Seller Central's connection counts and report data per region (one selling partner id may be authorised in
  // several regions, each connected and populated on its own): counts move to `<id>@<region>` and report account
  // keys to `sp:<id>@<region>`, the region of that account's earliest connected authorisation (what they counted
  // before regions). Those of an account no longer connected stay as they were (unread: its next connection
  // starts afresh).
  [
    `UPDATE sa_account_connections SET account_id = account_id || '@' || (
      SELECT c.token_region FROM sa_connections c
      WHERE c.subscription_id = sa_account_connections.subscription_id AND c.kind = 'sellerCentral'
        AND c.account_id = sa_account_connections.account_id
      ORDER BY c.connected_at LIMIT 1)
    WHERE kind = 'sellerCentral' AND EXISTS (
      SELECT 1 FROM sa_connections c
      WHERE c.subscription_id = sa_account_connections.subscription_id AND c.kind = 'sellerCentral'
        AND c.account_id = sa_account_connections.account_id)`,
    `UPDATE sa_reports SET account_key = account_key || '@' || (
      SELECT c.token_region FROM sa_connections c
      WHERE c.subscription_id = sa_reports.subscription_id AND c.kind = 'sellerCentral'
        AND 'sp:' || c.account_id = sa_reports.account_key
      ORDER BY c.connected_at LIMIT 1)
    WHERE account_key LIKE 'sp:%' AND EXISTS (
      SELECT 1 FROM sa_connections c
      WHERE c.subscription_id = sa_reports.subscription_id AND c.kind = 'sellerCentral'
        AND 'sp:' || c.account_id = sa_reports.account_key)`,
  ],
];

/**
 * Every table holding a subscription's data, with the column naming the subscription: what
 * `eraseSubscription` deletes (a new table with subscription data is added here; the erase conformance test
 * lists the database's own tables, so one left out fails it).
 *
 * @example
 * ```ts
 * for (const [table, column] of subscriptionTables) run(`DELETE FROM ${table} WHERE ${column} = ?`, id);
 * ```
 */
export const subscriptionTables: readonly (readonly [table: string, column: string])[] = [
  ['sa_oauth_transactions', 'subscription_id'],
  ['sa_connections', 'subscription_id'],
  ['sa_reports', 'subscription_id'],
  ['sa_account_connections', 'subscription_id'],
  ['sa_connection_events', 'subscription_id'],
  ['sa_access_audit', 'subscription_id'],
  ['sa_subscriptions', 'id'],
];

/**
 * Takes the next event position (the counter row stays locked until the transaction ends).
 *
 * @example
 * ```ts
 * const next = db.prepare(nextEventPositionSql).get(); // { position: 8 }
 * ```
 */
export const nextEventPositionSql =
  'UPDATE sa_event_counter SET position = position + 1 WHERE id = 1 RETURNING position';

/**
 * The columns of `sa_connection_events`, in insert order.
 *
 * @example
 * ```ts
 * `INSERT INTO sa_connection_events (${eventColumns.join(', ')}) VALUES (…)`;
 * ```
 */
export const eventColumns = [
  'position',
  'id',
  'subscription_id',
  'type',
  'kind',
  'account_id',
  'at',
  'actor',
  'request_id',
  'detail',
] as const;

/** Counts one more connection of an account (the same text in SQLite and PostgreSQL; `?` placeholders renumbered). */
export const countConnectionSql = `INSERT INTO sa_account_connections (subscription_id, kind, account_id, connections)
  VALUES (?, ?, ?, 1)
  ON CONFLICT (subscription_id, kind, account_id) DO UPDATE SET connections = sa_account_connections.connections + 1`;

/** The table recording which migrations a database has. */
export const migrationsTable =
  'CREATE TABLE IF NOT EXISTS sa_schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)';

/** The columns of `sa_oauth_transactions`, in insert order. */
export const transactionColumns = [
  'selector',
  'verifier_hash',
  'subscription_id',
  'kind',
  'region',
  'return_to',
  'sealed_code_verifier',
  'created_at',
  'expires_at',
  'phase',
  'outcome',
  'sealed_pending_grant',
  'claim_id',
  'claimed_at',
] as const;

/** The columns of `sa_connections`, in insert order. */
export const connectionColumns = [
  'subscription_id',
  'kind',
  'slot',
  'layer_region',
  'account_id',
  'parent_account_id',
  'authorization_id',
  'details',
  'token_region',
  'sealed_refresh_token',
  'sealed_access_token',
  'access_expires_at',
  'health',
  'connected_at',
] as const;

/**
 * The columns of `sa_access_audit`, in insert order.
 *
 * @example
 * ```ts
 * `INSERT INTO sa_access_audit (${accessColumns.join(', ')}) VALUES (…)`;
 * ```
 */
export const accessColumns = [
  'id',
  'subscription_id',
  'kind',
  'operation',
  'endpoint_family',
  'method',
  'actor',
  'request_id',
  'at',
] as const;
