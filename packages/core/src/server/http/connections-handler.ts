import { contractRoutes } from '../../contract/paths';
import {
  authorizeRequestSchema,
  callbackRequestSchema,
  disconnectRequestSchema,
  selectAccountRequestSchema,
} from '../../contract/schemas';
import type { CallbackResponse, ConnectionHistoryResponse, ConnectionsStatus } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { createAdsApiClient } from '../amazon/ads-api-client';
import { type AmazonBaseUrls, amazonProductionBaseUrls } from '../amazon/amazon-base-urls';
import { type AmazonFetch, withDeadline } from '../amazon/amazon-fetch';
import { createLwaClient } from '../amazon/lwa-client';
import { createSpApiClient } from '../amazon/sp-api-client';
import { buildStatus, primaryConnections } from '../metrics/connections-status';
import { createMetricsService, type MetricsService } from '../metrics/metrics-service';
import { createReportCache } from '../metrics/report-cache';
import { isEmptyPayload } from '../metrics/report-payloads';
import {
  type AuthorizationFlow,
  createAuthorizationFlow,
  type FlowResult,
} from '../oauth/authorization-flow';
import type { ConnectionStore } from '../storage/connection-store';
import { createTokenCipher } from '../tokens/token-cipher';
import { createTokenManager, type TokenManager } from '../tokens/token-manager';
import type { ConnectionsHandlerOptions } from './connections-handler-options';
import { validateHandlerOptions } from './connections-handler-options.validate';
import { historyEntry } from './history-entry';
import { problemResponse } from './problem-response';
import { defaultMaxBodyBytes, readJsonBody } from './request-body';
import { checkRequestOrigin } from './request-origin';
import {
  addLogContext,
  createEngineLog,
  type EngineLog,
  loggingAmazonFetch,
  withLogContext,
} from './structured-log';
import { createTelemetry } from './telemetry';

/**
 * A fetch-standard request handler: mount it in any framework that speaks `Request`/`Response`.
 *
 * @example
 * ```ts
 * const response: Response = await handler(new Request('https://app.example/api/amazon/status'));
 * ```
 */
export type ConnectionsHandler = (request: Request) => Promise<Response>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function parseRange(url: URL, maxDays: number): { from: string; to: string } {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const valid =
    isoDate.test(from) &&
    isoDate.test(to) &&
    !Number.isNaN(start) &&
    !Number.isNaN(end) &&
    new Date(start).toISOString().startsWith(from) &&
    new Date(end).toISOString().startsWith(to);
  if (!valid || end < start) {
    throw new ConnectionsError('invalid_request', {
      detail: 'from and to must be dates (YYYY-MM-DD), from <= to.',
    });
  }
  if ((end - start) / 86_400_000 + 1 > maxDays) {
    throw new ConnectionsError('invalid_request', { detail: `A range covers at most ${maxDays} days.` });
  }
  return { from, to };
}

/**
 * The parts of the engine a handler and the host's own code share (one token cache, one store).
 *
 * @example
 * ```ts
 * const { tokens, store } = await runtime.engine();
 * ```
 */
export interface Engine {
  readonly store: ConnectionStore;
  readonly flow: AuthorizationFlow;
  readonly metrics: MetricsService;
  readonly tokens: TokenManager;
  /** Amazon with the handler's deadline. */
  readonly fetch: AmazonFetch;
  readonly baseUrls: AmazonBaseUrls;
  readonly clientId: string;
  readonly now: () => number;
  /** The structured log (every line with the request id, subscription and route of the work it serves). */
  readonly logger: EngineLog;
}

/**
 * The handler and the engine behind it (started on first use).
 *
 * @example
 * ```ts
 * const { handler, engine } = createConnectionsRuntime(options);
 * ```
 */
export interface ConnectionsRuntime {
  readonly handler: ConnectionsHandler;
  readonly engine: () => Promise<Engine>;
}

/** `GET /history?limit=`: a whole number of entries, 1 to 200 (50 when absent); anything else is a 400. */
function historyLimit(given: string | null): number {
  if (given === null) return 50;
  if (!/^\d{1,6}$/.test(given)) {
    throw new ConnectionsError('invalid_request', { detail: 'limit must be a whole number from 1 to 200.' });
  }
  return Math.min(200, Math.max(1, Number(given)));
}

/** The request id a change is recorded with: the caller's `x-request-id` when it is a plain token, else a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : `req_${globalThis.crypto.randomUUID()}`;
}

/**
 * Creates the server half of the Amazon connections engine: a fetch-standard `(Request) => Promise<Response>`
 * implementing the backend contract (`GET /status`, `POST /authorize`, `POST /callback`,
 * `POST /advertising/account`, `POST /disconnect`, `GET /metrics`, `GET /history`) under `basePath`. Every body is checked
 * against the contract's schemas; errors are `application/problem+json` with a stable code. Tokens are
 * sealed at rest and never leave the server.
 *
 * @example
 * ```ts
 * import { createConnectionsHandler, createSqliteStore } from '@smart-ads/core/server';
 *
 * const handler = createConnectionsHandler({
 *   basePath: '/api/amazon',
 *   store: await createSqliteStore({ filename: './amazon-connections.db' }),
 *   encryptionKey: process.env.AMAZON_TOKEN_KEY!,
 *   amazon: {
 *     clientId: process.env.LWA_CLIENT_ID!,
 *     clientSecret: process.env.LWA_CLIENT_SECRET!,
 *     applicationId: process.env.SP_API_APP_ID!,
 *     redirectUris: { advertising: 'https://app.example/amazon/return', sellerCentral: 'https://app.example/amazon/return' },
 *   },
 *   getSubscription: async (request) => {
 *     const session = await sessions.fromRequest(request);
 *     return session ? { id: session.subscriptionId, accountLimit: session.plan.amazonAccounts } : null;
 *   },
 * });
 * // Next.js (app/api/amazon/[...path]/route.ts): export { handler as GET, handler as POST };
 * ```
 */
export function createConnectionsHandler(options: ConnectionsHandlerOptions): ConnectionsHandler {
  return createConnectionsRuntime(options).handler;
}

/**
 * Creates the handler and the engine it shares with `createConnectionsServer`. Internal.
 *
 * @example
 * ```ts
 * const runtime = createConnectionsRuntime(options);
 * const amazon = createAmazonAccess(runtime.engine);
 * ```
 */
export function createConnectionsRuntime(options: ConnectionsHandlerOptions): ConnectionsRuntime {
  validateHandlerOptions(options);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const amazonTimeoutMs = options.amazonTimeoutMs ?? 4_000;
  const logger = createEngineLog({
    ...(options.log ? { log: options.log } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const now = () => {
    const value = options.now ? options.now() : Date.now();
    return typeof value === 'number' ? value : value.getTime();
  };
  const baseUrls = options.baseUrls ?? amazonProductionBaseUrls;
  const telemetry = createTelemetry({ enabled: options.telemetry !== false });
  const fetch = loggingAmazonFetch(
    withDeadline(options.fetch ?? ((request: Request) => globalThis.fetch(request)), amazonTimeoutMs),
    logger,
    baseUrls,
    telemetry,
  );
  const { store } = options;

  let engine: Promise<Engine> | undefined;
  const start = (): Promise<Engine> => {
    engine ??= (async () => {
      const cipher = await createTokenCipher(options.encryptionKey);
      const warn = (message: string) => logger.warn(message);
      const lwa = createLwaClient({
        clientId: options.amazon.clientId,
        clientSecret: options.amazon.clientSecret,
        baseUrls,
        fetch,
        now,
        warn,
      });
      const ads = createAdsApiClient({ clientId: options.amazon.clientId, baseUrls, fetch, now });
      const sp = createSpApiClient({ baseUrls, fetch, now });
      const tokens = createTokenManager({
        store,
        cipher,
        lwa,
        now,
        refreshLeaseMs: amazonTimeoutMs + 2_000,
        ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
      });
      const reports = createReportCache({
        store,
        now,
        isEmpty: isEmptyPayload,
        observe: (event) => telemetry.count(event === 'cache_hit' ? 'report_cache_hits' : 'report_polls'),
        ...(options.reports ? { timings: options.reports } : {}),
      });
      const flow = createAuthorizationFlow({
        store,
        cipher,
        lwa,
        ads,
        sp,
        amazon: options.amazon,
        baseUrls,
        now,
        transactionTtlMs: options.transactionTtlMs ?? 600_000,
        exchangeLeaseMs: options.exchangeLeaseMs ?? amazonTimeoutMs + 5_000,
        tokens,
      });
      const metrics = createMetricsService({
        store,
        tokens,
        reports,
        ads,
        sp,
        fetch,
        now,
        warn,
        ...(options.currencyConversion ? { currencyConversion: options.currencyConversion } : {}),
      });
      return {
        store,
        flow,
        metrics,
        tokens,
        fetch,
        baseUrls,
        clientId: options.amazon.clientId,
        now,
        logger,
      };
    })();
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };

  async function status(subscription: { id: string; accountLimit: number }): Promise<ConnectionsStatus> {
    return buildStatus(store, subscription, await store.listConnections(subscription.id));
  }

  async function callbackAnswer(
    subscription: { id: string; accountLimit: number },
    result: FlowResult,
  ): Promise<CallbackResponse> {
    return result.outcome === 'connected'
      ? { outcome: 'connected', status: await status(subscription) }
      : { outcome: 'choose_account', accounts: [...result.accounts] };
  }

  async function route(request: Request, requestId: string): Promise<Response> {
    const url = new URL(request.url);
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      throw new ConnectionsError('not_found');
    }
    const path = url.pathname.slice(basePath.length) || '/';
    const method = request.method.toUpperCase();
    const known = Object.values(contractRoutes).filter((r) => r.path === path);
    if (known.length === 0) throw new ConnectionsError('not_found');
    if (!known.some((r) => r.method === method)) {
      const response = problemResponse(
        new ConnectionsError('method_not_allowed', { detail: `Use ${known[0]?.method}.` }),
      );
      response.headers.set('allow', known.map((r) => r.method).join(', '));
      return response;
    }
    if (method !== 'GET') checkRequestOrigin(request, options.allowedOrigins);

    const found = await options.getSubscription(request);
    if (!found) throw new ConnectionsError('unauthorized');
    const limit = found.accountLimit ?? 1;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error('getSubscription returned an accountLimit that is not a whole number >= 0');
    }
    addLogContext({ subscriptionId: found.id });
    const context = { actor: found.actor ?? null, requestId };
    const subscription = { id: found.id, accountLimit: limit, context };
    const { flow, metrics, tokens } = await start();

    switch (path) {
      case contractRoutes.status.path:
        return json(await status(subscription));
      case contractRoutes.authorize.path:
        return json(
          await flow.authorize(
            subscription,
            await readJsonBody(request, authorizeRequestSchema, maxBodyBytes),
          ),
        );
      case contractRoutes.callback.path: {
        const body = await readJsonBody(request, callbackRequestSchema, maxBodyBytes);
        return json(await callbackAnswer(subscription, await flow.callback(subscription, body)));
      }
      case contractRoutes.selectAccount.path: {
        const body = await readJsonBody(request, selectAccountRequestSchema, maxBodyBytes);
        await flow.selectAccount(subscription, body);
        return json(await status(subscription));
      }
      case contractRoutes.disconnect.path: {
        const body = await readJsonBody(request, disconnectRequestSchema, maxBodyBytes);
        const current = primaryConnections(await store.listConnections(subscription.id));
        if (body.region !== undefined && body.kind !== 'sellerCentral') {
          throw new ConnectionsError('invalid_request', {
            detail: 'region is for Seller Central, which Amazon authorises per region.',
          });
        }
        // Seller Central with a region: that region's authorisation only; without: the whole layer.
        const target =
          body.kind === 'advertising'
            ? current.advertising
            : body.region === undefined
              ? current.sellerCentral
              : current.sellerCentralRegions.find((layer) => layer.tokenRegion === body.region);
        if (body.kind === 'advertising' && body.confirmed !== true) {
          if (target) {
            await store.appendEvent({
              type: 'disconnect_confirmation_asked',
              subscriptionId: subscription.id,
              kind: 'advertising',
              accountId: target.accountId,
              at: now(),
              ...context,
              detail: {},
            });
          }
          throw new ConnectionsError('confirmation_required');
        }
        if (!target) throw new ConnectionsError('not_connected');
        // Read and decided again under the subscription's lock: a whole disconnect removes every region as it is
        // then (one saved meanwhile too), one region's only while it is the authorisation read above (a reconnect
        // that replaced it meanwhile stays). Every removed authorisation's cached tokens are forgotten.
        const removed = await store.disconnect(
          subscription.id,
          {
            kind: body.kind,
            ...(body.region !== undefined
              ? { region: body.region, authorizationId: target.authorizationId }
              : {}),
          },
          { ...context, at: now() },
        );
        for (const connection of removed) tokens.forget(connection.authorizationId);
        return json(await status(subscription));
      }
      case contractRoutes.history.path: {
        const limit = historyLimit(url.searchParams.get('limit'));
        const events = await store.listHistory(subscription.id, limit);
        const answer: ConnectionHistoryResponse = { entries: events.map(historyEntry) };
        return json(answer);
      }
      default: {
        const range = parseRange(url, options.maxRangeDays ?? 31);
        const connections = await store.listConnections(subscription.id);
        const marketplace = url.searchParams.get('marketplace') ?? undefined;
        if (marketplace !== undefined && (marketplace === '' || marketplace.length > 64)) {
          throw new ConnectionsError('invalid_request', {
            detail: 'marketplace must be all or a marketplace id of the account.',
          });
        }
        return json(await metrics.forRange(subscription.id, connections, range, marketplace));
      }
    }
  }

  /** `GET /status`: the method and the path under `basePath` (a route of the contract or not, never a query). */
  const routeOf = (request: Request) => {
    const { pathname } = new URL(request.url);
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname;
    const known = Object.values(contractRoutes).some((r) => r.path === path);
    return `${request.method.toUpperCase()} ${known ? path : '(unknown)'}`;
  };

  const handler: ConnectionsHandler = async (request) => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    const routeName = routeOf(request);
    return withLogContext({ requestId, route: routeName }, () =>
      telemetry.inRequestSpan(routeName, { 'smart_ads.request_id': requestId }, async (end) => {
        let response: Response;
        let code: string | null = null;
        try {
          response = await route(request, requestId);
        } catch (error) {
          if (error instanceof ConnectionsError) {
            code = error.code;
            response = problemResponse(error);
          } else {
            code = 'server_error';
            logger.error('request failed', {
              code,
              error: error instanceof Error ? error.name : 'unknown error',
            });
            response = problemResponse(new ConnectionsError('server_error'));
          }
        }
        const durationMs = Math.round((performance.now() - started) * 10) / 10;
        const fields = { status: response.status, code, durationMs };
        if (response.status >= 500) logger.error('request', fields);
        else logger.info('request', fields);
        response.headers.set('x-request-id', requestId);
        end(response.status, code);
        return response;
      }),
    );
  };
  return { handler, engine: start };
}
