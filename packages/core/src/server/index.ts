/**
 * `@smart-ads/core/server`: the server half of the Amazon connections engine. A fetch-standard handler
 * implementing the backend contract, Login with Amazon / Ads API / SP-API clients, token lifecycle,
 * metrics, and a storage interface with an embedded SQLite default and a PostgreSQL store.
 *
 * `node:sqlite` and `pg` are loaded only inside their store factories, so importing this entry point
 * never needs either.
 */

export { ConnectionsError, isConnectionsError } from '../errors/connections-error';
export { type AmazonBaseUrls, amazonProductionBaseUrls } from './amazon/amazon-base-urls';
export type {
  AmazonAccess,
  AmazonConnectionClient,
  AmazonProfileChoice,
} from './host/amazon-access';
export type { ConnectionEvents } from './host/connection-events';
export {
  type ConnectionHistory,
  type ConnectionsServer,
  type ConnectionsServerOptions,
  createConnectionsServer,
} from './host/connections-server';
export type { FeatureGate, GateDecision, GatedCapability } from './host/feature-gate';
export type { HealthCheckOptions, HealthCheckReport, HealthChecks } from './host/health-checks';
export { type ConnectionsHandler, createConnectionsHandler } from './http/connections-handler';
export type {
  AmazonAppCredentials,
  ConnectionsHandlerOptions,
  ConnectionsLogger,
  SubscriptionInfo,
} from './http/connections-handler-options';
export { type NodeListenerOptions, toNodeListener } from './http/node-listener';
export type { CurrencyConversion } from './metrics/currency-conversion';
export type { ReportTimings } from './metrics/report-cache';
export type {
  AdvertisingConnectionRecord,
  ChangeContext,
  ConnectionEventRecord,
  ConnectionRecord,
  ConnectionStore,
  JsonValue,
  NewConnectionEvent,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportEntry,
  ReportKey,
  SaveConnectionResult,
  SellerCentralConnectionRecord,
  SellerMarketplaceRecord,
  TransactionOutcome,
  TransactionPhase,
} from './storage/connection-store';
export {
  createPostgresStore,
  type PgPoolLike,
  type PgQueryable,
  type PostgresStoreOptions,
} from './storage/postgres-store';
export { createSqliteStore, type SqliteStoreOptions } from './storage/sqlite-store';
export {
  createTokenCipher,
  type EncryptionKeyInput,
  SealedValueError,
  type TokenCipher,
} from './tokens/token-cipher';
