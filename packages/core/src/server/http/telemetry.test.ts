import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/server/handler-test-harness';

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});

let h: Harness;
afterEach(async () => {
  await h?.close();
  spans.reset();
});

/** Each metric's data points, summed per metric name (counters: their value; histograms: how many). */
async function collected(): Promise<Record<string, number>> {
  metricExporter.reset();
  await reader.forceFlush();
  const totals: Record<string, number> = {};
  for (const resource of metricExporter.getMetrics()) {
    for (const scope of resource.scopeMetrics) {
      for (const metric of scope.metrics) {
        for (const point of metric.dataPoints) {
          const value = point.value as number | { count: number };
          totals[metric.descriptor.name] =
            (totals[metric.descriptor.name] ?? 0) + (typeof value === 'number' ? value : value.count);
        }
      }
    }
  }
  return totals;
}

const parentOf = (span: ReadableSpan) =>
  (span as ReadableSpan & { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId;

async function loadMetrics(): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const body = (await h.call('GET', '/metrics?from=2026-11-10&to=2026-11-16')).body as {
      metrics: { adSpend: { value: number | null } };
    };
    if (body.metrics.adSpend.value !== null) return;
    h.amazon.clock.advance(6_000);
  }
  throw new Error('metrics never became ready');
}

describe('OpenTelemetry', () => {
  it('a span per request with its Amazon calls as children; counters and the latency histogram', async () => {
    const before = await collected();
    h = await createHarness();
    await h.connect('advertising');
    await loadMetrics(); // report jobs started and polled
    await loadMetrics(); // from the cache
    h.amazon.clock.advance(2 * 3_600_000); // tokens expired: refreshed
    await loadMetrics();
    h.amazon.scenarios.throttle('ads.profiles', { times: 1, retryAfterSeconds: 30 });
    const ads = await h.host.amazon.connect('sub_1', 'advertising');
    await ads.fetch('/v2/profiles').catch(() => null); // 429
    h.amazon.scenarios.changePassword(h.amazon.users.default.email);
    h.amazon.clock.advance(2 * 3_600_000);
    await ads.fetch('/v2/profiles').catch(() => null); // invalid_grant on refresh

    const finished = spans.getFinishedSpans();
    const callback = finished.find((span) => span.name === 'amazon-connections POST /callback');
    expect(callback?.attributes).toMatchObject({
      'smart_ads.route': 'POST /callback',
      'http.response.status_code': 200,
      'smart_ads.request_id': expect.stringMatching(/^req_/),
    });
    const exchange = finished.find((span) => span.name === 'amazon lwa:/auth/o2' && parentOf(span));
    expect(parentOf(exchange as ReadableSpan)).toBe(callback?.spanContext().spanId);
    expect(exchange?.attributes).toMatchObject({
      'smart_ads.amazon.endpoint': 'lwa:/auth/o2',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    const throttled = finished.find(
      (span) =>
        span.name === 'amazon ads:/v2/profiles' && span.attributes['http.response.status_code'] === 429,
    );
    expect(throttled?.status.code).toBe(2); // ERROR
    expect(JSON.stringify(finished.map((span) => span.attributes))).not.toMatch(/Atza|Atzr|Bearer/);

    const after = await collected();
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect(delta('smart_ads.token_refreshes')).toBeGreaterThanOrEqual(2);
    expect(delta('smart_ads.invalid_grant')).toBe(1);
    expect(delta('smart_ads.amazon_rate_limited')).toBe(1);
    expect(delta('smart_ads.report_polls')).toBeGreaterThan(0);
    expect(delta('smart_ads.report_cache_hits')).toBeGreaterThan(0);
    expect(delta('smart_ads.amazon.duration')).toBeGreaterThan(10);
  });

  it('records nothing with telemetry: false', async () => {
    const before = await collected();
    h = await createHarness({ telemetry: false });
    await h.connect('advertising');
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(await collected()).toEqual(before);
  });
});
