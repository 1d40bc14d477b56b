import type { AmazonRegion, ConnectionKind } from '../../contract/types';
import type { AmazonBaseUrls } from '../amazon/amazon-base-urls';
import type { CurrencyConversion } from '../metrics/currency-conversion';
import type { ReportTimings } from '../metrics/report-cache';
import type { ConnectionStore } from '../storage/connection-store';
import type { EncryptionKeyInput } from '../tokens/token-cipher';

/**
 * The subscription a request belongs to, as the host decides it (session cookie, JWT, API key…).
 *
 * @example
 * ```ts
 * const subscription: SubscriptionInfo = { id: 'sub_42', accountLimit: 1 };
 * ```
 */
export interface SubscriptionInfo {
  /** The host's stable id of the subscription. */
  readonly id: string;
  /** How many Amazon Advertising accounts the plan allows. @default 1 */
  readonly accountLimit?: number;
  /** Who is signed in (your user id), recorded in the connection history. Never a secret. */
  readonly actor?: string;
}

/**
 * The Amazon app the host registered (Login with Amazon security profile + SP-API app).
 *
 * @example
 * ```ts
 * const amazon: AmazonAppCredentials = { clientId, clientSecret, applicationId, redirectUris: { advertising: url, sellerCentral: url } };
 * ```
 */
export interface AmazonAppCredentials {
  /** LWA client id (`amzn1.application-oa2-client.…`). */
  readonly clientId: string;
  /** LWA client secret. Never leaves the server; never logged. */
  readonly clientSecret: string;
  /** SP-API application id (`amzn1.sellerapps.app.…`), for the Seller Central consent page. */
  readonly applicationId: string;
  /** The registered return URL of each kind (your page that posts `code` and `state` to `/callback`). */
  readonly redirectUris: Readonly<Record<ConnectionKind, string>>;
  /** Regions where the app looks for advertising profiles and may send users to sign in. @default ['na', 'eu', 'fe'] */
  readonly regions?: readonly AmazonRegion[];
  /** The sign-in region when `/authorize` names none. @default 'na' */
  readonly defaultRegion?: AmazonRegion;
  /** The SP-API app is still a draft: Seller Central consent needs `version=beta`. @default false */
  readonly draftApp?: boolean;
}

/**
 * Where the handler reports what happened. Messages never contain tokens, codes or secrets.
 *
 * @example
 * ```ts
 * const logger: ConnectionsLogger = { warn: (m) => log.warn(m), error: (m) => log.error(m) };
 * ```
 */
export interface ConnectionsLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Options of `createConnectionsHandler`.
 *
 * @example
 * ```ts
 * const options: ConnectionsHandlerOptions = {
 *   basePath: '/api/amazon',
 *   store: await createSqliteStore({ filename: './amazon.db' }),
 *   encryptionKey: process.env.AMAZON_TOKEN_KEY!,
 *   amazon: { clientId, clientSecret, applicationId, redirectUris: { advertising: 'https://app.example/amazon/return', sellerCentral: 'https://app.example/amazon/return' } },
 *   getSubscription: async (request) => (await sessionOf(request))?.subscription ?? null,
 * };
 * ```
 */
export interface ConnectionsHandlerOptions {
  /** Where the handler is mounted; requests outside it get 404. @default '' */
  readonly basePath?: string;
  /** Maps a request to its subscription; `null` answers 401 `unauthorized`. */
  readonly getSubscription: (request: Request) => SubscriptionInfo | null | Promise<SubscriptionInfo | null>;
  /** The Amazon app's credentials and return URLs. */
  readonly amazon: AmazonAppCredentials;
  /** Amazon's hosts; point them at a mock Amazon in tests. @default amazonProductionBaseUrls */
  readonly baseUrls?: AmazonBaseUrls;
  /** Where connections, transactions and report data live. */
  readonly store: ConnectionStore;
  /** 32 bytes (or base64 text of them, or an AES-GCM CryptoKey) sealing tokens at rest. */
  readonly encryptionKey: EncryptionKeyInput;
  /** How requests reach Amazon. @default globalThis.fetch */
  readonly fetch?: (request: Request) => Promise<Response>;
  /**
   * The deadline of each request to Amazon, answer and body included; past it the call fails with
   * `amazon_unavailable` (retryable). A callback makes two calls one after the other (the token, then the
   * accounts), so keep twice this under your front end's request timeout (the browser transport's is 10 s).
   * @default 4000
   */
  readonly amazonTimeoutMs?: number;
  /**
   * How long one request may hold an OAuth exchange before another request may take it over (a server that
   * crashed mid-exchange). Must be longer than an exchange can take. @default amazonTimeoutMs + 5000
   */
  readonly exchangeLeaseMs?: number;
  /**
   * Origins (`https://app.example`) whose pages may send the state-changing requests (`POST`). A request whose
   * `Origin` is not listed (or, without `Origin`, whose `Sec-Fetch-Site` is `cross-site`) is refused with
   * `origin_not_allowed`. Requests without either header (servers, scripts) are not browser requests and pass.
   * @default the origin whose host is the request's own `Host` (or `X-Forwarded-Host`)
   */
  readonly allowedOrigins?: readonly string[];
  /** The largest request body accepted, in bytes; larger ones get 413 `payload_too_large`. @default 16384 */
  readonly maxBodyBytes?: number;
  /** The clock, in epoch milliseconds (share a mock's clock in tests). @default Date.now */
  readonly now?: () => number | Date;
  /** How long an authorization may take, from `/authorize` to `/callback`. @default 600000 (10 minutes) */
  readonly transactionTtlMs?: number;
  /** Refresh access tokens this long before they expire. @default 300000 (5 minutes) */
  readonly refreshMarginMs?: number;
  /** Report caching and polling. */
  readonly reports?: ReportTimings;
  /**
   * Conversion rates for `GET /metrics?marketplace=all` when the account's marketplaces use several currencies:
   * return `{ currency, rateDate, rates }` to get one converted total (the answer shows the rates and their date),
   * or `null` to keep the totals per currency side by side. Without it, amounts are never added across currencies.
   * @default undefined (no conversion)
   * @example
   * ```ts
   * currencyConversion: async ({ currencies }) => ({ currency: 'USD', rateDate: '2026-11-30', rates: await ratesFor(currencies) }),
   * ```
   */
  readonly currencyConversion?: (context: {
    readonly subscriptionId: string;
    readonly currencies: readonly string[];
  }) => CurrencyConversion | null | undefined | Promise<CurrencyConversion | null | undefined>;
  /** Longest `/metrics` range in days (Ads reports cover 31 days at most). @default 31 */
  readonly maxRangeDays?: number;
  /** Where warnings go. @default console */
  readonly logger?: ConnectionsLogger;
}
