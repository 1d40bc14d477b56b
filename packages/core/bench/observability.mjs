// Overhead of the structured logs on the handler: p50/p99 of GET /status and of GET /metrics (reports cached, so
// the handler, the store and the log are what is measured), with logging off (no `log`, a no-op `logger`) and on
// (every line, debug included, serialised to JSON as a production log pipeline would), in one run, interleaved.
// Tracing on: the OpenTelemetry SDK registered (a tracer provider whose spans go to an in-memory exporter, emptied
// every round, and a meter provider), so every span, counter and histogram is really recorded.
// Run: pnpm bench observability (builds first), or after a build: node packages/core/bench/observability.mjs
import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createConnectionsServer, createSqliteStore } from '../dist/server/index.js';
import { onMockAmazon, range } from './support/on-mock-amazon.mjs';

const rounds = 10;
const perRound = 300;
let written = 0;
const sink = (message, fields) => {
  written += JSON.stringify({ message, ...fields }).length;
};
const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
metrics.setGlobalMeterProvider(new MeterProvider());
const log = { debug: sink, info: sink, warn: sink, error: sink };
const modes = {
  'all off': { telemetry: false },
  'logging on': { telemetry: false, log },
  'tracing on': { telemetry: true },
  'logging + tracing on': { telemetry: true, log },
};

async function setUp(options) {
  const store = await createSqliteStore({ filename: ':memory:' });
  const { made, call, connect, amazon } = onMockAmazon(createConnectionsServer, store, options);
  await connect('advertising');
  await connect('sellerCentral');
  for (let i = 0; i < 20; i++) {
    const { body } = await call('GET', `/metrics?${range}`);
    if (body.metrics.adSpend.value !== null && body.metrics.totalSales.value !== null) break;
    amazon.clock.advance(6_000);
  }
  return {
    call,
    close: () => {
      made.close();
      return store.close();
    },
  };
}

const servers = {};
for (const [name, options] of Object.entries(modes)) servers[name] = await setUp(options);
const samples = Object.fromEntries(
  Object.keys(modes).flatMap((name) => [
    [`${name}|status`, []],
    [`${name}|metrics`, []],
  ]),
);
for (let round = -1; round < rounds; round++) {
  spans.reset();
  for (const [name, server] of Object.entries(servers)) {
    for (let i = 0; i < perRound; i++) {
      for (const [route, path] of [
        ['status', '/status'],
        ['metrics', `/metrics?${range}`],
      ]) {
        const started = performance.now();
        const answer = await server.call('GET', path);
        if (round >= 0) samples[`${name}|${route}`].push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
      }
    }
  }
}
const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const table = {};
for (const [key, values] of Object.entries(samples)) {
  const sorted = values.sort((a, b) => a - b);
  table[key.replace('|', ' · GET /')] = {
    requests: sorted.length,
    'p50 ms': Number(at(sorted, 0.5).toFixed(3)),
    'p99 ms': Number(at(sorted, 0.99).toFixed(3)),
  };
}
console.log(
  `\nHandler latency, logging and tracing off and on (${rounds} interleaved rounds of ${perRound} per route, after a warm-up round)`,
);
console.table(table);
console.log(`(${(written / 1e6).toFixed(1)} MB of JSON log lines written while logging was on)`);
for (const server of Object.values(servers)) await server.close();
