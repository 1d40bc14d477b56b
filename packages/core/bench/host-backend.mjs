// Host back-end figures (createConnectionsServer): Amazon calls for 100 concurrent host-job calls with an expired
// access token, events per second through the outbox (SQLite file store), and the latency from a confirmed
// disconnect to a refused Apply (and what the mock Amazon received meanwhile).
// Run: pnpm bench host-backend (builds first), or after a build: node packages/core/bench/host-backend.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectionsServer, createSqliteStore } from '../dist/server/index.js';
import { onMockAmazon } from './support/on-mock-amazon.mjs';

const KEYWORD = 'application/vnd.spKeyword.v3+json';

function setUp(store) {
  const { made, ...rest } = onMockAmazon(createConnectionsServer, store);
  return { server: made, ...rest, connect: () => rest.connect('advertising') };
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// 1. Amazon calls for 100 concurrent host-job calls with an expired access token.
{
  const store = await createSqliteStore({ filename: ':memory:' });
  const { amazon, server, connect } = await setUp(store);
  await connect();
  const ads = await server.amazon.connect('sub_bench', 'advertising');
  amazon.clock.advance(2 * 3_600_000);
  amazon.scenarios.expireAccessTokens();
  const before = amazon.callCounts();
  const responses = await Promise.all(
    Array.from({ length: 100 }, () =>
      ads.fetch('/sp/keywords/list', {
        method: 'POST',
        headers: { 'content-type': KEYWORD, accept: KEYWORD },
        body: JSON.stringify({ stateFilter: { include: ['ENABLED'] } }),
      }),
    ),
  );
  if (responses.some((r) => r.status !== 200)) throw new Error('a host call failed');
  const after = amazon.callCounts();
  const delta = Object.fromEntries(
    Object.entries(after)
      .map(([name, count]) => [name, count - (before[name] ?? 0)])
      .filter(([, count]) => count > 0),
  );
  console.log(
    '\nAmazon calls for 100 concurrent host-job calls (POST /sp/keywords/list), access token expired',
  );
  console.table(delta);
  server.close();
  await store.close();
}

// 2. Events per second through the outbox (SQLite file store).
{
  const dir = mkdtempSync(join(tmpdir(), 'smart-ads-bench-events-'));
  const store = await createSqliteStore({ filename: join(dir, 'events.db') });
  const { server } = await setUp(store);
  let delivered = 0;
  let allDelivered;
  const done = new Promise((resolve) => {
    allDelivered = resolve;
  });
  const changes = 5_000;
  server.events.subscribe(() => {
    delivered += 1;
    if (delivered === changes * 2) allDelivered();
  });
  await server.events.deliver();
  const started = performance.now();
  for (let i = 0; i < changes; i++) {
    const id = `sub_${i}`;
    await store.saveConnection({
      accountLimit: 1,
      connection: {
        kind: 'advertising',
        subscriptionId: id,
        accountId: `ENTITY${i}`,
        account: { id: `ENTITY${i}`, name: `Shop ${i}`, type: 'seller', marketplaces: [] },
        authorizationId: `auth_${i}`,
        tokenRegion: 'na',
        sealedRefreshToken: 'v1.sealed.placeholder',
        sealedAccessToken: null,
        accessTokenExpiresAt: null,
        health: 'ok',
        connectedAt: Date.now(),
      },
      context: { actor: 'bench', requestId: `req_${i}` },
    });
    await store.deleteConnection(id, 'advertising', `ENTITY${i}`, { actor: 'bench' });
  }
  const written = performance.now() - started;
  // the bench writes through the store directly, so it asks the feed to deliver (the server does after each change)
  await server.events.deliver();
  await done;
  const deliveredIn = performance.now() - started;
  const readStarted = performance.now();
  let cursor = 0;
  let read = 0;
  for (;;) {
    const page = await server.events.read({ after: cursor, limit: 1_000 });
    if (page.events.length === 0) break;
    read += page.events.length;
    cursor = page.cursor;
  }
  const readIn = performance.now() - readStarted;
  const perSecond = (count, ms) => Math.round((count / ms) * 1000);
  console.log(
    `\nEvents through the outbox, SQLite file store (${changes} connects + ${changes} disconnects)`,
  );
  console.table({
    'written with their change (events/s)': perSecond(changes * 2, written),
    'written and delivered to an in-process listener (events/s)': perSecond(changes * 2, deliveredIn),
    'read by a catching-up host, pages of 1000 (events/s)': perSecond(read, readIn),
  });
  server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// 3. Latency from a confirmed disconnect to a refused Apply, and what Amazon received.
{
  const store = await createSqliteStore({ filename: ':memory:' });
  const { amazon, server, call, connect } = await setUp(store);
  const rounds = 50;
  const latencies = [];
  let sentAfterDisconnect = 0;
  for (let i = 0; i < rounds; i++) {
    await connect();
    const ads = await server.amazon.connect('sub_bench', 'advertising');
    const apply = () =>
      ads.fetch('/sp/keywords', {
        method: 'PUT',
        headers: { 'content-type': KEYWORD, accept: KEYWORD },
        body: JSON.stringify({ keywords: [{ keywordId: '1', bid: 1 }] }),
      });
    const sentAt = performance.now();
    const disconnected = await call('POST', '/disconnect', { kind: 'advertising', confirmed: true });
    if (disconnected.status !== 200) throw new Error('disconnect failed');
    const confirmedAt = performance.now();
    const before = amazon.calls('*');
    const refused = await apply().then(
      () => null,
      (error) => error,
    );
    latencies.push([performance.now() - confirmedAt, performance.now() - sentAt]);
    if (refused?.code !== 'not_connected') throw new Error(`Apply was not refused: ${refused}`);
    sentAfterDisconnect += amazon.calls('*') - before;
  }
  const fromAnswer = latencies.map(([a]) => a).sort((a, b) => a - b);
  const fromRequest = latencies.map(([, b]) => b).sort((a, b) => a - b);
  console.log(
    `\nLatency from a confirmed disconnect to a refused Apply (${rounds} rounds, in-process, SQLite)`,
  );
  console.table({
    'from the disconnect answer': {
      'p50 ms': percentile(fromAnswer, 0.5).toFixed(3),
      'p99 ms': percentile(fromAnswer, 0.99).toFixed(3),
    },
    'from the disconnect request': {
      'p50 ms': percentile(fromRequest, 0.5).toFixed(3),
      'p99 ms': percentile(fromRequest, 0.99).toFixed(3),
    },
  });
  console.log(`Requests Amazon received for the ${rounds} refused Applies: ${sentAfterDisconnect}`);
  server.close();
  await store.close();
}
