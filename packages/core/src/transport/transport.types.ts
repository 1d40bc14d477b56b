import type {
  AuthorizeRequest,
  AuthorizeResponse,
  CallbackRequest,
  CallbackResponse,
  ConnectionsStatus,
  DisconnectRequest,
  MetricsResponse,
  SelectAccountRequest,
} from '../contract/types';

/**
 * Per-request options of a {@link Transport} call.
 *
 * @example
 * ```ts
 * await transport.getStatus({ signal: AbortSignal.timeout(3000) });
 * ```
 */
export interface RequestOptions {
  /** Aborts the request (ignored by the calls that must never be abandoned half-way). */
  readonly signal?: AbortSignal;
}

/**
 * A date range of `GET /metrics`, as `YYYY-MM-DD`, and the marketplace the figures are for.
 *
 * @example
 * ```ts
 * await transport.getMetrics({ from: '2026-11-01', to: '2026-11-07' });
 * await transport.getMetrics({ from: '2026-11-01', to: '2026-11-07', marketplace: 'A1PA6795UKMFR9' }); // Germany
 * await transport.getMetrics({ from: '2026-11-01', to: '2026-11-07', marketplace: 'all' });
 * ```
 */
export interface MetricsRange {
  readonly from: string;
  readonly to: string;
  /**
   * A `marketplaceId` of the status's `marketplaces`, or `'all'` for every marketplace (per-currency totals).
   * `createMetricsQuery` fills it with the engine's selected marketplace.
   * @default undefined (the server answers for the account's home marketplace)
   */
  readonly marketplace?: string;
}

/**
 * The backend contract as functions. {@link createHttpTransport} implements it over HTTP; tests and hosts can
 * supply their own. Every method resolves with a value that passed the contract's schema, or rejects with a
 * {@link ConnectionsError}.
 *
 * @example
 * ```ts
 * import type { Transport } from '@smart-ads/core';
 * const transport: Transport = {
 *   getStatus: async () => ({ subscription: { accountLimit: 1 }, advertising: null, sellerCentral: null }),
 *   // …the other five calls
 * } as Transport;
 * ```
 */
export interface Transport {
  /** `GET /status` (idempotent: retried). */
  getStatus(options?: RequestOptions): Promise<ConnectionsStatus>;
  /** `POST /authorize`: the Amazon URL and `state` for one kind. */
  authorize(request: AuthorizeRequest, options?: RequestOptions): Promise<AuthorizeResponse>;
  /** `POST /callback`: hands a code to the backend. Never retried, never aborted: a code is single-use. */
  callback(request: CallbackRequest): Promise<CallbackResponse>;
  /** `POST /advertising/account`: the account picked when the sign-in sees several. */
  selectAccount(request: SelectAccountRequest): Promise<ConnectionsStatus>;
  /** `POST /disconnect`. Never retried. */
  disconnect(request: DisconnectRequest): Promise<ConnectionsStatus>;
  /** `GET /metrics?from&to[&marketplace]` (idempotent: retried). */
  getMetrics(range: MetricsRange, options?: RequestOptions): Promise<MetricsResponse>;
}
