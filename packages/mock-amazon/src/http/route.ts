import { type HttpHandler, http } from 'msw';
import type { AmazonBaseUrls, AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { LOG_LIMIT } from '../state/create-state.js';
import type { Fault } from '../state/types.js';
import { adsError, html, json, lwaError, s3Error, spError, v3Error } from './respond.js';

/** The API family an endpoint belongs to; it decides the shape of error bodies. */
export type ApiFamily = 'lwa' | 'pages' | 'ads' | 'adsV3' | 'spapi' | 'reports';

/** What a resolver gets. */
export interface RouteArgs {
  request: Request;
  params: Record<string, string>;
  requestId: string;
  region: AmazonRegion;
}

/** Describes one endpoint on one region's host. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  service: keyof Required<AmazonBaseUrls>;
  path: string;
  endpoint: string;
  family: ApiFamily;
  /** Refines the endpoint name from the request (e.g. the token endpoint's grant type). */
  classify?: (request: Request) => Promise<string>;
}

/** SP-API usage plans (requests per second, burst), as Amazon documents them. */
export const spApiRateLimits: Record<string, [rate: number, burst: number]> = {
  'spapi.marketplaceParticipations': [0.016, 15],
  'spapi.orderMetrics': [0.5, 15],
  'spapi.reports.create': [0.0167, 15],
  'spapi.reports.get': [2, 15],
  'spapi.reports.document': [0.0167, 15],
};

/** Whether a scenario target (`'ads'`, `'lwa.token'`, `'*'`) covers an endpoint name. */
export function targetMatches(target: string, endpoint: string): boolean {
  return target === '*' || endpoint === target || endpoint.startsWith(`${target}.`);
}

function nextRequestId(ctx: MockContext): string {
  ctx.state.counter += 1;
  return `${ctx.state.random.chars(8)}${String(ctx.state.counter).padStart(12, '0')}`;
}

function faultResponse(fault: Fault, spec: RouteSpec, requestId: string): Response {
  const throttled = fault.kind === 'throttle';
  const retry = { 'retry-after': String(fault.retryAfterSeconds) };
  switch (spec.family) {
    case 'lwa':
      return throttled
        ? lwaError(429, 'too_many_requests', 'The request was throttled. Try again later.', retry)
        : lwaError(
            fault.status,
            fault.status === 503 ? 'temporarily_unavailable' : 'server_error',
            'Internal Server Error',
          );
    case 'ads': {
      if (!throttled) return adsError(fault.status, 'Internal Server Error', requestId);
      const response = adsError(429, 'Too Many Requests', requestId);
      // Amazon leaves Retry-After out on report creation.
      if (spec.endpoint !== 'ads.reports.create') response.headers.set('retry-after', retry['retry-after']);
      return response;
    }
    case 'adsV3': {
      // Campaign management v3: `{code, message}` (ThrottlingException / InternalServerException), Retry-After on 429.
      if (!throttled) return v3Error(fault.status, 'INTERNAL_ERROR', 'Internal Server Error');
      return v3Error(429, 'THROTTLED', 'Too Many Requests', retry);
    }
    case 'spapi':
      if (throttled)
        return spError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
      return fault.status === 503
        ? spError(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again.')
        : spError(fault.status, 'InternalFailure', 'We encountered an internal error. Please try again.');
    case 'reports':
      return throttled
        ? s3Error(503, 'SlowDown', 'Please reduce your request rate.')
        : s3Error(fault.status, 'InternalError', 'We encountered an internal error. Please try again.');
    case 'pages':
      return html(
        throttled ? 503 : fault.status,
        '<!doctype html><title>Amazon</title><h1>Sorry! Something went wrong.</h1>',
      );
  }
}

function takeFault(ctx: MockContext, endpoint: string): Fault | undefined {
  const fault = ctx.state.scenarios.faults.find((f) => f.remaining > 0 && targetMatches(f.target, endpoint));
  if (fault) fault.remaining -= 1;
  return fault;
}

function rateLimited(ctx: MockContext, spec: RouteSpec, region: AmazonRegion): boolean {
  const plan = spApiRateLimits[spec.endpoint];
  if (!ctx.state.scenarios.rateLimits || !plan) return false;
  const [rate, burst] = plan;
  const key = `${region}:${spec.endpoint}`;
  const now = ctx.clock.now();
  const bucket = ctx.state.buckets.get(key) ?? { tokens: burst, updatedAt: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
  bucket.updatedAt = now;
  ctx.state.buckets.set(key, bucket);
  if (bucket.tokens < 1) return true;
  bucket.tokens -= 1;
  return false;
}

/**
 * Builds the MSW handler of one endpoint on one region's host: injected faults and rate limits first, then the
 * resolver; every answer is logged and counted under the endpoint's stable name.
 */
export function route(
  ctx: MockContext,
  region: AmazonRegion,
  spec: RouteSpec,
  resolve: (args: RouteArgs) => Response | Promise<Response>,
): HttpHandler {
  const url = `${ctx.baseUrls[spec.service][region]}${spec.path}`;
  const method = { GET: http.get, POST: http.post, PUT: http.put }[spec.method];
  return method(url, async ({ request, params }) => {
    const requestId = nextRequestId(ctx);
    const endpoint = spec.classify ? await spec.classify(request.clone()) : spec.endpoint;
    const named: RouteSpec = { ...spec, endpoint };
    const plain: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string') plain[name] = value;
    }
    let response: Response;
    const fault = takeFault(ctx, endpoint);
    if (fault) {
      response = faultResponse(fault, named, requestId);
    } else if (rateLimited(ctx, named, region)) {
      const throttle: Fault = {
        kind: 'throttle',
        target: endpoint,
        remaining: 0,
        status: 429,
        retryAfterSeconds: 1,
      };
      response = faultResponse(throttle, named, requestId);
    } else {
      try {
        response = await resolve({ request, params: plain, requestId, region });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        response = json(500, { error: 'mock_amazon_internal', message });
      }
    }
    if (spec.family === 'spapi' || spec.family === 'ads' || spec.family === 'adsV3')
      response.headers.set('x-amzn-RequestId', requestId);
    const plan = spApiRateLimits[endpoint];
    if (plan && [200, 202, 400, 404].includes(response.status)) {
      response.headers.set('x-amzn-RateLimit-Limit', String(plan[0]));
    }
    const countKey = `${endpoint}|${region}|${response.status}`;
    ctx.state.counts.set(countKey, (ctx.state.counts.get(countKey) ?? 0) + 1);
    // Trim in batches so a long-running server does not shift a 10 000-entry array on every request.
    if (ctx.state.log.length >= LOG_LIMIT + 1000) ctx.state.log.splice(0, ctx.state.log.length - LOG_LIMIT);
    ctx.state.log.push({
      method: request.method,
      url: request.url,
      status: response.status,
      endpoint,
      region,
      at: ctx.clock.now(),
      requestId,
    });
    return response;
  });
}
