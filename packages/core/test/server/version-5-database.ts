// Test support: a database as version 5 of the schema left it (one Seller Central row per layer, no region in its
// key), so both stores' tests can check that migration 6 turns its row into that region's authorisation.
import { expect } from 'vitest';
import type { ConnectionStore } from '../../src/server/storage/connection-store';
import { migrationsTable, sqlMigrations } from '../../src/server/storage/sql-schema';

/** The statements that build schema version 5 (and record it), then one subscription with Advertising and a
 * Seller Central layer authorised in Europe. */
export const version5Statements: readonly string[] = [
  migrationsTable,
  ...sqlMigrations.slice(0, 5).flat(),
  ...[1, 2, 3, 4, 5].map(
    (version) => `INSERT INTO sa_schema_migrations (version, applied_at) VALUES (${version}, 1)`,
  ),
  `INSERT INTO sa_connections (subscription_id, kind, slot, account_id, parent_account_id, authorization_id, details,
     token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health, connected_at)
   VALUES ('sub_v5', 'advertising', 0, 'ENTITY_V5', NULL, 'auth_v5_ads',
     '{"id":"ENTITY_V5","name":"Old","type":"seller","marketplaces":[{"profileId":"1","countryCode":"US","marketplaceId":"ATVPDKIKX0DER","region":"na"},{"profileId":"2","countryCode":"DE","marketplaceId":"A1PA6795UKMFR9","region":"eu"}]}',
     'na', 'sealed', NULL, NULL, 'ok', 5)`,
  `INSERT INTO sa_connections (subscription_id, kind, slot, account_id, parent_account_id, authorization_id, details,
     token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health, connected_at)
   VALUES ('sub_v5', 'sellerCentral', 0, 'SP_V5_EU', 'ENTITY_V5', 'auth_v5_eu',
     '{"marketplaces":[{"id":"A1PA6795UKMFR9","name":"Amazon.de","countryCode":"DE","currencyCode":"EUR"}]}',
     'eu', 'sealed', NULL, NULL, 'ok', 6)`,
];

/**
 * What a store opened on {@link version5Statements}' database must show: the old Seller Central row is Europe's
 * authorisation (its token still refreshes by its id), and North America's is kept beside it, not over it.
 */
export async function expectVersion5Upgraded(store: ConnectionStore): Promise<void> {
  const layers = async () =>
    (await store.listConnections('sub_v5')).map((c) => [c.kind, c.tokenRegion, c.accountId]);
  expect(await layers()).toEqual([
    ['advertising', 'na', 'ENTITY_V5'],
    ['sellerCentral', 'eu', 'SP_V5_EU'],
  ]);
  expect(
    await store.claimTokenRefresh('sub_v5', 'auth_v5_eu', { now: 10, leaseMs: 10, usableAfter: 20 }),
  ).toBe(true);
  const saved = await store.saveConnection({
    accountLimit: 1,
    connection: {
      kind: 'sellerCentral',
      subscriptionId: 'sub_v5',
      accountId: 'SP_V5_NA',
      authorizationId: 'auth_v5_na',
      tokenRegion: 'na',
      sealedRefreshToken: 'sealed',
      sealedAccessToken: null,
      accessTokenExpiresAt: null,
      health: 'ok',
      connectedAt: 7,
      marketplaces: [{ id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currencyCode: 'USD' }],
    },
  });
  expect(saved).toEqual({ ok: true, replaced: false });
  expect(await layers()).toEqual([
    ['advertising', 'na', 'ENTITY_V5'],
    ['sellerCentral', 'eu', 'SP_V5_EU'],
    ['sellerCentral', 'na', 'SP_V5_NA'],
  ]);
}
