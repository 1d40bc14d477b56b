/**
 * The database was migrated by a newer version of this package than the one running: its schema has migrations
 * this server does not know, so its reads and writes could break the newer servers' rules (a rolling deploy
 * rolled back, or an old server started late). `code` is stable; the message names both versions.
 *
 * @example
 * ```ts
 * try {
 *   await createSqliteStore({ filename: './data/amazon-connections.db' });
 * } catch (error) {
 *   if (error instanceof SchemaVersionError) console.error(error.databaseVersion, error.knownVersion);
 * }
 * ```
 */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
  readonly code = 'schema_too_new' as const;
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The connections database has schema version ${databaseVersion}, newer than version ${knownVersion} that this ` +
        'server knows: a newer version of @smart-ads/core migrated it. Run that version (or newer) on every server ' +
        'sharing this database; this server refuses to read or write it.',
    );
  }
}

/**
 * Throws {@link SchemaVersionError} when the database's recorded schema version is above `known`.
 *
 * @example
 * ```ts
 * refuseNewerSchema(applied, sqlMigrations.length);
 * ```
 */
export function refuseNewerSchema(applied: number, known: number): void {
  if (applied > known) throw new SchemaVersionError(applied, known);
}
