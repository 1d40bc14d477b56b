// Events per second through the connections machine, next to a minimal two-state XState machine in the same run,
// so the figure reads as "how much the rules cost" on this machine. Needs a build: `pnpm --filter @smart-ads/core build`.
// Run: node packages/core/bench/client-machine.mjs   (or ./dev bench client-)
import { performance } from 'node:perf_hooks';
import { createActor, createMachine } from 'xstate';
import { connect, createConnections, createMemoryEnvironment } from '../dist/index.js';

const status = {
  subscription: { accountLimit: 1 },
  advertising: {
    kind: 'advertising',
    health: 'ok',
    account: {
      id: 'ENTITY1',
      name: 'Acme',
      type: 'seller',
      marketplaces: [{ profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' }],
    },
    connectedAt: '2026-11-26T10:00:00.000Z',
    data: { state: 'ready', since: '2026-11-26T10:00:00.000Z' },
  },
  sellerCentral: null,
};
const never = () => new Promise(() => {});
const transport = {
  getStatus: async () => structuredClone(status),
  authorize: never,
  callback: never,
  selectAccount: never,
  disconnect: never,
  getMetrics: never,
};

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const eventsPerRound = Number(process.env.BENCH_EVENTS ?? 200_000);

function measure(name, send, events) {
  for (let i = 0; i < 20_000; i++) send(i); // warm-up
  const rates = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < events; i++) send(i);
    rates.push(events / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  console.log(
    `${name.padEnd(58)} ${Math.round(median).toLocaleString('en-US').padStart(12)} events/s (median of ${rounds})`,
  );
  return median;
}

// 1. The baseline: a toggle with nothing else.
const toggle = createActor(
  createMachine({ initial: 'a', states: { a: { on: { T: 'b' } }, b: { on: { T: 'a' } } } }),
).start();
const baseline = measure('minimal xstate machine (toggle)', () => toggle.send({ type: 'T' }), eventsPerRound);

// 2. The connections machine: ask to disconnect Advertising (confirmation prompt), then cancel (back via history).
const connections = createConnections({
  transport,
  environment: createMemoryEnvironment(),
  statusPollMs: 3_600_000,
});
await new Promise((resolve) => setTimeout(resolve, 20));
if (!connections.getSnapshot().matches('ready')) throw new Error('the machine did not load its status');
const disconnect = { type: 'DISCONNECT', kind: 'advertising' };
const cancel = { type: 'CANCEL', kind: 'advertising' };
const machine = measure(
  'connections machine (DISCONNECT / CANCEL, guards + history)',
  (i) => connections.send(i % 2 === 0 ? disconnect : cancel),
  eventsPerRound / 4,
);

// 3. A refused command: the guard says no and the refusal is recorded (no state change).
const refused = { type: 'CONNECT', kind: 'advertising' };
const refusal = measure(
  'connections machine (refused CONNECT, reason recorded)',
  () => connections.send(refused),
  eventsPerRound / 4,
);

// 4. The view model on each snapshot (what a UI re-render pays).
const snapshot = connections.getSnapshot();
const views = measure(
  'view model connect(snapshot, send)',
  () => connect(snapshot, connections.send),
  eventsPerRound / 4,
);

connections.stop();
console.log(
  `\nconnections machine: ${(machine / baseline).toFixed(3)}x the minimal machine's rate; refused command ${(refusal / baseline).toFixed(3)}x; view model ${Math.round(views).toLocaleString('en-US')} views/s`,
);
