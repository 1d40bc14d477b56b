import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acme, createFakeBackend, type FakeMethod, globex } from '../../test/fake-backend';
import { type Browser, createBrowser, type Tab } from '../../test/harness';
import { viewViolations } from '../../test/invariants';
import type { ErrorCode } from '../contract/error-codes';
import type { ConnectionKind } from '../contract/types';
import { metricCatalogue, metricKeys } from '../metrics/metrics.catalogue';

const kind = fc.constantFrom<ConnectionKind>('advertising', 'sellerCentral');
const faultCode = fc.constantFrom<ErrorCode | 'network'>(
  'network',
  'server_error',
  'account_conflict',
  'no_advertising_access',
  'no_seller_central_access',
  'authorization_code_rejected',
  'rate_limited',
);
const method = fc.constantFrom<FakeMethod>(
  'getStatus',
  'authorize',
  'callback',
  'selectAccount',
  'disconnect',
);

/** What a user, Amazon, the network and the browser can do, in any order. */
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('connect' as const),
      kind,
      amazon: fc.constantFrom('granted' as const, 'refused' as const, 'later' as const),
      pick: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('prepare' as const), kind }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('disconnect' as const),
      kind,
      next: fc.constantFrom('confirm' as const, 'cancel' as const, 'later' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('confirm' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), kind }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dismiss' as const), kind }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('select' as const), index: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('fault' as const), method, code: faultCode }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('amazon' as const), granted: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('back' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reload' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('refresh' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('accounts' as const), several: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('passwordChanged' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('dataArrives' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

interface World {
  browser: Browser;
  tab: Tab;
  readonly backend: ReturnType<typeof createFakeBackend>;
  callbackUrls: string[];
  confirmations: number;
  authorizeWhileConnected: number;
}

async function play(world: World, action: Step): Promise<void> {
  const { backend } = world;
  const view = world.tab.view();
  switch (action.t) {
    case 'connect':
    case 'prepare': {
      const advertising = backend.status.advertising;
      const before = backend.calls.filter((call) => call.method === 'authorize').length;
      view[action.kind][action.t]();
      await world.tab.settle();
      const started = backend.calls.filter((call) => call.method === 'authorize').length > before;
      if (started && action.kind === 'advertising' && advertising?.health === 'ok')
        world.authorizeWhileConnected += 1;
      if (action.t === 'connect' && action.amazon !== 'later') {
        checkInvariants(world);
        await play(world, { t: 'amazon', granted: action.amazon === 'granted' });
        if (
          action.t === 'connect' &&
          action.pick < 3 &&
          world.tab.view().advertising.activity === 'choosing_account'
        ) {
          checkInvariants(world);
          await play(world, { t: 'select', index: action.pick });
        }
      }
      return;
    }
    case 'disconnect': {
      const before = view[action.kind].condition;
      view[action.kind].disconnect();
      const after = await world.tab.settle();
      if (after[action.kind].activity === 'failed') {
        expect(after[action.kind].condition, 'a failed disconnect lost the connection').toBe(before);
      }
      if (action.next === 'confirm') {
        checkInvariants(world);
        await play(world, { t: 'confirm' });
      } else if (action.next === 'cancel') {
        view[action.kind].cancel();
        await world.tab.settle();
      }
      return;
    }
    case 'confirm': {
      if (view.advertising.confirmDisconnect().ok) world.confirmations += 1;
      const before = view.advertising.condition;
      const after = await world.tab.settle();
      if (after.advertising.activity === 'failed') expect(after.advertising.condition).toBe(before);
      return;
    }
    case 'cancel':
      view[action.kind].cancel();
      break;
    case 'dismiss':
      view[action.kind].dismiss();
      break;
    case 'select':
      view.advertising.selectAccount([acme.id, globex.id, 'nope'][action.index] ?? 'nope');
      break;
    case 'fault':
      backend.failNext(action.method, action.code);
      return;
    case 'amazon': {
      const authorizeUrl = world.tab.environment.redirects.at(-1);
      const redirecting =
        view.advertising.activity === 'redirecting' || view.sellerCentral.activity === 'redirecting';
      if (!authorizeUrl || !redirecting) return;
      world.tab.connections.stop();
      const callbackUrl = backend.amazonReturn(authorizeUrl, action.granted ? 'granted' : 'refused');
      world.callbackUrls.push(callbackUrl);
      world.tab = await world.browser.open(callbackUrl);
      return;
    }
    case 'back': {
      const callbackUrl = world.callbackUrls.at(-1);
      if (!callbackUrl) return;
      world.tab.connections.stop();
      world.tab = await world.browser.open(callbackUrl);
      return;
    }
    case 'reload':
      world.tab.connections.stop();
      world.tab = await world.browser.open(world.tab.environment.currentUrl());
      return;
    case 'refresh':
      view.refresh();
      break;
    case 'accounts':
      backend.accounts = action.several ? [acme, globex] : [acme];
      return;
    case 'dataArrives': {
      const { advertising, sellerCentral } = backend.status;
      const ready = { state: 'ready' as const, since: '2026-11-26T12:00:00.000Z' };
      backend.status = {
        ...backend.status,
        advertising: advertising && { ...advertising, data: ready },
        sellerCentral: sellerCentral && { ...sellerCentral, data: ready },
      };
      view.refresh();
      break;
    }
    case 'passwordChanged':
      if (backend.status.advertising) {
        backend.status = {
          ...backend.status,
          advertising: { ...backend.status.advertising, health: 'stale' },
        };
      }
      return;
  }
  await world.tab.settle();
}

function checkInvariants(world: World): void {
  const { backend, tab } = world;
  const view = tab.view();
  expect(viewViolations(tab.connections.getSnapshot())).toEqual([]);
  // Never a code sent twice.
  expect(backend.doubleSpent).toEqual([]);
  // Never an Advertising disconnect without a confirmation.
  expect(backend.unconfirmedDisconnects).toBe(0);
  const advertisingDisconnects = backend.calls.filter(
    (call) => call.method === 'disconnect' && (call.request as { kind: string }).kind === 'advertising',
  ).length;
  expect(advertisingDisconnects).toBeLessThanOrEqual(world.confirmations);
  // Never two advertising accounts: no sign-in starts while one works (limit 1).
  expect(world.authorizeWhileConnected).toBe(0);
  // Never a Seller Central figure while Seller Central is disconnected (backend truth, once loaded).
  if (view.phase === 'ready' && backend.status.sellerCentral === null) {
    for (const key of metricKeys) {
      if (metricCatalogue[key].requires.includes('sellerCentral')) {
        expect(view.metrics[key].state).toBe('unavailable');
      }
    }
  }
}

describe('random sequences of user events, Amazon answers, faults, reloads and Back never break a rule', () => {
  it('holds the invariants after every step', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const backend = createFakeBackend();
        const browser = createBrowser(backend, { statusPollMs: 3_600_000 });
        const world: World = {
          browser,
          tab: await browser.open(),
          backend,
          callbackUrls: [],
          confirmations: 0,
          authorizeWhileConnected: 0,
        };
        try {
          for (const action of steps) {
            await play(world, action);
            checkInvariants(world);
            const view = world.tab.view();
            reached.add(`${view.advertising.condition}/${view.sellerCentral.condition}`);
          }
          for (const call of backend.calls) reached.add(call.method);
        } finally {
          world.tab.connections.stop();
        }
      }),
      {
        numRuns: 250,
        // Known-interesting sequences run first on every run, so the places checked below are always reached.
        examples: [
          [
            [
              { t: 'accounts', several: true },
              { t: 'connect', kind: 'advertising', amazon: 'granted', pick: 1 },
              { t: 'connect', kind: 'sellerCentral', amazon: 'granted', pick: 3 },
              { t: 'dataArrives' },
              { t: 'fault', method: 'disconnect', code: 'server_error' },
              { t: 'disconnect', kind: 'sellerCentral', next: 'later' },
              { t: 'disconnect', kind: 'sellerCentral', next: 'later' },
              { t: 'back' },
              { t: 'disconnect', kind: 'advertising', next: 'confirm' },
            ],
          ],
        ],
      },
    );
    // The sequences must reach the interesting places, or the property says little.
    for (const place of [
      'ready/disconnected',
      'populating/disconnected',
      'callback',
      'disconnect',
      'selectAccount',
    ]) {
      expect(reached).toContain(place);
    }
    expect(
      [...reached].some((place) => /^(populating|ready|stale)\/(populating|ready|stale)$/.test(place)),
    ).toBe(true);
  }, 120_000);
});
