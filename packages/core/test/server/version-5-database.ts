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
  `INSERT INTO sa_account_connections (subscription_id, kind, account_id, connections)
   VALUES ('sub_v5', 'sellerCentral', 'SP_V5_EU', 2)`,
  `INSERT INTO sa_reports (subscription_id, account_key, source, range_from, range_to, payload, fetched_at, data_at)
   VALUES ('sub_v5', 'sp:SP_V5_EU', 'sp/orderMetrics/A1PA6795UKMFR9', '2026-11-01', '2026-11-07', '{"rows":1}', 4, 4)`,
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
  // Migration 8: the account's connection count and first data are Europe's (its authorisation's region).
  expect(await store.connectionCount('sub_v5', 'sellerCentral', 'SP_V5_EU', 'eu')).toBe(2);
  expect(await store.connectionCount('sub_v5', 'sellerCentral', 'SP_V5_EU', 'na')).toBe(0);
  expect(await store.firstDataAt('sub_v5', 'sp:SP_V5_EU@eu', 'sp/orderMetrics/')).toBe(4);
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
      marketplaces: [
        { id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currencyCode: 'USD', storeName: 'Old' },
      ],
    },
    // Europe's row has no store name: its participations, read afresh with its token, show the same store.
    authorisedMarketplaces: {
      auth_v5_eu: [
        { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currencyCode: 'EUR', storeName: 'Old' },
      ],
    },
  });
  expect(saved).toEqual({ ok: true, replaced: false });
  const europe = (await store.listConnections('sub_v5')).find((c) => c.authorizationId === 'auth_v5_eu');
  expect(europe?.kind === 'sellerCentral' && europe.marketplaces[0]?.storeName).toBe('Old');
  expect(await layers()).toEqual([
    ['advertising', 'na', 'ENTITY_V5'],
    ['sellerCentral', 'eu', 'SP_V5_EU'],
    ['sellerCentral', 'na', 'SP_V5_NA'],
  ]);
}

/**
 * What a server of schema version 5 writes during a rolling deploy, after a new server migrated the database:
 * its Seller Central sign-in, with its own column list (no `layer_region`), after deleting the layer's row by kind
 * and slot, as version 5 did. Run on the database {@link version5Statements} built and a new store upgraded.
 */
export const version5SignInStatements: readonly string[] = [
  `DELETE FROM sa_connections WHERE subscription_id = 'sub_v5' AND kind = 'sellerCentral' AND slot = 0
     AND token_region = 'eu'`,
  `INSERT INTO sa_connections (subscription_id, kind, slot, account_id, parent_account_id, authorization_id, details,
     token_region, sealed_refresh_token, sealed_access_token, access_expires_at, health, connected_at)
   VALUES ('sub_v5', 'sellerCentral', 0, 'SP_V5_EU', 'ENTITY_V5', 'auth_v5_eu_old_server',
     '{"marketplaces":[{"id":"A1PA6795UKMFR9","name":"Amazon.de","countryCode":"DE","currencyCode":"EUR"}]}',
     'eu', 'sealed', NULL, NULL, 'ok', 8)`,
];

/**
 * What a new store must show after {@link version5SignInStatements}: the old server's row is Europe's
 * authorisation beside North America's, and a new server's reconnect in Europe replaces it (no second Europe).
 */
export async function expectVersion5WriterRead(store: ConnectionStore): Promise<void> {
  const layers = async () =>
    (await store.listConnections('sub_v5'))
      .filter((c) => c.kind === 'sellerCentral')
      .map((c) => [c.tokenRegion, c.authorizationId]);
  expect(await layers()).toEqual([
    ['eu', 'auth_v5_eu_old_server'],
    ['na', 'auth_v5_na'],
  ]);
  const saved = await store.saveConnection({
    accountLimit: 1,
    connection: {
      kind: 'sellerCentral',
      subscriptionId: 'sub_v5',
      accountId: 'SP_V5_EU',
      authorizationId: 'auth_v5_eu_new_server',
      tokenRegion: 'eu',
      sealedRefreshToken: 'sealed',
      sealedAccessToken: null,
      accessTokenExpiresAt: null,
      health: 'ok',
      connectedAt: 9,
      marketplaces: [
        { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currencyCode: 'EUR', storeName: 'Old' },
      ],
    },
  });
  expect(saved).toEqual({ ok: true, replaced: true });
  expect(await layers()).toEqual([
    ['eu', 'auth_v5_eu_new_server'],
    ['na', 'auth_v5_na'],
  ]);
  expect(await store.deleteConnection('sub_v5', 'sellerCentral', 'SP_V5_EU', undefined, 'eu')).toBe(1);
}

/** Records a schema version above every migration this package knows (a newer package migrated the database). */
export const newerSchemaStatement = `INSERT INTO sa_schema_migrations (version, applied_at) VALUES (${sqlMigrations.length + 1}, 1)`;
