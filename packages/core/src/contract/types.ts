import type * as z from 'zod/mini';
import type {
  accountMarketplaceSchema,
  advertisingAccountSchema,
  advertisingConnectionSchema,
  amazonRegionSchema,
  authorizeRequestSchema,
  authorizeResponseSchema,
  callbackRequestSchema,
  callbackResponseSchema,
  connectionEventTypeSchema,
  connectionHealthSchema,
  connectionHistoryEntrySchema,
  connectionHistoryResponseSchema,
  connectionKindSchema,
  connectionsStatusSchema,
  dataSourceSchema,
  disconnectRequestSchema,
  marketplaceCoverageSchema,
  metricIdSchema,
  metricsResponseSchema,
  metricValueSchema,
  missingReasonSchema,
  problemSchema,
  selectAccountRequestSchema,
  sellerCentralAuthorisationSchema,
  sellerCentralConnectionSchema,
} from './schemas';

/** `'advertising' | 'sellerCentral'`. */
export type ConnectionKind = z.infer<typeof connectionKindSchema>;
/** `'na' | 'eu' | 'fe'`. */
export type AmazonRegion = z.infer<typeof amazonRegionSchema>;
/** An Amazon data source behind some figures: `'campaigns' | 'advertisedProducts' | 'orders' | 'salesAndTraffic'`. */
export type DataSource = z.infer<typeof dataSourceSchema>;
/** `'ok' | 'stale'`. */
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;
/** An advertising account a sign-in can see. */
export type AdvertisingAccount = z.infer<typeof advertisingAccountSchema>;
/** The connected Advertising account. */
export type AdvertisingConnection = z.infer<typeof advertisingConnectionSchema>;
/** The connected Seller Central layer. */
export type SellerCentralConnection = z.infer<typeof sellerCentralConnectionSchema>;
/** One region's Seller Central authorisation, as `GET /status` lists it in `sellerCentral.regions`. */
export type SellerCentralAuthorisation = z.infer<typeof sellerCentralAuthorisationSchema>;
/** The body of `GET /status`. */
export type ConnectionsStatus = z.infer<typeof connectionsStatusSchema>;
/** The body of `POST /authorize`. */
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;
/** The answer of `POST /authorize`. */
export type AuthorizeResponse = z.infer<typeof authorizeResponseSchema>;
/** The body of `POST /callback`. */
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;
/** The answer of `POST /callback`. */
export type CallbackResponse = z.infer<typeof callbackResponseSchema>;
/** The body of `POST /advertising/account`. */
export type SelectAccountRequest = z.infer<typeof selectAccountRequestSchema>;
/** The body of `POST /disconnect`. */
export type DisconnectRequest = z.infer<typeof disconnectRequestSchema>;
/** One of the nine metrics of the help article. */
export type MetricId = z.infer<typeof metricIdSchema>;
/** Why a figure is missing. */
export type MissingReason = z.infer<typeof missingReasonSchema>;
/** A figure or `null` with a reason. */
export type MetricValue = z.infer<typeof metricValueSchema>;
/** The answer of `GET /metrics`. */
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;
/** An `application/problem+json` body. */
export type Problem = z.infer<typeof problemSchema>;
/** What one connection covers in one marketplace. */
export type MarketplaceCoverage = z.infer<typeof marketplaceCoverageSchema>;
/** One marketplace of the connected account and what each connection covers there. */
export type AccountMarketplace = z.infer<typeof accountMarketplaceSchema>;
/** What happened to a connection (`connected`, `reconnected`, `disconnected`, `stale_detected`, …). */
export type ConnectionEventType = z.infer<typeof connectionEventTypeSchema>;
/** One entry of `GET /history`. */
export type ConnectionHistoryEntry = z.infer<typeof connectionHistoryEntrySchema>;
/** The answer of `GET /history`, newest first. */
export type ConnectionHistoryResponse = z.infer<typeof connectionHistoryResponseSchema>;
