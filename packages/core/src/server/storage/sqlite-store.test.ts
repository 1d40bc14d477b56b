import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConnectionStoreConformance } from '../../../test/server/connection-store.conformance';
import { createSqliteStore } from './sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'smart-ads-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeConnectionStoreConformance('SQLite store (memory)', () =>
  createSqliteStore({ filename: ':memory:' }),
);
describeConnectionStoreConformance('SQLite store (file)', () =>
  createSqliteStore({ filename: join(dir, 'conformance.db') }),
);

describe('SQLite store on a file', () => {
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
