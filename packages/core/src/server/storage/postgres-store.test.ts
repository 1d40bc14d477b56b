import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConnectionStoreConformance } from '../../../test/server/connection-store.conformance';
import {
  type PostgresTestCluster,
  startPostgresTestCluster,
} from '../../../test/server/postgres-test-cluster';
import type { AdvertisingConnectionRecord } from './connection-store';
import { createPostgresStore } from './postgres-store';

let cluster: PostgresTestCluster;
beforeAll(async () => {
  cluster = await startPostgresTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describeConnectionStoreConformance('PostgreSQL store', () =>
  createPostgresStore({ connectionString: cluster.connectionString }),
);

describe('PostgreSQL store for many app servers', () => {
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
});
