import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, getNextSnapshot } from 'xstate';
import { getShortestPaths, getStateNodes } from 'xstate/graph';
import {
  acme,
  advertisingConnection,
  createFakeBackend,
  globex,
  sellerCentralConnection,
  statusOf,
} from '../../test/fake-backend';
import { viewViolations } from '../../test/invariants';
import type { ConnectionKind, ConnectionsStatus } from '../contract/types';
import { createMemoryEnvironment } from '../environment/environment.memory';
import { ConnectionsError } from '../errors/connections-error';
import type { Transport } from '../transport/transport.types';
import { type ConnectionsSnapshot, connectionsView } from './connections.connect';
import { connectionsMachine } from './connections.machine';
import type {
  CallbackOutcome,
  CommandName,
  ConnectionsDeps,
  ConnectionsEvent,
  ConnectionsInput,
  IncomingCallback,
  PreparedSignIn,
} from './connections.types';

type AnyEvent = ConnectionsEvent | { type: string; output?: unknown; error?: unknown };

const kinds: readonly ConnectionKind[] = ['advertising', 'sellerCentral'];
const statuses: readonly ConnectionsStatus[] = [
  statusOf(),
  statusOf(advertisingConnection()),
  statusOf(advertisingConnection({ data: 'populating' })),
  statusOf(advertisingConnection(), sellerCentralConnection()),
  statusOf(advertisingConnection({ health: 'stale' }), sellerCentralConnection({ data: 'populating' })),
  statusOf(advertisingConnection({ data: 'populating' }), sellerCentralConnection({ health: 'stale' })),
];
const prepared: PreparedSignIn = {
  authorizeUrl: 'https://www.amazon.com/ap/oa?state=s',
  state: 'state-0123456789abcdef',
  expiresAt: Date.parse('2030-01-01T00:00:00Z'),
  preparedAt: 0,
  returnTo: '/dashboard',
  region: null,
};

function input(callback: ConnectionsInput['callback'] = null): ConnectionsInput {
  return {
    transport: createFakeBackend(),
    environment: createMemoryEnvironment(),
    callback,
    settings: { mode: 'popup' },
  };
}

function connectedNow(status: ConnectionsStatus | null, kind: ConnectionKind): ConnectionsStatus {
  const base = status ?? statusOf();
  return kind === 'advertising'
    ? { ...base, advertising: advertisingConnection({ data: 'populating' }) }
    : { ...base, sellerCentral: sellerCentralConnection({ data: 'populating' }) };
}

function afterDisconnect(status: ConnectionsStatus | null, kind: ConnectionKind): ConnectionsStatus {
  const base = status ?? statusOf();
  return kind === 'advertising'
    ? { ...base, advertising: null, sellerCentral: null }
    : { ...base, sellerCentral: null };
}

const delayedEvents = [
  ...new Set(
    getStateNodes(connectionsMachine.root).flatMap((node) =>
      node.after.map((transition) => transition.eventType),
    ),
  ),
];

function candidates(snapshot: ConnectionsSnapshot): AnyEvent[] {
  const status = snapshot.context.status;
  const failure = (code: 'server_error' | 'oauth_refused') => new ConnectionsError(code);
  const settled = (kind: ConnectionKind) =>
    snapshot.matches({ ready: { [kind]: 'idle' } }) || snapshot.matches({ ready: { [kind]: 'failed' } });
  const quiet = settled('advertising') && settled('sellerCentral');
  const events: AnyEvent[] = [
    { type: 'RETRY' },
    ...statuses.map((output) => ({ type: 'xstate.done.actor.loadStatus', output })),
    { type: 'xstate.error.actor.loadStatus', error: failure('server_error') },
    ...(quiet
      ? [
          { type: 'REFRESH' },
          { type: 'xstate.done.actor.refreshStatus', output: statuses[1] },
          { type: 'xstate.error.actor.refreshStatus', error: failure('server_error') },
        ]
      : []),
    ...delayedEvents.filter((type) => quiet || !type.includes('statusPoll')).map((type) => ({ type })),
    { type: 'CONFIRM_DISCONNECT', kind: 'advertising' },
    { type: 'SELECT_ACCOUNT', kind: 'advertising', accountId: globex.id },
  ];
  for (const kind of kinds) {
    const other = kind === 'advertising' ? 'sellerCentral' : 'advertising';
    // One flow at a time keeps the product of the two regions finite; parallel flows are the property tests' job.
    if (snapshot.matches('ready') && !settled(other)) continue;
    const connected: CallbackOutcome = {
      type: 'connected',
      status: connectedNow(status, kind),
      transaction: null,
    };
    events.push(
      { type: 'PREPARE', kind },
      { type: 'CONNECT', kind },
      { type: 'DISCONNECT', kind },
      { type: 'CANCEL', kind },
      { type: 'DISMISS', kind },
      { type: 'POPUP_BLOCKED', kind },
      { type: 'POPUP_CLOSED', kind },
      {
        type: 'POPUP_CALLBACK',
        kind,
        callback: { type: 'code', kind: 'advertising', code: 'c', state: prepared.state },
      },
      { type: `xstate.done.actor.${kind}.prepareSignIn`, output: prepared },
      { type: `xstate.error.actor.${kind}.prepareSignIn`, error: failure('server_error') },
      { type: `xstate.done.actor.${kind}.completeCallback`, output: connected },
      { type: `xstate.done.actor.${kind}.completeCallback`, output: { type: 'handed_off' } },
      { type: `xstate.error.actor.${kind}.completeCallback`, error: failure('oauth_refused') },
      { type: `xstate.done.actor.${kind}.disconnect`, output: afterDisconnect(status, kind) },
      { type: `xstate.error.actor.${kind}.disconnect`, error: failure('server_error') },
    );
  }
  if (snapshot.matches('ready') && !settled('sellerCentral'))
    return events.filter((event) => snapshot.can(event as ConnectionsEvent));
  events.push(
    {
      type: 'xstate.done.actor.advertising.completeCallback',
      output: { type: 'choose_account', accounts: [acme, globex], state: prepared.state, transaction: null },
    },
    { type: 'xstate.done.actor.advertising.selectAccount', output: connectedNow(status, 'advertising') },
    { type: 'xstate.error.actor.advertising.selectAccount', error: failure('server_error') },
  );
  return events.filter((event) => snapshot.can(event as ConnectionsEvent));
}

/** The top-level state of one connection's region (`idle`, `confirmingDisconnect`, `disconnecting`…). */
function regionState(snapshot: ConnectionsSnapshot, kind: ConnectionKind): string | null {
  const value = snapshot.value as unknown;
  if (typeof value !== 'object' || value === null || !('ready' in value)) return null;
  const region = (value.ready as Record<string, unknown>)[kind];
  if (typeof region === 'string') return region;
  return region && typeof region === 'object' ? (Object.keys(region)[0] ?? null) : null;
}

function serialize(snapshot: ConnectionsSnapshot): string {
  const { context } = snapshot;
  const shape = (kind: ConnectionKind) => {
    const connection = context.status?.[kind];
    return connection ? `${connection.health}/${connection.data.state}` : '-';
  };
  // Only what can change behaviour from here on: intent and prepared sign-ins matter only while authorizing,
  // a trouble only while failed.
  const region = (kind: ConnectionKind) => ({
    trouble: snapshot.matches({ ready: { [kind]: 'failed' } }) ? context.troubles[kind]?.code : null,
    intent: snapshot.matches({ ready: { [kind]: 'authorizing' } }) ? context.intent[kind] : null,
    prepared: snapshot.matches({ ready: { [kind]: 'authorizing' } }) ? context.prepared[kind] !== null : null,
    slow: context.slow[kind],
  });
  return JSON.stringify({
    value: snapshot.value,
    status: context.status
      ? [shape('advertising'), shape('sellerCentral'), context.status.subscription.accountLimit]
      : null,
    advertising: region('advertising'),
    sellerCentral: region('sellerCentral'),
    callback: context.callback?.kind,
    choice: context.accountChoice !== null,
  });
}

const callbackInput: ConnectionsInput['callback'] = {
  kind: 'advertising',
  parsed: { type: 'code', kind: 'advertising', code: 'c', state: prepared.state },
  fromPopup: false,
};

function paths(callback: ConnectionsInput['callback']) {
  return getShortestPaths(connectionsMachine, {
    input: input(callback),
    events: (snapshot) => candidates(snapshot) as ConnectionsEvent[],
    serializeState: serialize,
    limit: 200_000,
  });
}

describe('every shortest path of the machine ends in a state whose view model obeys the rules', () => {
  const fromDashboard = paths(null);
  const fromCallback = paths(callbackInput);
  const all = [...fromDashboard, ...fromCallback];

  it('explores the whole chart', () => {
    expect(fromDashboard.length).toBeGreaterThan(200);
    const visited = new Set(all.flatMap((path) => path.state._nodes.map((node) => node.id)));
    const unvisited = getStateNodes(connectionsMachine.root)
      .filter((node) => node.type !== 'history' && node.key !== 'resolving')
      .map((node) => node.id)
      .filter((id) => !visited.has(id));
    expect(unvisited).toEqual([]);
  });

  it('no end state breaks a rule', () => {
    const broken = all
      .map((path) => ({ path, problems: viewViolations(path.state) }))
      .filter((entry) => entry.problems.length > 0)
      .slice(0, 3)
      .map((entry) => ({
        events: entry.path.steps.map((step) => step.event.type),
        value: entry.path.state.value,
        problems: entry.problems,
      }));
    expect(broken).toEqual([]);
  });

  it('in every end state, a command is shown allowed exactly when the machine would not refuse it', () => {
    const commands = (kind: ConnectionKind, snapshot: ConnectionsSnapshot) => {
      const offered = snapshot.context.accountChoice?.accounts[0]?.id ?? globex.id;
      const events: [CommandName, ConnectionsEvent][] = [
        ['prepare', { type: 'PREPARE', kind }],
        ['connect', { type: 'CONNECT', kind }],
        ['disconnect', { type: 'DISCONNECT', kind }],
        ['cancel', { type: 'CANCEL', kind }],
        ['dismiss', { type: 'DISMISS', kind }],
      ];
      // The view model answers these two itself for Seller Central (they exist for Advertising only).
      if (kind === 'advertising')
        events.push(
          ['confirmDisconnect', { type: 'CONFIRM_DISCONNECT', kind }],
          ['selectAccount', { type: 'SELECT_ACCOUNT', kind, accountId: offered }],
        );
      return events;
    };
    const disagreements: unknown[] = [];
    let checked = 0;
    for (const path of all) {
      const view = connectionsView(path.state, () => {});
      for (const kind of kinds) {
        for (const [name, event] of commands(kind, path.state)) {
          const before = path.state.context.refusal;
          const after = getNextSnapshot(connectionsMachine, path.state, event).context.refusal;
          const refused = after !== before && after !== null ? after.code : null;
          const action = view[kind].actions[name];
          const shown = action.allowed ? null : action.code;
          checked += 1;
          if (refused !== shown) disagreements.push({ value: path.state.value, kind, name, refused, shown });
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(disagreements.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('every path into the Advertising disconnect passes through the confirmation', () => {
    for (const path of all) {
      path.steps.forEach((step, index) => {
        const entered = regionState(step.state, 'advertising') === 'disconnecting';
        const before = index === 0 ? null : (path.steps[index - 1]?.state ?? null);
        const wasThere = before !== null && regionState(before, 'advertising') === 'disconnecting';
        if (entered && !wasThere) {
          expect(step.event.type).toBe('CONFIRM_DISCONNECT');
          expect(before && regionState(before, 'advertising')).toBe('confirmingDisconnect');
        }
      });
    }
  });

  it('a failed disconnect never loses a connection', () => {
    for (const path of all) {
      path.steps.forEach((step, index) => {
        if (!/^xstate\.error\.actor\.\w+\.disconnect$/.test(step.event.type)) return;
        const before = path.steps[index - 1]?.state;
        expect(step.state.context.status).toEqual(before?.context.status);
      });
    }
  });

  it('replays every path on a live actor with a faked transport and reaches the same state and view', () => {
    // The live actors run against a transport whose calls never answer: each path's own events play the
    // answers, so the live actor must follow exactly the chart the traversal walked.
    const frozen = () => new Promise<never>(() => {});
    const transport: Transport = {
      getStatus: frozen,
      authorize: frozen,
      callback: frozen,
      selectAccount: frozen,
      disconnect: frozen,
      getMetrics: frozen,
    };
    const live = connectionsMachine.provide({
      actors: {
        completeCallback: fromPromise<CallbackOutcome, { deps: ConnectionsDeps; callback: IncomingCallback }>(
          frozen,
        ),
      },
    });
    const replay = (list: typeof all, callback: ConnectionsInput['callback']) => {
      for (const path of list) {
        const actor = createActor(live, { input: { ...input(callback), transport } }).start();
        for (const step of path.steps) {
          if ((step.event as { type: string }).type !== 'xstate.init') actor.send(step.event);
        }
        const snapshot = actor.getSnapshot();
        expect(snapshot.value).toEqual(path.state.value);
        expect(viewViolations(snapshot)).toEqual([]);
        actor.stop();
      }
    };
    replay(fromDashboard, null);
    replay(fromCallback, callbackInput);
  }, 120_000);
});
