import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConnectionStoreConformance } from '../../../test/server/connection-store.conformance';
import {
  expectVersion5Upgraded,
  expectVersion5WriterRead,
  newerSchemaStatement,
  version5SignInStatements,
  version5Statements,
} from '../../../test/server/version-5-database';
import { SchemaVersionError } from './schema-version-error';
import { sqlMigrations } from './sql-schema';
import { createSqliteStore } from './sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'smart-ads-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeConnectionStoreConformance('SQLite store (memory)', () =>
  createSqliteStore({ filename: ':memory:' }),
);
describeConnectionStoreConformance(
  'SQLite store (file)',
  () => createSqliteStore({ filename: join(dir, 'conformance.db') }),
  async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(join(dir, 'conformance.db'), { readOnly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
      return Object.fromEntries(
        tables.map(({ name }) => [String(name), db.prepare(`SELECT * FROM "${String(name)}"`).all()]),
      );
    } finally {
      db.close();
    }
  },
);

describe('SQLite store on a file', () => {
  it('upgrades a database made before migrations were recorded, keeping its connections', async () => {
    const filename = join(dir, 'version-1.db');
    const { DatabaseSync } = await import('node:sqlite');
    const old = new DatabaseSync(filename);
    for (const statement of sqlMigrations[0] ?? []) old.exec(statement);
    old.exec(`INSERT INTO sa_connections VALUES ('sub_old', 'advertising', 0, 'ENTITY_OLD', NULL, 'auth_old',
      '{"id":"ENTITY_OLD","name":"Old","type":"seller","marketplaces":[]}', 'na', 'sealed', NULL, NULL, 'ok', 5)`);
    old.close();
    const store = await createSqliteStore({ filename });
    expect((await store.listConnections('sub_old')).map((c) => c.accountId)).toEqual(['ENTITY_OLD']);
    expect(await store.connectionCount('sub_old', 'advertising', 'ENTITY_OLD')).toBe(0);
    const claimed = await store.claimTokenRefresh('sub_old', 'auth_old', {
      now: 1,
      leaseMs: 10,
      usableAfter: 2,
    });
    expect(claimed).toBe(true);
    await store.close();
    const again = new DatabaseSync(filename);
    const versions = again.prepare('SELECT version FROM sa_schema_migrations ORDER BY version').all();
    again.close();
    expect(versions.map((row) => row.version)).toEqual(sqlMigrations.map((_, index) => index + 1));
  });

  it('upgrades a version-5 database: its Seller Central row becomes its region’s authorisation', async () => {
    const filename = join(dir, 'version-5.db');
    const { DatabaseSync } = await import('node:sqlite');
    const old = new DatabaseSync(filename);
    for (const statement of version5Statements) old.exec(statement);
    old.close();
    const store = await createSqliteStore({ filename });
    await expectVersion5Upgraded(store);
    await store.close();
  });

  it('keeps a version-5 server’s Seller Central sign-in working during a rolling deploy', async () => {
    const filename = join(dir, 'rolling.db');
    const { DatabaseSync } = await import('node:sqlite');
    const old = new DatabaseSync(filename);
    for (const statement of version5Statements) old.exec(statement);
    old.close();
    const store = await createSqliteStore({ filename });
    await expectVersion5Upgraded(store);
    const oldServer = new DatabaseSync(filename);
    for (const statement of version5SignInStatements) oldServer.exec(statement);
    oldServer.close();
    await expectVersion5WriterRead(store);
    await store.close();
  });

  it('refuses a database migrated by a newer version, with a typed error naming both versions', async () => {
    const filename = join(dir, 'newer.db');
    await (await createSqliteStore({ filename })).close();
    const { DatabaseSync } = await import('node:sqlite');
    const newer = new DatabaseSync(filename);
    newer.exec(newerSchemaStatement);
    newer.close();
    const opening = createSqliteStore({ filename });
    await expect(opening).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(opening).rejects.toMatchObject({
      code: 'schema_too_new',
      databaseVersion: sqlMigrations.length + 1,
      knownVersion: sqlMigrations.length,
    });
  });

  it('keeps connections across a restart of the process', async () => {
    const filename = join(dir, 'restart.db');
    const first = await createSqliteStore({ filename });
    await first.saveConnection({
      accountLimit: 1,
      connection: {
        kind: 'advertising',
        subscriptionId: 'sub_1',
        accountId: 'ENTITY_A',
        account: { id: 'ENTITY_A', name: 'Acme', type: 'seller', marketplaces: [] },
        authorizationId: 'auth_1',
        tokenRegion: 'eu',
        sealedRefreshToken: 'sealed',
        sealedAccessToken: null,
        accessTokenExpiresAt: null,
        health: 'ok',
        connectedAt: 5,
      },
    });
    await first.close();
    const second = await createSqliteStore({ filename });
    expect((await second.listConnections('sub_1')).map((c) => [c.accountId, c.tokenRegion])).toEqual([
      ['ENTITY_A', 'eu'],
    ]);
    await second.close();
  });
});

describe('SQLite store: where the file goes', () => {
  it('creates the folders of a filename that do not exist yet', async () => {
    const filename = join(dir, 'not', 'there', 'yet', 'amazon.db');
    const store = await createSqliteStore({ filename });
    expect(existsSync(filename)).toBe(true);
    expect(await store.listConnections('sub_1')).toEqual([]);
    await store.close();
  });

  it('says which folder it could not create and what to do', async () => {
    const blocker = join(dir, 'a-file');
    await createSqliteStore({ filename: blocker }).then((store) => store.close());
    await expect(createSqliteStore({ filename: join(blocker, 'inside', 'amazon.db') })).rejects.toThrow(
      `createSqliteStore: cannot create the folder ${join(blocker, 'inside')} for the database file ${join(blocker, 'inside', 'amazon.db')} (ENOTDIR). Create that folder yourself, or pass a filename in a folder this process can write to.`,
    );
  });

  it('says which file it could not open, instead of a bare "unable to open database file"', async () => {
    const folder = join(dir, 'a-folder.db');
    mkdirSync(folder);
    await expect(createSqliteStore({ filename: folder })).rejects.toThrow(
      new RegExp(`^createSqliteStore: cannot open the database file ${folder} \\(.+\\)\\. Check that`),
    );
  });
});
