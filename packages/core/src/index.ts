/**
 * `@smart-ads/core`: the framework-free engine for the Smart Ads Amazon connections (browser entry).
 * Nothing here touches `window` at import time; nothing from `./server` is imported.
 */
export * from './contract';
export {
  type BrowserEnvironmentOptions,
  busChannelName,
  createBrowserEnvironment,
  defaultEnvironment,
} from './environment/environment.browser';
export {
  createMemoryBusHub,
  createMemoryEnvironment,
  type MemoryBusHub,
  type MemoryEnvironment,
  type MemoryEnvironmentOptions,
} from './environment/environment.memory';
export type {
  CancelTimer,
  ConnectionsEnvironment,
  KeyValueStorage,
  MessageBus,
  PopupHandle,
} from './environment/environment.types';
export { createMemoryStorage } from './environment/memory-storage';
export { CallbackError } from './errors/callback-error';
export {
  ConnectionsError,
  type ConnectionsErrorOptions,
  isConnectionsError,
} from './errors/connections-error';
export { NetworkFailureError } from './errors/network-failure-error';
export { ProblemError } from './errors/problem-error';
export { toConnectionsError } from './errors/to-connections-error';
export { UnexpectedResponseError } from './errors/unexpected-response-error';
export {
  type ActionState,
  type CommandResult,
  type ConnectionsSend,
  type ConnectionsSnapshot,
  type ConnectionsView,
  type ConnectionView,
  connect,
  connectionsView,
  type DisconnectConfirmation,
  type MarketplaceView,
  type NextStep,
  type RegionActions,
  type TroubleView,
} from './machine/connections.connect';
export {
  type Connections,
  type CreateConnectionsOptions,
  createConnections,
} from './machine/connections.create';
export { connectionsMachine } from './machine/connections.machine';
export { regionNames, type SellerCentralRegionView } from './machine/connections.regions';
export {
  blockMessage,
  connectBlock,
  connectionCondition,
  connectionConditions,
  disconnectBlock,
  whyConnectRefused,
  whyDisconnectRefused,
  whyRefused,
} from './machine/connections.rules';
export { defaultSettings, resolveSettings } from './machine/connections.settings';
export type {
  BlockCode,
  CommandName,
  ConnectionActivity,
  ConnectionsCommand,
  ConnectionsContext,
  ConnectionsEvent,
  ConnectionsInput,
  ConnectionsSettings,
  IncomingCallback,
  Refusal,
  Trouble,
} from './machine/connections.types';
export {
  type ConnectionCondition,
  type ConnectionConditions,
  type ConnectionMetricAvailability,
  connectionLabels,
  type FeatureAvailability,
  featureAvailability,
  featuresAvailability,
  type MetricAvailability,
  metricAvailability,
  metricsAvailability,
} from './metrics/metrics.availability';
export {
  dataSourceKinds,
  dataSources,
  type FeatureDefinition,
  type FeatureId,
  featureCatalogue,
  featureIds,
  type MetricDefinition,
  type MetricFormat,
  type MetricKey,
  metricCatalogue,
  metricKeys,
} from './metrics/metrics.catalogue';
export { type DisplayMetricOptions, displayMetric, metricDash } from './metrics/metrics.format';
export {
  createMetricsQuery,
  type MetricsQuery,
  type MetricsQueryError,
  type MetricsQueryOptions,
  type MetricsQueryState,
} from './metrics/metrics.query';
export { type ParsedCallback, parseCallbackUrl, stripCallbackParams } from './oauth/callback.parse';
export { constantTimeEqual } from './oauth/constant-time';
export { createTransactionStore, type SpentRecord, type TransactionStore } from './oauth/transaction.store';
export type { PendingTransaction, SignInMode } from './oauth/transaction.types';
export {
  createHttpTransport,
  type HeadersOption,
  type HttpTransportOptions,
} from './transport/transport.http';
export type { MetricsRange, RequestOptions, Transport } from './transport/transport.types';
export { version } from './version';
