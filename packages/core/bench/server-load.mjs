// Server half figures: Amazon calls caused by 100 concurrent dashboard loads with an expired access token,
// and handler latency (p50 / p99) with the SQLite store holding 10,000 subscriptions.
// Run: pnpm --filter @smart-ads/core --filter @smart-ads/mock-amazon build && node packages/core/bench/server-load.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectionsHandler, createSqliteStore } from '../dist/server/index.js';
import { countCalls, diff, onMockAmazon, range } from './support/on-mock-amazon.mjs';

const setUp = (store, options) => onMockAmazon(createConnectionsHandler, store, options);

// 1. Amazon calls for 100 concurrent dashboard loads with an expired access token.
{
  const store = await createSqliteStore({ filename: ':memory:' });
  const { amazon, call, connect } = await setUp(store);
  await connect('advertising');
  await connect('sellerCentral');
  const expire = () => {
    amazon.clock.advance(2 * 3_600_000);
    amazon.scenarios.expireAccessTokens();
  };
  const burst = async () => {
    const before = countCalls(amazon);
    const answers = await Promise.all(Array.from({ length: 100 }, () => call('GET', `/metrics?${range}`)));
    if (answers.some((a) => a.status !== 200)) throw new Error('a dashboard load failed');
    return diff(countCalls(amazon), before);
  };
  expire();
  const cold = await burst();
  // let the reports finish (a few loads 6 s apart), then expire the token again and load 100 dashboards
  for (let i = 0; i < 6; i++) {
    amazon.clock.advance(6_000);
    await call('GET', `/metrics?${range}`);
  }
  expire();
  const warm = await burst();
  console.log('\nAmazon calls caused by 100 concurrent dashboard loads (access token expired)');
  console.table({ 'reports not yet requested': cold, 'reports cached (older than 1 h)': warm });
  await store.close();
}

// 2. Handler latency with the SQLite store holding 10,000 subscriptions.
{
  const dir = mkdtempSync(join(tmpdir(), 'smart-ads-bench-'));
  const store = await createSqliteStore({ filename: join(dir, 'bench.db') });
  const subscriptions = 10_000;
  for (let i = 0; i < subscriptions; i++) {
    const id = `sub_${i}`;
    await store.saveConnection({
      accountLimit: 1,
      connection: {
        kind: 'advertising',
        subscriptionId: id,
        accountId: `ENTITY${i}`,
        account: {
          id: `ENTITY${i}`,
          name: `Shop ${i}`,
          type: 'seller',
          marketplaces: [
            { profileId: String(1e9 + i), countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' },
          ],
        },
        authorizationId: `auth_${i}`,
        tokenRegion: 'na',
        sealedRefreshToken: 'v1.sealed.placeholder',
        sealedAccessToken: null,
        accessTokenExpiresAt: null,
        health: 'ok',
        connectedAt: Date.now(),
      },
    });
  }
  const { amazon, call, connect } = await setUp(store);
  await connect('advertising');
  for (let i = 0; i < 6; i++) {
    amazon.clock.advance(6_000);
    await call('GET', `/metrics?${range}`);
  }
  const measure = async (name, request, count = 3_000) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const answer = await request(i);
      times.push(performance.now() - started);
      if (answer.status >= 500) throw new Error(`${name} failed`);
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
    return { requests: count, 'p50 ms': at(0.5), 'p99 ms': at(0.99) };
  };
  const random = (i) => `sub_${(i * 7919) % subscriptions}`;
  const results = {
    'GET /status': await measure('status', (i) => call('GET', '/status', undefined, random(i))),
    'POST /authorize (refused: limit)': await measure('authorize', (i) =>
      call('POST', '/authorize', { kind: 'advertising', returnTo: '/' }, random(i)),
    ),
    'POST /authorize (new subscription)': await measure('authorize-new', (i) =>
      call('POST', '/authorize', { kind: 'advertising', returnTo: '/' }, `new_${i}`),
    ),
    'GET /metrics (cached reports)': await measure('metrics', () => call('GET', `/metrics?${range}`)),
  };
  console.log(
    `\nHandler latency in-process, SQLite file store with ${subscriptions} subscriptions (Node ${process.version})`,
  );
  console.table(results);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
