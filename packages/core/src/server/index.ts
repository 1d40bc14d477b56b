/**
 * `@smart-ads/core/server`: the server half of the Amazon connections engine. A fetch-standard handler
 * implementing the backend contract, Login with Amazon / Ads API / SP-API clients, token lifecycle,
 * metrics, and a storage interface with an embedded SQLite default and a PostgreSQL store.
 *
 * `node:sqlite` and `pg` are loaded only inside their store factories, so importing this entry point
 * never needs either.
 */

export { ConnectionsError, isConnectionsError } from '../errors/connections-error';
export { type AmazonBaseUrls, amazonProductionBaseUrls } from './amazon-base-urls';
export type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  ConnectionStore,
  JsonValue,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportEntry,
  ReportKey,
  SaveConnectionResult,
  SellerCentralConnectionRecord,
  SellerMarketplaceRecord,
  TransactionOutcome,
  TransactionPhase,
} from './connection-store';
export { type ConnectionsHandler, createConnectionsHandler } from './connections-handler';
export type {
  AmazonAppCredentials,
  ConnectionsHandlerOptions,
  ConnectionsLogger,
  SubscriptionInfo,
} from './connections-handler-options';
export { type NodeListenerOptions, toNodeListener } from './node-listener';
export {
  createPostgresStore,
  type PgPoolLike,
  type PgQueryable,
  type PostgresStoreOptions,
} from './postgres-store';
export type { ReportTimings } from './report-cache';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store';
export {
  createTokenCipher,
  type EncryptionKeyInput,
  SealedValueError,
  type TokenCipher,
} from './token-cipher';
