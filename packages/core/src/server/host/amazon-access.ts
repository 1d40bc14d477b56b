import type { AmazonRegion, ConnectionKind } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { amazonUrl } from '../amazon/amazon-base-urls';
import { StaleAuthorizationError, sendToAmazon } from '../amazon/amazon-fetch';
import type { Engine } from '../http/connections-handler';
import { pathFamily, withLogContext } from '../http/structured-log';
import { primaryConnections } from '../metrics/connections-status';
import type { ConnectionRecord } from '../storage/connection-store';

/**
 * Which Advertising profile (marketplace) to act in: by `profileId`, or by `countryCode`; the first marketplace
 * of the account when neither is given.
 *
 * @example
 * ```ts
 * const scope: AmazonProfileChoice = { countryCode: 'US' };
 * ```
 */
export interface AmazonProfileChoice {
  readonly profileId?: string;
  /** Advertising: the profile of this country; Seller Central: the authorisation of the region selling there. */
  readonly countryCode?: string;
  /**
   * Seller Central: the authorisation of this region (Amazon authorises the SP-API per region).
   * @default the Advertising account's home region when authorised there, else the first authorised region
   */
  readonly region?: AmazonRegion;
}

/**
 * How to connect: the profile ({@link AmazonProfileChoice}) and who is calling, recorded in the access audit
 * with every use of the tokens.
 *
 * @example
 * ```ts
 * const ads = await server.amazon.connect('sub_42', 'advertising', { countryCode: 'US', actor: 'rules-job' });
 * ```
 */
export interface AmazonConnectOptions extends AmazonProfileChoice {
  /** The host's name for who or what calls (a user id, `rules-job`). @default 'system' */
  readonly actor?: string;
  /** The id of the host's request this call serves, if any. */
  readonly requestId?: string;
}

/**
 * The endpoint family of a path, as the access audit and the logs name it: the API (`ads`, `sp-api`) and the
 * first path segments that are names (`/sp/keywords/list` is `ads:/sp/keywords`; `/reports/2021-06-30/reports/ID`
 * is `sp-api:/reports`). Never an id, a query or a token.
 *
 * @example
 * ```ts
 * endpointFamily('advertising', '/sp/keywords/list?x=1'); // 'ads:/sp/keywords'
 * ```
 */
export function endpointFamily(kind: ConnectionKind, path: string): string {
  return `${kind === 'advertising' ? 'ads' : 'sp-api'}:${pathFamily(path)}`;
}

/**
 * An authorized way to call Amazon for one subscription's connection: the regional host, a fresh access token
 * from the engine's cache (one refresh at a time per authorization, shared with the metrics), and the API's
 * headers. Every call checks the connection first and is refused before any network call with a
 * `ConnectionsError`: `not_connected`, `connection_stale`, or `advertising_required` (Seller Central without
 * Advertising). A 401/403 from Amazon gets one retry with a refreshed token, then marks the connection stale
 * (`connection_stale`), exactly as the metrics do; 429 is `rate_limited` with `retryAfterSeconds`.
 *
 * @example
 * ```ts
 * const ads = await server.amazon.connect('sub_42', 'advertising', { countryCode: 'US' });
 * const response = await ads.fetch('/sp/keywords/list', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/vnd.spKeyword.v3+json', accept: 'application/vnd.spKeyword.v3+json' },
 *   body: JSON.stringify({ campaignIdFilter: { include: ['123'] } }),
 * });
 * ```
 */
export interface AmazonConnectionClient {
  readonly kind: ConnectionKind;
  /** The Advertising account id, or the selling partner id. */
  readonly accountId: string;
  readonly region: AmazonRegion;
  /** The Ads API host of the profile's region, or the SP-API host of the authorization's region. */
  readonly baseUrl: string;
  /** Advertising: the profile sent as `Amazon-Advertising-API-Scope`. */
  readonly profileId: string | null;
  /**
   * Sends a request to `path` on {@link baseUrl} with the authorization headers (Ads: `Authorization`,
   * `Amazon-Advertising-API-ClientId`, `Amazon-Advertising-API-Scope`; SP-API: `x-amz-access-token`). Answers
   * Amazon's response for any status but 401/403 (stale), 429 (`rate_limited`) and 5xx (`amazon_unavailable`).
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The plain access token, for a host that must call Amazon itself. Keep it out of logs and URLs. */
  revealAccessToken(): Promise<string>;
}

/**
 * Amazon access for the host's own code (jobs, routes), per subscription and connection kind.
 *
 * @example
 * ```ts
 * const ads = await server.amazon.connect(subscriptionId, 'advertising');
 * const profiles = await (await ads.fetch('/v2/profiles')).json();
 * ```
 */
export interface AmazonAccess {
  /** A client for the subscription's connection of `kind`; refused (typed) when it cannot be used. */
  connect(
    subscriptionId: string,
    kind: ConnectionKind,
    options?: AmazonConnectOptions,
  ): Promise<AmazonConnectionClient>;
}

/**
 * The subscription's usable connection of `kind`, or the typed refusal.
 *
 * @example
 * ```ts
 * const connection = await usableConnection(engine, 'sub_1', 'advertising'); // throws not_connected, connection_stale, …
 * ```
 */
export async function usableConnection(
  engine: Engine,
  subscriptionId: string,
  kind: ConnectionKind,
  choice: AmazonProfileChoice = {},
): Promise<ConnectionRecord> {
  const { advertising, sellerCentral, sellerCentralRegions } = primaryConnections(
    await engine.store.listConnections(subscriptionId),
  );
  if (kind === 'sellerCentral' && !advertising) throw new ConnectionsError('advertising_required');
  const country = choice.countryCode?.toUpperCase();
  const layer =
    choice.region !== undefined
      ? sellerCentralRegions.find((l) => l.tokenRegion === choice.region)
      : country !== undefined
        ? sellerCentralRegions.find((l) =>
            l.marketplaces.some(
              (m) => m.countryCode === country || (country === 'UK' && m.countryCode === 'GB'),
            ),
          )
        : sellerCentral;
  const connection = kind === 'advertising' ? advertising : layer;
  if (!connection) throw new ConnectionsError('not_connected');
  if (connection.health === 'stale') throw new ConnectionsError('connection_stale');
  return connection;
}

function target(
  engine: Engine,
  connection: ConnectionRecord,
  choice: AmazonProfileChoice,
): { region: AmazonRegion; baseUrl: string; profileId: string | null } {
  if (connection.kind === 'sellerCentral') {
    return {
      region: connection.tokenRegion,
      baseUrl: engine.baseUrls.spApi[connection.tokenRegion],
      profileId: null,
    };
  }
  const marketplaces = connection.account.marketplaces;
  const marketplace =
    choice.profileId !== undefined
      ? marketplaces.find((m) => m.profileId === choice.profileId)
      : choice.countryCode !== undefined
        ? marketplaces.find((m) => m.countryCode === choice.countryCode?.toUpperCase())
        : marketplaces[0];
  if (!marketplace) {
    throw new ConnectionsError('invalid_request', {
      detail: 'The connected Advertising account has no such marketplace.',
    });
  }
  return {
    region: marketplace.region,
    baseUrl: engine.baseUrls.ads[marketplace.region],
    profileId: marketplace.profileId,
  };
}

/**
 * Creates the {@link AmazonAccess} of a server. Internal.
 *
 * @example
 * ```ts
 * const amazon = createAmazonAccess(runtime.engine);
 * ```
 */
export function createAmazonAccess(engine: () => Promise<Engine>): AmazonAccess {
  return {
    async connect(subscriptionId, kind, choice = {}) {
      const started = await engine();
      /** Records a use of the tokens before it happens (no token is used without its audit entry). */
      const audit = (operation: 'fetch' | 'reveal_token', family: string, method: string | null) =>
        started.store.recordAccess({
          subscriptionId,
          kind,
          operation,
          endpointFamily: family,
          method,
          actor: choice.actor ?? 'system',
          requestId: choice.requestId ?? null,
          at: started.now(),
        });
      const first = await usableConnection(started, subscriptionId, kind, choice);
      const where = target(started, first, choice);
      /** The connection as stored now: a disconnect or a stale mark since `connect` refuses the next call. */
      const current = async () => {
        const now = await usableConnection(started, subscriptionId, kind, choice);
        if (
          now.accountId !== first.accountId ||
          (kind === 'sellerCentral' && now.tokenRegion !== first.tokenRegion)
        )
          throw new ConnectionsError('not_connected');
        return now;
      };
      const stale = (error: unknown): never => {
        if (error instanceof StaleAuthorizationError) throw new ConnectionsError('connection_stale');
        throw error;
      };
      /** Every log line of a host call names the subscription, the caller and its request id. */
      const context = (route: string) => ({
        requestId: choice.requestId ?? `host_${globalThis.crypto.randomUUID()}`,
        subscriptionId,
        route,
        actor: choice.actor ?? 'system',
      });
      return {
        kind,
        accountId: first.accountId,
        ...where,
        fetch: (path, init = {}) =>
          withLogContext(context(`host ${endpointFamily(kind, path)}`), () => send(path, init)),
        revealAccessToken: () =>
          withLogContext(context('host token'), async () => {
            const connection = await current();
            await audit('reveal_token', kind === 'advertising' ? 'ads:token' : 'sp-api:token', null);
            return started.tokens.accessToken(connection).catch(stale);
          }),
      };
      async function send(path: string, init: RequestInit): Promise<Response> {
        const connection = await current();
        await audit('fetch', endpointFamily(kind, path), (init.method ?? 'GET').toUpperCase());
        return started.tokens
          .withAccessToken(connection, async (token) => {
            const headers = new Headers(init.headers);
            if (kind === 'advertising') {
              headers.set('authorization', `Bearer ${token}`);
              headers.set('Amazon-Advertising-API-ClientId', started.clientId);
              if (where.profileId !== null) headers.set('Amazon-Advertising-API-Scope', where.profileId);
            } else {
              headers.set('x-amz-access-token', token);
            }
            const request = new Request(amazonUrl(where.baseUrl, path), { ...init, headers });
            return sendToAmazon(started.fetch, request, started.now());
          })
          .catch(stale);
      }
    },
  };
}
