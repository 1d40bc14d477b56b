import { and, assign, not, setup } from 'xstate';
import { isSafeReturnPath } from '../contract/schemas';
import type { ConnectionKind, ConnectionsStatus } from '../contract/types';
import { toConnectionsError } from '../errors/to-connections-error';
import type { BusMessage } from '../oauth/bus.messages';
import { createTransactionStore } from '../oauth/transaction.store';
import type { SignInMode } from '../oauth/transaction.types';
import {
  busListener,
  completeCallback,
  disconnect,
  loadStatus,
  popupWatcher,
  prepareSignIn,
  selectAccount,
} from './connections.actors';
import { blockMessage, connectBlock, connectionCondition, disconnectBlock } from './connections.rules';
import { currentReturnPath, resolveSettings } from './connections.settings';
import type {
  BlockCode,
  CallbackOutcome,
  CommandName,
  ConnectionsContext,
  ConnectionsEvent,
  ConnectionsInput,
  PerKind,
  PreparedSignIn,
  Refusal,
  Trouble,
} from './connections.types';

type KindParams = { readonly kind: ConnectionKind };

const commandOf: { readonly [T in ConnectionsEvent['type']]?: CommandName } = {
  PREPARE: 'prepare',
  CONNECT: 'connect',
  DISCONNECT: 'disconnect',
  CONFIRM_DISCONNECT: 'confirmDisconnect',
  CANCEL: 'cancel',
  SELECT_ACCOUNT: 'selectAccount',
  DISMISS: 'dismiss',
};

/** Reads the output of an actor's done event (the machine only routes its own actors' outputs here). */
function outputOf<T>(event: { readonly type: string }): T {
  return (event as unknown as { readonly output: T }).output;
}

/** Reads the error of an actor's error event as a {@link Trouble}. */
function troubleOf(event: { readonly type: string }): Trouble {
  const error = toConnectionsError((event as unknown as { readonly error: unknown }).error);
  return { code: error.code, message: error.message, retryable: error.retryable };
}

function withKind<T>(record: PerKind<T>, kind: ConnectionKind, value: T): PerKind<T> {
  return { ...record, [kind]: value };
}

function eventKind(event: ConnectionsEvent): ConnectionKind | null {
  return 'kind' in event ? event.kind : null;
}

function statusAfterCallback(event: { readonly type: string }): ConnectionsStatus | null {
  const outcome = outputOf<CallbackOutcome>(event);
  return outcome.type === 'connected' ? outcome.status : null;
}

/** The refusal of `event` (a command) for `kind`, with the rule's or the state's `code`. */
function refusalOf(event: ConnectionsEvent, kind: ConnectionKind, code: BlockCode): Refusal {
  return { kind, command: commandOf[event.type] ?? 'connect', code, message: blockMessage(code) };
}

/** The transaction a finished sign-in belongs to: from the actor's outcome, else from the account choice. */
function signInTransaction(context: ConnectionsContext, event: { readonly type: string }) {
  const outcome = event.type.startsWith('xstate.done.actor')
    ? outputOf<CallbackOutcome | ConnectionsStatus>(event)
    : null;
  return outcome && 'type' in outcome && outcome.type !== 'handed_off'
    ? outcome.transaction
    : (context.accountChoice?.transaction ?? null);
}

function createInitialContext({ input }: { input: ConnectionsInput }): ConnectionsContext {
  const settings = resolveSettings(input.settings);
  const store =
    input.store ?? createTransactionStore(input.environment.storage, () => input.environment.now());
  return {
    deps: { transport: input.transport, environment: input.environment, store, settings },
    status: input.status ?? null,
    loadTrouble: null,
    callback: input.callback ?? null,
    intent: { advertising: 'connect', sellerCentral: 'connect' },
    prepared: { advertising: null, sellerCentral: null },
    troubles: { advertising: null, sellerCentral: null },
    refusal: null,
    accountChoice: null,
    slow: { advertising: 'none', sellerCentral: 'none' },
    staleMarks: { advertising: null, sellerCentral: null },
    popupBlocked: { advertising: false, sellerCentral: false },
  };
}

function dataWait(context: ConnectionsContext, kind: ConnectionKind): number {
  const since = context.status?.[kind]?.data.since;
  const started = since ? Date.parse(since) : context.deps.environment.now();
  const elapsed = context.deps.environment.now() - started;
  return Math.max(0, context.deps.settings.dataSlowAfterMs - elapsed);
}

function preparedFor(context: ConnectionsContext, kind: ConnectionKind): PreparedSignIn {
  const prepared = context.prepared[kind];
  if (!prepared) throw new Error(`No prepared sign-in for ${kind}`);
  return prepared;
}

/**
 * The machine's implementations, by name. The chart below refers to them only by name; tests and hosts may swap
 * any of them with `connectionsMachine.provide(...)`.
 *
 * @example
 * ```ts
 * const testMachine = connectionsSetup.createMachine({ context: ({ input }) => …, initial: 'loading', states: {} });
 * ```
 */
export const connectionsSetup = setup({
  types: {
    context: {} as ConnectionsContext,
    events: {} as ConnectionsEvent,
    input: {} as ConnectionsInput,
  },
  actors: {
    loadStatus,
    prepareSignIn,
    completeCallback,
    selectAccount,
    disconnect,
    popupWatcher,
    busListener,
  },
  guards: {
    statusKnown: ({ context }) => context.status !== null,
    isFor: ({ event }, params: KindParams) => eventKind(event) === params.kind,
    canConnect: ({ context, event }, params: KindParams) =>
      eventKind(event) === params.kind && connectBlock(context, params.kind) === null,
    canDisconnect: ({ context, event }, params: KindParams) =>
      eventKind(event) === params.kind && disconnectBlock(context, params.kind) === null,
    hasCallbackFor: ({ context }, params: KindParams) => context.callback?.kind === params.kind,
    isConnected: ({ context }, params: KindParams) =>
      connectionCondition(context, params.kind) !== 'disconnected',
    isStale: ({ context }, params: KindParams) => connectionCondition(context, params.kind) === 'stale',
    isDataReady: ({ context }, params: KindParams) => connectionCondition(context, params.kind) === 'ready',
    isPopulating: ({ context }, params: KindParams) =>
      connectionCondition(context, params.kind) === 'populating',
    isAdvertisingMissing: ({ context }) => connectionCondition(context, 'advertising') === 'disconnected',
    // Reconnected once more and still waiting: this tab saw it, or the server counts a second attempt (which
    // survives reloads, other tabs and devices).
    reconnectedAfterSlow: ({ context }, params: KindParams) =>
      context.slow[params.kind] === 'reconnected' || (context.status?.[params.kind]?.data.attempt ?? 1) > 1,
    wantsToConnect: ({ context }, params: KindParams) => context.intent[params.kind] === 'connect',
    usesPopup: ({ context }) => context.deps.settings.mode === 'popup',
    isHandedOff: ({ event }) => outputOf<CallbackOutcome>(event).type === 'handed_off',
    mustChooseAccount: ({ event }) => outputOf<CallbackOutcome>(event).type === 'choose_account',
    isOfferedAccount: ({ context, event }) =>
      event.type === 'SELECT_ACCOUNT' &&
      (context.accountChoice?.accounts.some((account) => account.id === event.accountId) ?? false),
  },
  actions: {
    assignStatus: assign({ status: ({ event }) => outputOf<ConnectionsStatus>(event) }),
    assignStatusAfterCallback: assign({
      status: ({ context, event }) => statusAfterCallback(event) ?? context.status,
    }),
    assignLoadTrouble: assign({ loadTrouble: ({ event }) => troubleOf(event) }),
    clearLoadTrouble: assign({ loadTrouble: null }),
    assignTrouble: assign({
      troubles: ({ context, event }, params: KindParams) =>
        withKind(context.troubles, params.kind, { ...troubleOf(event), during: 'sign_in' }),
    }),
    assignDisconnectTrouble: assign({
      troubles: ({ context, event }, params: KindParams) =>
        withKind(context.troubles, params.kind, { ...troubleOf(event), during: 'disconnect' }),
    }),
    clearTrouble: assign({
      troubles: ({ context }, params: KindParams) => withKind(context.troubles, params.kind, null),
    }),
    setIntent: assign({
      intent: ({ context }, params: { kind: ConnectionKind; intent: 'prepare' | 'connect' }) =>
        withKind(context.intent, params.kind, params.intent),
      refusal: null,
    }),
    refuseByRules: assign({
      refusal: ({ context, event }, params: KindParams) => {
        const code =
          event.type === 'DISCONNECT'
            ? disconnectBlock(context, params.kind)
            : connectBlock(context, params.kind);
        return refusalOf(event, params.kind, code ?? 'not_available');
      },
    }),
    refuse: assign({
      refusal: ({ event }, params: { kind: ConnectionKind; code: BlockCode }) =>
        refusalOf(event, params.kind, params.code),
    }),
    refuseNotReady: assign({
      refusal: ({ event }) => {
        const kind = eventKind(event);
        return kind === null ? null : refusalOf(event, kind, 'not_ready');
      },
    }),
    assignPrepared: assign({
      prepared: ({ context, event }, params: KindParams) =>
        withKind(context.prepared, params.kind, outputOf<PreparedSignIn>(event)),
    }),
    forgetPrepared: assign({
      prepared: ({ context }, params: KindParams) => withKind(context.prepared, params.kind, null),
    }),
    saveTransaction: ({ context }, params: { kind: ConnectionKind; mode: SignInMode }) => {
      const prepared = preparedFor(context, params.kind);
      const { store, environment } = context.deps;
      store.save({
        kind: params.kind,
        state: prepared.state,
        returnTo: prepared.returnTo,
        attempt: store.failures(params.kind) + 1,
        startedAt: environment.now(),
        expiresAt: prepared.expiresAt,
        mode: params.mode,
        afterDataSlow: context.slow[params.kind] !== 'none',
      });
    },
    forgetTransaction: ({ context }, params: KindParams) => context.deps.store.clear(params.kind),
    redirectToAmazon: ({ context }, params: KindParams) =>
      context.deps.environment.redirect(preparedFor(context, params.kind).authorizeUrl),
    notePopupBlocked: assign({
      popupBlocked: ({ context }, params: KindParams) => withKind(context.popupBlocked, params.kind, true),
    }),
    assignPopupCallback: assign({
      callback: ({ event }) =>
        event.type === 'POPUP_CALLBACK'
          ? { kind: event.kind, parsed: event.callback, fromPopup: true }
          : null,
    }),
    forgetCallback: assign({ callback: null }),
    assignAccountChoice: assign({
      accountChoice: ({ event }) => {
        const outcome = outputOf<CallbackOutcome>(event);
        return outcome.type === 'choose_account'
          ? { state: outcome.state, accounts: outcome.accounts, transaction: outcome.transaction }
          : null;
      },
    }),
    forgetAccountChoice: assign({ accountChoice: null }),
    finishSignIn: ({ context, event }, params: KindParams) => {
      const transaction = signInTransaction(context, event);
      const { store, environment, settings } = context.deps;
      store.clear(params.kind);
      store.resetFailures(params.kind);
      if (transaction && transaction.mode === 'redirect' && isSafeReturnPath(transaction.returnTo)) {
        (settings.onReturn ?? environment.replaceUrl)(transaction.returnTo);
      }
    },
    noteReconnectAfterSlow: assign({
      slow: ({ context, event }, params: KindParams) => {
        const afterSlow =
          signInTransaction(context, event)?.afterDataSlow === true || context.slow[params.kind] !== 'none';
        return withKind(context.slow, params.kind, afterSlow ? 'reconnected' : 'none');
      },
    }),
    noteDataSlow: assign({
      slow: ({ context }, params: KindParams) =>
        context.slow[params.kind] === 'none' ? withKind(context.slow, params.kind, 'advised') : context.slow,
    }),
    clearSlow: assign({
      slow: ({ context }, params: KindParams) => withKind(context.slow, params.kind, 'none'),
    }),
    markStale: assign({
      staleMarks: ({ context, event }) => {
        if (event.type !== 'STALE_DETECTED') return context.staleMarks;
        // An answer about a connection that a reconnect has replaced since says nothing about the new one.
        const current = context.status?.[event.kind]?.connectedAt ?? null;
        if (current !== event.connectedAt) return context.staleMarks;
        return withKind(context.staleMarks, event.kind, current);
      },
    }),
    announceStatusChange: ({ context }) => {
      const { environment } = context.deps;
      let origin = '';
      try {
        origin = new URL(environment.currentUrl()).origin;
      } catch {
        return;
      }
      environment.bus?.post({ type: 'smart-ads:status-changed', origin } satisfies BusMessage);
    },
  },
  delays: {
    statusPoll: ({ context }) => context.deps.settings.statusPollMs,
    preparedTtl: ({ context }) => context.deps.settings.preparedTtlMs,
    advertisingDataWait: ({ context }) => dataWait(context, 'advertising'),
    sellerCentralDataWait: ({ context }) => dataWait(context, 'sellerCentral'),
  },
});

const depsInput = ({ context }: { context: ConnectionsContext }) => ({ deps: context.deps });

/** Choosing one of several advertising accounts after a sign-in that sees them (rule 2, Advertising only). */
function accountChoiceStates(kind: 'advertising') {
  const k = { kind } as const;
  const id = `#${kind}`;
  const isFor = { type: 'isFor', params: k } as const;
  return {
    choosingAccount: {
      on: {
        SELECT_ACCOUNT: [
          { guard: and([isFor, 'isOfferedAccount']), target: 'selectingAccount' },
          { guard: isFor, actions: { type: 'refuse', params: { kind, code: 'unknown_account' } } },
        ],
        CANCEL: { guard: isFor, target: `${id}.idle`, actions: 'forgetAccountChoice' },
      },
    },
    selectingAccount: {
      invoke: {
        id: `${kind}.selectAccount`,
        src: 'selectAccount',
        input: ({ context, event }: { context: ConnectionsContext; event: ConnectionsEvent }) => ({
          deps: context.deps,
          state: context.accountChoice?.state ?? '',
          accountId: event.type === 'SELECT_ACCOUNT' ? event.accountId : '',
        }),
        onDone: {
          target: `${id}.idle`,
          actions: [
            'assignStatus',
            { type: 'noteReconnectAfterSlow', params: k },
            { type: 'finishSignIn', params: k },
            'forgetAccountChoice',
            'announceStatusChange',
          ],
        },
        onError: {
          target: `${id}.failed`,
          actions: [{ type: 'assignTrouble', params: k }, 'forgetAccountChoice'],
        },
      },
    },
  } as const;
}

/** One parallel region: the life of one connection (rules 1-8 as guards and transitions). */
function connectionRegion<K extends ConnectionKind>(kind: K) {
  const k = { kind } as const;
  const id = `#${kind}`;
  const isFor = { type: 'isFor', params: k } as const;
  const refuseInProgress = {
    guard: isFor,
    actions: { type: 'refuse', params: { kind, code: 'in_progress' } },
  } as const;
  const refuseNotAvailable = {
    guard: isFor,
    actions: { type: 'refuse', params: { kind, code: 'not_available' } },
  } as const;
  const refuseByRules = { guard: isFor, actions: { type: 'refuseByRules', params: k } } as const;
  const startSignIn = (intent: 'prepare' | 'connect') =>
    [
      {
        guard: { type: 'canConnect', params: k },
        target: `${id}.authorizing`,
        actions: [
          { type: 'clearTrouble', params: k },
          { type: 'setIntent', params: { kind, intent } },
        ],
      },
      refuseByRules,
    ] as const;
  const startDisconnect = [
    {
      guard: { type: 'canDisconnect', params: k },
      target: kind === 'advertising' ? `${id}.confirmingDisconnect` : `${id}.disconnecting`,
      actions: [
        { type: 'clearTrouble', params: k },
        { type: 'setIntent', params: { kind, intent: 'connect' } },
      ],
    },
    refuseByRules,
  ] as const;
  const populatingOrReady = [
    { guard: { type: 'isStale', params: k }, target: 'stale' },
    { guard: { type: 'isDataReady', params: k }, target: 'ready', actions: { type: 'clearSlow', params: k } },
  ] as const;

  const slowAfterWait = [
    { guard: { type: 'reconnectedAfterSlow', params: k }, target: 'stillSlow' },
    { target: 'slow' },
  ] as const;

  return connectionsSetup.createStateConfig({
    id: kind,
    initial: 'idle',
    on: {
      PREPARE: refuseInProgress,
      CONNECT: refuseInProgress,
      DISCONNECT: refuseInProgress,
      CONFIRM_DISCONNECT: refuseNotAvailable,
      CANCEL: refuseNotAvailable,
      SELECT_ACCOUNT: refuseNotAvailable,
      DISMISS: refuseNotAvailable,
    },
    states: {
      idle: {
        initial: 'resolving',
        on: { PREPARE: startSignIn('prepare'), CONNECT: startSignIn('connect'), DISCONNECT: startDisconnect },
        states: {
          resolving: {
            always: [
              { guard: { type: 'hasCallbackFor', params: k }, target: `${id}.authorizing.exchanging` },
              { guard: { type: 'isConnected', params: k }, target: 'connected' },
              { target: 'disconnected' },
            ],
          },
          disconnected: { always: { guard: { type: 'isConnected', params: k }, target: 'connected' } },
          connected: {
            initial: 'resolving',
            always: { guard: not({ type: 'isConnected', params: k }), target: 'disconnected' },
            states: {
              resolving: {
                always: [
                  { guard: { type: 'isStale', params: k }, target: 'stale' },
                  { guard: { type: 'isDataReady', params: k }, target: 'ready' },
                  { target: 'populating' },
                ],
              },
              populating: {
                initial: 'waiting',
                always: populatingOrReady,
                states: {
                  waiting: {
                    after:
                      kind === 'advertising'
                        ? { advertisingDataWait: slowAfterWait }
                        : { sellerCentralDataWait: slowAfterWait },
                  },
                  slow: { entry: { type: 'noteDataSlow', params: k } },
                  stillSlow: {},
                },
              },
              ready: {
                always: [
                  { guard: { type: 'isStale', params: k }, target: 'stale' },
                  { guard: { type: 'isPopulating', params: k }, target: 'populating' },
                ],
              },
              stale: { always: { guard: not({ type: 'isStale', params: k }), target: 'resolving' } },
            },
          },
          history: { type: 'history', history: 'deep' },
        },
      },
      authorizing: {
        initial: 'preparing',
        states: {
          preparing: {
            invoke: {
              id: `${kind}.prepareSignIn`,
              src: 'prepareSignIn',
              input: ({ context }: { context: ConnectionsContext }) => ({
                deps: context.deps,
                kind,
                returnTo: currentReturnPath(context.deps.environment, context.deps.settings.returnTo),
              }),
              onDone: [
                {
                  guard: and([{ type: 'wantsToConnect', params: k }, 'usesPopup']),
                  target: 'popup',
                  actions: { type: 'assignPrepared', params: k },
                },
                {
                  guard: { type: 'wantsToConnect', params: k },
                  target: 'redirecting',
                  actions: { type: 'assignPrepared', params: k },
                },
                { target: 'prepared', actions: { type: 'assignPrepared', params: k } },
              ],
              onError: { target: `${id}.failed`, actions: { type: 'assignTrouble', params: k } },
            },
            on: {
              CONNECT: { guard: isFor, actions: { type: 'setIntent', params: { kind, intent: 'connect' } } },
              CANCEL: { guard: isFor, target: `${id}.idle` },
            },
          },
          prepared: {
            always:
              kind === 'sellerCentral'
                ? [
                    {
                      guard: 'isAdvertisingMissing',
                      target: `${id}.idle`,
                      actions: { type: 'forgetPrepared', params: k },
                    },
                  ]
                : [],
            after: { preparedTtl: { target: `${id}.idle`, actions: { type: 'forgetPrepared', params: k } } },
            on: {
              CONNECT: [
                { guard: and([isFor, 'usesPopup']), target: 'popup' },
                { guard: isFor, target: 'redirecting' },
              ],
              CANCEL: { guard: isFor, target: `${id}.idle`, actions: { type: 'forgetPrepared', params: k } },
            },
          },
          redirecting: {
            entry: [
              { type: 'saveTransaction', params: { kind, mode: 'redirect' } },
              { type: 'redirectToAmazon', params: k },
            ],
          },
          popup: {
            entry: { type: 'saveTransaction', params: { kind, mode: 'popup' } },
            invoke: {
              id: `${kind}.popupWatcher`,
              src: 'popupWatcher',
              input: ({ context }: { context: ConnectionsContext }) => {
                const prepared = preparedFor(context, kind);
                return { deps: context.deps, kind, url: prepared.authorizeUrl, state: prepared.state };
              },
            },
            on: {
              POPUP_CALLBACK: { guard: isFor, target: 'exchanging', actions: 'assignPopupCallback' },
              POPUP_BLOCKED: {
                guard: isFor,
                target: 'redirecting',
                actions: { type: 'notePopupBlocked', params: k },
              },
              POPUP_CLOSED: {
                guard: isFor,
                target: `${id}.idle`,
                actions: [
                  { type: 'forgetPrepared', params: k },
                  { type: 'forgetTransaction', params: k },
                ],
              },
              CANCEL: {
                guard: isFor,
                target: `${id}.idle`,
                actions: [
                  { type: 'forgetPrepared', params: k },
                  { type: 'forgetTransaction', params: k },
                ],
              },
            },
          },
          exchanging: {
            exit: 'forgetCallback',
            invoke: {
              id: `${kind}.completeCallback`,
              src: 'completeCallback',
              input: ({ context }: { context: ConnectionsContext }) => {
                const callback = context.callback;
                if (!callback) throw new Error('No callback to complete');
                return { deps: context.deps, callback };
              },
              onDone: [
                { guard: 'isHandedOff', target: `${id}.idle` },
                ...(kind === 'advertising'
                  ? [
                      {
                        guard: 'mustChooseAccount',
                        target: 'choosingAccount',
                        actions: 'assignAccountChoice',
                      } as const,
                    ]
                  : []),
                {
                  target: `${id}.idle`,
                  actions: [
                    'assignStatusAfterCallback',
                    { type: 'noteReconnectAfterSlow', params: k },
                    { type: 'finishSignIn', params: k },
                    { type: 'forgetPrepared', params: k },
                    'announceStatusChange',
                  ],
                },
              ],
              onError: {
                target: `${id}.failed`,
                actions: [
                  { type: 'assignTrouble', params: k },
                  { type: 'forgetPrepared', params: k },
                ],
              },
            },
          },
          ...(kind === 'advertising' ? accountChoiceStates(kind) : {}),
        },
      },
      ...(kind === 'advertising'
        ? {
            confirmingDisconnect: {
              on: {
                CONFIRM_DISCONNECT: { guard: isFor, target: `${id}.disconnecting` },
                CANCEL: { guard: isFor, target: `${id}.idle.history` },
              },
            },
          }
        : {}),
      disconnecting: {
        invoke: {
          id: `${kind}.disconnect`,
          src: 'disconnect',
          input: ({ context }: { context: ConnectionsContext }) => ({ deps: context.deps, kind }),
          onDone: { target: `${id}.idle`, actions: ['assignStatus', 'announceStatusChange'] },
          onError: { target: `${id}.failed`, actions: { type: 'assignDisconnectTrouble', params: k } },
        },
      },
      failed: {
        on: {
          DISMISS: { guard: isFor, target: `${id}.idle`, actions: { type: 'clearTrouble', params: k } },
          PREPARE: startSignIn('prepare'),
          CONNECT: startSignIn('connect'),
          DISCONNECT: startDisconnect,
        },
      },
    },
  });
}

/**
 * The connections state machine: loads the subscription's status (with a failed-to-load state and retry), then
 * runs one parallel region per connection (Advertising, Seller Central) and a sync region that reloads status.
 * Create it with {@link createConnections} (which also handles the callback URL), or directly:
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { connectionsMachine, createHttpTransport, createBrowserEnvironment } from '@smart-ads/core';
 * const actor = createActor(connectionsMachine, {
 *   input: { transport: createHttpTransport({ baseUrl: '/api/amazon' }), environment: createBrowserEnvironment() },
 * }).start();
 * actor.send({ type: 'CONNECT', kind: 'advertising' });
 * ```
 */
export const connectionsMachine = connectionsSetup.createMachine({
  id: 'connections',
  context: createInitialContext,
  initial: 'loading',
  on: {
    PREPARE: { actions: 'refuseNotReady' },
    CONNECT: { actions: 'refuseNotReady' },
    DISCONNECT: { actions: 'refuseNotReady' },
    CONFIRM_DISCONNECT: { actions: 'refuseNotReady' },
    CANCEL: { actions: 'refuseNotReady' },
    SELECT_ACCOUNT: { actions: 'refuseNotReady' },
    DISMISS: { actions: 'refuseNotReady' },
  },
  states: {
    loading: {
      // Server rendering handed the status over (createConnections' initialStatus): nothing to load.
      always: { guard: 'statusKnown', target: 'ready' },
      invoke: {
        id: 'loadStatus',
        src: 'loadStatus',
        input: depsInput,
        onDone: { target: 'ready', actions: 'assignStatus' },
        onError: { target: 'loadFailed', actions: 'assignLoadTrouble' },
      },
    },
    loadFailed: {
      on: {
        RETRY: { target: 'loading', actions: 'clearLoadTrouble' },
        REFRESH: { target: 'loading', actions: 'clearLoadTrouble' },
      },
    },
    ready: {
      type: 'parallel',
      invoke: { id: 'busListener', src: 'busListener', input: depsInput },
      on: { STALE_DETECTED: { actions: 'markStale' } },
      states: {
        sync: {
          initial: 'idle',
          states: {
            idle: {
              on: { REFRESH: 'refreshing' },
              // Always polled: a connection can go stale (or its data arrive) while the page is open.
              after: { statusPoll: 'refreshing' },
            },
            refreshing: {
              invoke: {
                id: 'refreshStatus',
                src: 'loadStatus',
                input: depsInput,
                onDone: { target: 'idle', actions: 'assignStatus' },
                onError: { target: 'idle' },
              },
            },
          },
        },
        advertising: connectionRegion('advertising'),
        sellerCentral: connectionRegion('sellerCentral'),
      },
    },
  },
});
