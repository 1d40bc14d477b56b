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
export {
  type AmazonAccess,
  type AmazonConnectionClient,
  type AmazonConnectOptions,
  type AmazonProfileChoice,
  endpointFamily,
} from './host/amazon-access';
export type { ConnectionEvents } from './host/connection-events';
export {
  type AccessAudit,
  type ConnectionHistory,
  type ConnectionsServer,
  type ConnectionsServerOptions,
  createConnectionsServer,
} from './host/connections-server';
export type { FeatureGate, GateDecision, GatedCapability } from './host/feature-gate';
export type { HealthCheckOptions, HealthCheckReport, HealthChecks } from './host/health-checks';
export { defaultRetentionLimits, type Retention, type RetentionLimits } from './host/retention';
export { type ConnectionsHandler, createConnectionsHandler } from './http/connections-handler';
export type {
  AmazonAppCredentials,
  ConnectionsHandlerOptions,
  ConnectionsLogger,
  SubscriptionInfo,
} from './http/connections-handler-options';
export { type NodeListenerOptions, toNodeListener } from './http/node-listener';
export { checkRequestOrigin } from './http/request-origin';
export type { ConnectionsLog, LogFields } from './http/structured-log';
export type { CurrencyConversion } from './metrics/currency-conversion';
export type { ReportTimings } from './metrics/report-cache';
export type {
  AccessRecord,
  AdvertisingConnectionRecord,
  ChangeContext,
  ConnectionEventRecord,
  ConnectionRecord,
  ConnectionStore,
  EraseResult,
  JsonValue,
  NewAccessRecord,
  NewConnectionEvent,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportEntry,
  ReportKey,
  RetentionCounts,
  RetentionCutoffs,
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
export { SchemaVersionError } from './storage/schema-version-error';
export { createSqliteStore, type SqliteStoreOptions } from './storage/sqlite-store';
export {
  createTokenCipher,
  type EncryptionKeyInput,
  SealedValueError,
  type TokenCipher,
} from './tokens/token-cipher';
