import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConnectionStoreConformance } from '../../../test/server/connection-store.conformance';
import {
  type PostgresTestCluster,
  startPostgresTestCluster,
} from '../../../test/server/postgres-test-cluster';
import {
  expectVersion5Upgraded,
  expectVersion5WriterRead,
  newerSchemaStatement,
  version5SignInStatements,
  version5Statements,
} from '../../../test/server/version-5-database';
import type { AdvertisingConnectionRecord } from './connection-store';
import { createPostgresStore } from './postgres-store';
import { SchemaVersionError } from './schema-version-error';
import { sqlMigrations } from './sql-schema';

let cluster: PostgresTestCluster;
beforeAll(async () => {
  cluster = await startPostgresTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describeConnectionStoreConformance(
  'PostgreSQL store',
  () => createPostgresStore({ connectionString: cluster.connectionString }),
  async () => {
    const client = new pg.Client({ connectionString: cluster.connectionString });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      );
      const dumped: Record<string, Record<string, unknown>[]> = {};
      for (const { table_name } of tables) {
        dumped[table_name] = (await client.query(`SELECT * FROM "${table_name}"`)).rows;
      }
      return dumped;
    } finally {
      await client.end();
    }
  },
);

describe('PostgreSQL store for many app servers', () => {
  it('upgrades a version-5 database, keeps a version-5 server’s sign-in working, refuses a newer schema', async () => {
    const admin = new pg.Client({ connectionString: cluster.connectionString });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS smart_ads_v5');
    await admin.query('CREATE DATABASE smart_ads_v5');
    await admin.end();
    const url = new URL(cluster.connectionString);
    url.pathname = '/smart_ads_v5';
    const old = new pg.Client({ connectionString: url.href });
    await old.connect();
    for (const statement of version5Statements) await old.query(statement);
    await old.end();
    const store = await createPostgresStore({ connectionString: url.href });
    await expectVersion5Upgraded(store);
    const oldServer = new pg.Client({ connectionString: url.href });
    await oldServer.connect();
    for (const statement of version5SignInStatements) await oldServer.query(statement);
    await expectVersion5WriterRead(store);
    await store.close();
    await oldServer.query(newerSchemaStatement);
    await oldServer.end();
    const opening = createPostgresStore({ connectionString: url.href });
    await expect(opening).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(
      createPostgresStore({ connectionString: url.href, createTables: false }),
    ).rejects.toMatchObject({
      code: 'schema_too_new',
    });
    await expect(opening).rejects.toMatchObject({
      code: 'schema_too_new',
      databaseVersion: sqlMigrations.length + 1,
      knownVersion: sqlMigrations.length,
    });
  });

  it('keeps one account when two app servers (two pools) save different accounts at once', async () => {
    const [serverA, serverB] = await Promise.all([
      createPostgresStore({ connectionString: cluster.connectionString }),
      createPostgresStore({ connectionString: cluster.connectionString }),
    ]);
    const connection = (accountId: string, authorizationId: string): AdvertisingConnectionRecord => ({
      kind: 'advertising',
      subscriptionId: 'sub_many_servers',
      accountId,
      account: { id: accountId, name: accountId, type: 'seller', marketplaces: [] },
      authorizationId,
      tokenRegion: 'na',
      sealedRefreshToken: 'sealed',
      sealedAccessToken: null,
      accessTokenExpiresAt: null,
      health: 'ok',
      connectedAt: 1,
    });
    const results = await Promise.all([
      serverA.saveConnection({ connection: connection('ENTITY_A', 'auth_a'), accountLimit: 1 }),
      serverB.saveConnection({ connection: connection('ENTITY_B', 'auth_b'), accountLimit: 1 }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await serverA.listConnections('sub_many_servers')).toHaveLength(1);
    await Promise.all([serverA.close(), serverB.close()]);
  });

  it('numbers events in commit order across servers: a reader following its cursor misses none', async () => {
    const [serverA, serverB] = await Promise.all([
      createPostgresStore({ connectionString: cluster.connectionString }),
      createPostgresStore({ connectionString: cluster.connectionString }),
    ]);
    const start = await serverA.lastEventPosition();
    const seen: number[] = [];
    let cursor = start;
    let writing = true;
    const follow = async () => {
      for (;;) {
        const done = !writing;
        const page = await serverA.readEvents(cursor, 1_000);
        for (const event of page) {
          seen.push(event.position);
          cursor = event.position;
        }
        if (done && page.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const reader = follow();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? serverA : serverB).saveConnection({
          accountLimit: 1,
          connection: {
            kind: 'advertising',
            subscriptionId: `sub_order_${i}`,
            accountId: `ENTITY_${i}`,
            account: { id: `ENTITY_${i}`, name: 'Shop', type: 'seller', marketplaces: [] },
            authorizationId: `auth_order_${i}`,
            tokenRegion: 'na',
            sealedRefreshToken: 'sealed',
            sealedAccessToken: null,
            accessTokenExpiresAt: null,
            health: 'ok',
            connectedAt: 1,
          },
        }),
      ),
    );
    writing = false;
    await reader;
    const recorded = (await serverA.readEvents(start, 1_000)).map((event) => event.position);
    expect(recorded).toHaveLength(60);
    expect(seen).toEqual(recorded); // each event once, in order, none skipped by the moving cursor
    await Promise.all([serverA.close(), serverB.close()]);
  });
});
