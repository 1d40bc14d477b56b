/**
 * `@smart-ads/react`: thin React hooks over the `@smart-ads/core` connections engine. Nothing here touches
 * `window` at import time; the built file starts with `'use client'` for React Server Components hosts.
 */

// What a React user needs from the core, so one import serves.
export {
  type AccountMarketplace,
  type ActionState,
  type AdvertisingAccount,
  type AmazonRegion,
  type CommandResult,
  type ConnectionActivity,
  type ConnectionCondition,
  type ConnectionKind,
  type Connections,
  ConnectionsError,
  type ConnectionsStatus,
  type ConnectionsView,
  type ConnectionView,
  type CreateConnectionsOptions,
  connectionLabels,
  createBrowserEnvironment,
  createConnections,
  createHttpTransport,
  createMetricsQuery,
  type DisconnectConfirmation,
  displayMetric,
  type ErrorCode,
  errorCatalogue,
  type FeatureAvailability,
  type FeatureId,
  featureCatalogue,
  featureIds,
  isConnectionsError,
  type MarketplaceCoverage,
  type MarketplaceView,
  type MetricAvailability,
  type MetricKey,
  type MetricsQuery,
  type MetricsQueryError,
  type MetricsQueryOptions,
  type MetricsQueryState,
  type MetricsRange,
  type MetricsResponse,
  metricCatalogue,
  metricDash,
  metricKeys,
  type NextStep,
  type Refusal,
  type RegionActions,
  regionNames,
  type SellerCentralRegionView,
  type SignInMode,
  type Trouble,
  type TroubleView,
} from '@smart-ads/core';
export { ConnectionsCallback, type ConnectionsCallbackProps } from './connections-callback';
export { ConnectionsProvider, type ConnectionsProviderProps } from './connections-provider';
export { MetricValue, type MetricValueProps } from './metric-value';
export { sameData } from './same-data';
export { useConnection } from './use-connection';
export {
  type CallbackPhase,
  type CallbackProgress,
  useConnectionsCallback,
} from './use-connections-callback';
export { useConnectionsEngine } from './use-connections-engine';
export { useConnectionsSelector } from './use-connections-selector';
export { useConnectionsView } from './use-connections-view';
export { type Disconnect, type DisconnectOptions, useDisconnect } from './use-disconnect';
export { useFeature } from './use-feature';
export { useFeatures } from './use-features';
export { type Marketplace, useMarketplace } from './use-marketplace';
export { type Metric, type MetricOptions, useMetric } from './use-metric';
export { type Metrics, useMetrics } from './use-metrics';
export { type SignIn, type SignInOptions, useSignIn } from './use-sign-in';
export { type Advice, type Troubleshooting, useTroubleshooting } from './use-troubleshooting';
