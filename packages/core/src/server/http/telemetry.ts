import { AsyncLocalStorage } from 'node:async_hooks';
import type * as OpenTelemetry from '@opentelemetry/api';

type Api = typeof OpenTelemetry;

/** The counters the server half keeps (OpenTelemetry names `smart_ads.<name>`). */
export type TelemetryCounter =
  | 'token_refreshes'
  | 'invalid_grant'
  | 'amazon_rate_limited'
  | 'report_polls'
  | 'report_cache_hits';

let loading: Promise<Api | null> | undefined;

/**
 * The OpenTelemetry API when the host installed `@opentelemetry/api` (an optional peer dependency), else null:
 * then every span and counter is skipped. Without an SDK registered, the API itself is a no-op.
 *
 * @example
 * ```ts
 * const api = await loadOpenTelemetry(); // null without the package
 * ```
 */
export function loadOpenTelemetry(): Promise<Api | null> {
  // A computed specifier: hosts without the optional peer can still bundle the server entry point.
  const specifier = ['@opentelemetry', 'api'].join('/');
  loading ??= (import(/* @vite-ignore */ specifier) as Promise<Api & { default?: Api }>).then(
    (module) => (module.trace ? module : (module.default ?? null)),
    () => null,
  );
  return loading;
}

/** A span the engine ends itself (the part of OpenTelemetry's `Span` it uses). */
interface OpenSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number }): unknown;
  end(): void;
}

/**
 * Spans and metrics of the engine, on the global OpenTelemetry providers (tracer and meter
 * `@smart-ads/core`). Internal.
 *
 * @example
 * ```ts
 * const telemetry = createTelemetry();
 * await telemetry.inRequestSpan('GET /status', { 'smart_ads.request_id': id }, async (end) => { …; end(200, null); });
 * ```
 */
export interface Telemetry {
  /** Runs `work` in a span `amazon-connections <route>`; Amazon calls inside it are its children. */
  inRequestSpan<T>(
    route: string,
    attributes: Record<string, string>,
    work: (end: (status: number, code: string | null) => void) => Promise<T>,
  ): Promise<T>;
  /** Starts the span of one Amazon call (a child of the current request's); null when tracing is off. */
  amazonCall(
    endpoint: string,
    method: string,
  ): { end(status: number | null, amazonRequestId: string | null): void };
  count(counter: TelemetryCounter, attributes?: Record<string, string>): void;
  /** Records one Amazon call's duration in `smart_ads.amazon.duration` (ms). */
  amazonLatency(durationMs: number, attributes: Record<string, string | number>): void;
}

/**
 * The {@link Telemetry} of one engine; `enabled: false` skips OpenTelemetry even when it is installed.
 *
 * @example
 * ```ts
 * const telemetry = createTelemetry({ enabled: options.telemetry !== false });
 * ```
 */
export function createTelemetry(options: { enabled: boolean }): Telemetry {
  let api: Api | null = null;
  const ready = options.enabled
    ? loadOpenTelemetry().then((loaded) => {
        api = loaded;
      })
    : Promise.resolve();
  const parents = new AsyncLocalStorage<OpenTelemetry.Context>();
  const tracer = () => api?.trace.getTracer('@smart-ads/core');
  let counters: Map<string, OpenTelemetry.Counter> | undefined;
  let latency: OpenTelemetry.Histogram | undefined;
  const meter = () => {
    if (!api) return undefined;
    counters ??= new Map();
    return api.metrics.getMeter('@smart-ads/core');
  };
  return {
    async inRequestSpan(route, attributes, work) {
      await ready;
      const t = tracer();
      if (!api || !t) return work(() => undefined);
      const otel = api;
      const span: OpenSpan = t.startSpan(`amazon-connections ${route}`, {
        kind: otel.SpanKind.INTERNAL,
        attributes: { 'smart_ads.route': route, ...attributes },
      });
      const end = (status: number, code: string | null) => {
        span.setAttribute('http.response.status_code', status);
        if (code) span.setAttribute('smart_ads.error_code', code);
        if (status >= 500) span.setStatus({ code: otel.SpanStatusCode.ERROR });
        span.end();
      };
      return parents.run(otel.trace.setSpan(otel.context.active(), span as OpenTelemetry.Span), () =>
        work(end),
      );
    },
    amazonCall(endpoint, method) {
      const t = tracer();
      if (!api || !t) return { end: () => undefined };
      const otel = api;
      const span: OpenSpan = t.startSpan(
        `amazon ${endpoint}`,
        {
          kind: otel.SpanKind.CLIENT,
          attributes: { 'smart_ads.amazon.endpoint': endpoint, 'http.request.method': method },
        },
        parents.getStore() ?? otel.context.active(),
      );
      return {
        end(status, amazonRequestId) {
          if (status !== null) span.setAttribute('http.response.status_code', status);
          if (amazonRequestId) span.setAttribute('smart_ads.amazon.request_id', amazonRequestId);
          if (status === null || status === 429 || status >= 500) {
            span.setStatus({ code: otel.SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
    count(counter, attributes = {}) {
      const m = meter();
      if (!m || !counters) return;
      let instrument = counters.get(counter);
      if (!instrument) {
        instrument = m.createCounter(`smart_ads.${counter}`);
        counters.set(counter, instrument);
      }
      instrument.add(1, attributes);
    },
    amazonLatency(durationMs, attributes) {
      const m = meter();
      if (!m) return;
      latency ??= m.createHistogram('smart_ads.amazon.duration', { unit: 'ms' });
      latency.record(durationMs, attributes);
    },
  };
}
