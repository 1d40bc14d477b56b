/**
 * The connections chart. Read it top to bottom: loading the status, then `ready`, where a sync region and one region
 * per connection (Advertising, then Seller Central, each written out in full) run in parallel. Guards and actions
 * are named here and implemented after the chart, in {@link implementations}. Actors' results reach the actions as
 * typed params (`event.output` of each invoke), never by casting the event.
 */
import { and, assign, not, setup } from 'xstate';
import { isSafeReturnPath } from '../contract/schemas';
import type { AmazonRegion, ConnectionKind, ConnectionsStatus } from '../contract/types';
import { toConnectionsError } from '../errors/to-connections-error';
import type { BusMessage } from '../oauth/bus.messages';
import { createTransactionStore } from '../oauth/transaction.store';
import type { PendingTransaction, SignInMode } from '../oauth/transaction.types';
import {
  busListener,
  completeCallback,
  disconnect,
  loadStatus,
  popupWatcher,
  prepareSignIn,
  selectAccount,
} from './connections.actors';
import { isAccountMarketplace, saveMarketplaceChoice } from './connections.marketplace';
import {
  blockMessage,
  connectionCondition,
  sellerCentralRegions,
  whyConnectRefused,
  whyDisconnectRefused,
} from './connections.rules';
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

const advertising = { kind: 'advertising' } as const;
const sellerCentral = { kind: 'sellerCentral' } as const;

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
export const connectionsMachine = /* @__PURE__ */ implementations().createMachine({
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
    SELECT_MARKETPLACE: { guard: 'isAccountMarketplace', actions: ['selectMarketplace', 'saveMarketplace'] },
  },
  states: {
    loading: {
      // Server rendering handed the status over (createConnections' initialStatus): nothing to load.
      always: { guard: 'statusKnown', target: 'ready' },
      invoke: {
        id: 'loadStatus',
        src: 'loadStatus',
        input: depsInput,
        onDone: { target: 'ready', actions: { type: 'assignStatus', params: ({ event }) => event.output } },
        onError: {
          target: 'loadFailed',
          actions: { type: 'assignLoadTrouble', params: ({ event }) => ({ error: event.error }) },
        },
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
              entry: 'notePollEpoch',
              invoke: {
                id: 'refreshStatus',
                src: 'loadStatus',
                input: depsInput,
                // A poll answered after a disconnect or sign-in may have seen the connections before it: its answer
                // is dropped and the status read again at once (it may also have had newer data).
                onDone: [
                  {
                    guard: 'nothingTakenInSincePoll',
                    target: 'idle',
                    actions: { type: 'assignStatus', params: ({ event }) => event.output },
                  },
                  { target: 'refreshing', reenter: true },
                ],
                onError: { target: 'idle' },
              },
            },
          },
        },

        // ── Amazon Advertising: the account (rule 2), its confirmed disconnect (rule 4), the account choice ──
        advertising: {
          id: 'advertising',
          initial: 'idle',
          // Any other command for advertising while it is busy (signing in, disconnecting): refused.
          on: refusedWhileBusy('advertising'),
          states: {
            idle: {
              initial: 'resolving',
              on: commands('advertising', '#advertising.confirmingDisconnect'),
              states: {
                resolving: {
                  always: [
                    {
                      guard: { type: 'hasCallbackFor', params: advertising },
                      target: '#advertising.authorizing.exchanging',
                    },
                    { guard: { type: 'isConnected', params: advertising }, target: 'connected' },
                    { target: 'disconnected' },
                  ],
                },
                disconnected: {
                  always: { guard: { type: 'isConnected', params: advertising }, target: 'connected' },
                },
                connected: {
                  initial: 'resolving',
                  always: {
                    guard: /* @__PURE__ */ not({ type: 'isConnected', params: advertising }),
                    target: 'disconnected',
                  },
                  states: {
                    resolving: {
                      always: [
                        { guard: { type: 'isStale', params: advertising }, target: 'stale' },
                        { guard: { type: 'isDataReady', params: advertising }, target: 'ready' },
                        { target: 'populating' },
                      ],
                    },
                    populating: {
                      initial: 'waiting',
                      always: [
                        { guard: { type: 'isStale', params: advertising }, target: 'stale' },
                        {
                          guard: { type: 'isDataReady', params: advertising },
                          target: 'ready',
                          actions: { type: 'clearSlow', params: advertising },
                        },
                      ],
                      states: {
                        waiting: {
                          after: {
                            advertisingDataWait: [
                              {
                                guard: { type: 'reconnectedAfterSlow', params: advertising },
                                target: 'stillSlow',
                              },
                              { target: 'slow' },
                            ],
                          },
                        },
                        slow: { entry: { type: 'noteDataSlow', params: advertising } },
                        stillSlow: {},
                      },
                    },
                    ready: {
                      always: [
                        { guard: { type: 'isStale', params: advertising }, target: 'stale' },
                        { guard: { type: 'isPopulating', params: advertising }, target: 'populating' },
                      ],
                    },
                    stale: {
                      always: {
                        guard: /* @__PURE__ */ not({ type: 'isStale', params: advertising }),
                        target: 'resolving',
                      },
                    },
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
                    id: 'advertising.prepareSignIn',
                    src: 'prepareSignIn',
                    input: ({ context }) => signInRequest(context, 'advertising'),
                    onDone: [
                      {
                        guard: /* @__PURE__ */ and([
                          { type: 'wantsToConnect', params: advertising },
                          'usesPopup',
                        ]),
                        target: 'popup',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'advertising', prepared: event.output }),
                        },
                      },
                      {
                        guard: { type: 'wantsToConnect', params: advertising },
                        target: 'redirecting',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'advertising', prepared: event.output }),
                        },
                      },
                      {
                        target: 'prepared',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'advertising', prepared: event.output }),
                        },
                      },
                    ],
                    onError: {
                      target: '#advertising.failed',
                      actions: {
                        type: 'assignTrouble',
                        params: ({ event }) => ({ kind: 'advertising', error: event.error }),
                      },
                    },
                  },
                  on: {
                    CONNECT: {
                      guard: { type: 'isFor', params: advertising },
                      actions: { type: 'setIntent', params: { kind: 'advertising', intent: 'connect' } },
                    },
                    CANCEL: { guard: { type: 'isFor', params: advertising }, target: '#advertising.idle' },
                  },
                },
                prepared: {
                  after: {
                    preparedTtl: {
                      target: '#advertising.idle',
                      actions: { type: 'forgetPrepared', params: advertising },
                    },
                  },
                  on: {
                    CONNECT: [
                      {
                        guard: /* @__PURE__ */ and([{ type: 'isFor', params: advertising }, 'usesPopup']),
                        target: 'popup',
                      },
                      { guard: { type: 'isFor', params: advertising }, target: 'redirecting' },
                    ],
                    CANCEL: {
                      guard: { type: 'isFor', params: advertising },
                      target: '#advertising.idle',
                      actions: { type: 'forgetPrepared', params: advertising },
                    },
                  },
                },
                redirecting: {
                  entry: [
                    { type: 'saveTransaction', params: { kind: 'advertising', mode: 'redirect' } },
                    { type: 'redirectToAmazon', params: advertising },
                  ],
                },
                popup: {
                  entry: { type: 'saveTransaction', params: { kind: 'advertising', mode: 'popup' } },
                  invoke: {
                    id: 'advertising.popupWatcher',
                    src: 'popupWatcher',
                    input: ({ context }) => popupRequest(context, 'advertising'),
                  },
                  on: {
                    POPUP_CALLBACK: {
                      guard: { type: 'isFor', params: advertising },
                      target: 'exchanging',
                      actions: 'assignPopupCallback',
                    },
                    POPUP_BLOCKED: {
                      guard: { type: 'isFor', params: advertising },
                      target: 'redirecting',
                      actions: { type: 'notePopupBlocked', params: advertising },
                    },
                    POPUP_CLOSED: {
                      guard: { type: 'isFor', params: advertising },
                      target: '#advertising.idle',
                      actions: [
                        { type: 'forgetPrepared', params: advertising },
                        { type: 'forgetTransaction', params: advertising },
                      ],
                    },
                    CANCEL: {
                      guard: { type: 'isFor', params: advertising },
                      target: '#advertising.idle',
                      actions: [
                        { type: 'forgetPrepared', params: advertising },
                        { type: 'forgetTransaction', params: advertising },
                      ],
                    },
                  },
                },
                exchanging: {
                  exit: 'forgetCallback',
                  invoke: {
                    id: 'advertising.completeCallback',
                    src: 'completeCallback',
                    input: ({ context }) => callbackRequest(context),
                    onDone: [
                      {
                        guard: { type: 'isHandedOff', params: ({ event }) => event.output },
                        target: '#advertising.idle',
                      },
                      {
                        guard: { type: 'mustChooseAccount', params: ({ event }) => event.output },
                        target: 'choosingAccount',
                        actions: { type: 'assignAccountChoice', params: ({ event }) => event.output },
                      },
                      {
                        target: '#advertising.idle',
                        actions: [
                          { type: 'assignStatusAfterCallback', params: ({ event }) => event.output },
                          {
                            type: 'noteReconnectAfterSlow',
                            params: ({ event }) => ({ kind: 'advertising', outcome: event.output }),
                          },
                          {
                            type: 'finishSignIn',
                            params: ({ event }) => ({ kind: 'advertising', outcome: event.output }),
                          },
                          { type: 'forgetPrepared', params: advertising },
                          'announceStatusChange',
                        ],
                      },
                    ],
                    onError: {
                      target: '#advertising.failed',
                      actions: [
                        {
                          type: 'assignTrouble',
                          params: ({ event }) => ({ kind: 'advertising', error: event.error }),
                        },
                        { type: 'forgetPrepared', params: advertising },
                      ],
                    },
                  },
                },
                // A sign-in that sees several advertising accounts: the user picks one (rule 2).
                choosingAccount: {
                  on: {
                    SELECT_ACCOUNT: [
                      {
                        guard: /* @__PURE__ */ and([
                          { type: 'isFor', params: advertising },
                          'isOfferedAccount',
                        ]),
                        target: 'selectingAccount',
                      },
                      {
                        guard: { type: 'isFor', params: advertising },
                        actions: { type: 'refuse', params: { kind: 'advertising', code: 'unknown_account' } },
                      },
                    ],
                    CANCEL: {
                      guard: { type: 'isFor', params: advertising },
                      target: '#advertising.idle',
                      actions: 'forgetAccountChoice',
                    },
                  },
                },
                selectingAccount: {
                  invoke: {
                    id: 'advertising.selectAccount',
                    src: 'selectAccount',
                    input: ({ context, event }) => accountRequest(context, event),
                    onDone: {
                      target: '#advertising.idle',
                      actions: [
                        { type: 'assignStatus', params: ({ event }) => event.output },
                        { type: 'noteReconnectAfterSlow', params: { kind: 'advertising', outcome: null } },
                        { type: 'finishSignIn', params: { kind: 'advertising', outcome: null } },
                        'forgetAccountChoice',
                        'announceStatusChange',
                      ],
                    },
                    onError: {
                      target: '#advertising.failed',
                      actions: [
                        {
                          type: 'assignTrouble',
                          params: ({ event }) => ({ kind: 'advertising', error: event.error }),
                        },
                        'forgetAccountChoice',
                      ],
                    },
                  },
                },
              },
            },
            confirmingDisconnect: {
              on: {
                CONFIRM_DISCONNECT: {
                  guard: { type: 'isFor', params: advertising },
                  target: '#advertising.disconnecting',
                },
                CANCEL: {
                  guard: { type: 'isFor', params: advertising },
                  target: '#advertising.idle.history',
                },
              },
            },
            disconnecting: {
              invoke: {
                id: 'advertising.disconnect',
                src: 'disconnect',
                input: ({ context }) => ({ deps: context.deps, kind: 'advertising' as const }),
                onDone: {
                  target: '#advertising.idle',
                  actions: [
                    { type: 'assignStatus', params: ({ event }) => event.output },
                    'announceStatusChange',
                  ],
                },
                onError: {
                  target: '#advertising.failed',
                  actions: {
                    type: 'assignDisconnectTrouble',
                    params: ({ event }) => ({ kind: 'advertising', error: event.error }),
                  },
                },
              },
            },
            failed: {
              on: commands('advertising', '#advertising.confirmingDisconnect', {
                DISMISS: {
                  guard: { type: 'isFor', params: advertising },
                  target: '#advertising.idle',
                  actions: { type: 'clearTrouble', params: advertising },
                },
              }),
            },
          },
        },
        // ── Seller Central: a layer of the Advertising account (rule 1), disconnected at once (rule 3) ──
        sellerCentral: {
          id: 'sellerCentral',
          initial: 'idle',
          // Any other command for sellerCentral while it is busy (signing in, disconnecting): refused.
          on: refusedWhileBusy('sellerCentral'),
          states: {
            idle: {
              initial: 'resolving',
              on: commands('sellerCentral', '#sellerCentral.disconnecting'),
              states: {
                resolving: {
                  always: [
                    {
                      guard: { type: 'hasCallbackFor', params: sellerCentral },
                      target: '#sellerCentral.authorizing.exchanging',
                    },
                    { guard: { type: 'isConnected', params: sellerCentral }, target: 'connected' },
                    { target: 'disconnected' },
                  ],
                },
                disconnected: {
                  always: { guard: { type: 'isConnected', params: sellerCentral }, target: 'connected' },
                },
                connected: {
                  initial: 'resolving',
                  always: {
                    guard: /* @__PURE__ */ not({ type: 'isConnected', params: sellerCentral }),
                    target: 'disconnected',
                  },
                  states: {
                    resolving: {
                      always: [
                        { guard: { type: 'isStale', params: sellerCentral }, target: 'stale' },
                        { guard: { type: 'isDataReady', params: sellerCentral }, target: 'ready' },
                        { target: 'populating' },
                      ],
                    },
                    populating: {
                      initial: 'waiting',
                      always: [
                        { guard: { type: 'isStale', params: sellerCentral }, target: 'stale' },
                        {
                          guard: { type: 'isDataReady', params: sellerCentral },
                          target: 'ready',
                          actions: { type: 'clearSlow', params: sellerCentral },
                        },
                      ],
                      states: {
                        waiting: {
                          after: {
                            sellerCentralDataWait: [
                              {
                                guard: { type: 'reconnectedAfterSlow', params: sellerCentral },
                                target: 'stillSlow',
                              },
                              { target: 'slow' },
                            ],
                          },
                        },
                        slow: { entry: { type: 'noteDataSlow', params: sellerCentral } },
                        stillSlow: {},
                      },
                    },
                    ready: {
                      always: [
                        { guard: { type: 'isStale', params: sellerCentral }, target: 'stale' },
                        { guard: { type: 'isPopulating', params: sellerCentral }, target: 'populating' },
                      ],
                    },
                    stale: {
                      always: {
                        guard: /* @__PURE__ */ not({ type: 'isStale', params: sellerCentral }),
                        target: 'resolving',
                      },
                    },
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
                    id: 'sellerCentral.prepareSignIn',
                    src: 'prepareSignIn',
                    input: ({ context }) => signInRequest(context, 'sellerCentral'),
                    onDone: [
                      {
                        guard: /* @__PURE__ */ and([
                          { type: 'wantsToConnect', params: sellerCentral },
                          'usesPopup',
                        ]),
                        target: 'popup',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'sellerCentral', prepared: event.output }),
                        },
                      },
                      {
                        guard: { type: 'wantsToConnect', params: sellerCentral },
                        target: 'redirecting',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'sellerCentral', prepared: event.output }),
                        },
                      },
                      {
                        target: 'prepared',
                        actions: {
                          type: 'assignPrepared',
                          params: ({ event }) => ({ kind: 'sellerCentral', prepared: event.output }),
                        },
                      },
                    ],
                    onError: {
                      target: '#sellerCentral.failed',
                      actions: {
                        type: 'assignTrouble',
                        params: ({ event }) => ({ kind: 'sellerCentral', error: event.error }),
                      },
                    },
                  },
                  on: {
                    CONNECT: [
                      {
                        // Another region's sign-in: prepared again for that region (its URL and `state` are bound to
                        // their region) when the rules allow it, else refused with the rule's reason.
                        guard: /* @__PURE__ */ and([
                          'isForAnotherRegion',
                          { type: 'canConnect', params: sellerCentral },
                        ]),
                        target: '#sellerCentral.authorizing',
                        reenter: true,
                        actions: [
                          { type: 'forgetPrepared', params: sellerCentral },
                          { type: 'setIntent', params: { kind: 'sellerCentral', intent: 'connect' } },
                        ],
                      },
                      {
                        guard: 'isForAnotherRegion',
                        actions: { type: 'refuseByRules', params: sellerCentral },
                      },
                      {
                        guard: { type: 'isFor', params: sellerCentral },
                        actions: { type: 'setIntent', params: { kind: 'sellerCentral', intent: 'connect' } },
                      },
                    ],
                    CANCEL: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: '#sellerCentral.idle',
                    },
                  },
                },
                prepared: {
                  // Seller Central needs Advertising (rule 1): a sign-in prepared before it went away is dropped.
                  always: [
                    {
                      guard: 'isAdvertisingMissing',
                      target: '#sellerCentral.idle',
                      actions: { type: 'forgetPrepared', params: sellerCentral },
                    },
                  ],
                  after: {
                    preparedTtl: {
                      target: '#sellerCentral.idle',
                      actions: { type: 'forgetPrepared', params: sellerCentral },
                    },
                  },
                  on: {
                    CONNECT: [
                      // The prepared URL is for one region: another region's sign-in never reuses it.
                      {
                        // Another region's sign-in: prepared again for that region (its URL and `state` are bound to
                        // their region) when the rules allow it, else refused with the rule's reason.
                        guard: /* @__PURE__ */ and([
                          'isForAnotherRegion',
                          { type: 'canConnect', params: sellerCentral },
                        ]),
                        target: '#sellerCentral.authorizing',
                        reenter: true,
                        actions: [
                          { type: 'forgetPrepared', params: sellerCentral },
                          { type: 'setIntent', params: { kind: 'sellerCentral', intent: 'connect' } },
                        ],
                      },
                      {
                        guard: 'isForAnotherRegion',
                        actions: { type: 'refuseByRules', params: sellerCentral },
                      },
                      {
                        guard: /* @__PURE__ */ and([{ type: 'isFor', params: sellerCentral }, 'usesPopup']),
                        target: 'popup',
                      },
                      { guard: { type: 'isFor', params: sellerCentral }, target: 'redirecting' },
                    ],
                    CANCEL: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: '#sellerCentral.idle',
                      actions: { type: 'forgetPrepared', params: sellerCentral },
                    },
                  },
                },
                redirecting: {
                  entry: [
                    { type: 'saveTransaction', params: { kind: 'sellerCentral', mode: 'redirect' } },
                    { type: 'redirectToAmazon', params: sellerCentral },
                  ],
                },
                popup: {
                  entry: { type: 'saveTransaction', params: { kind: 'sellerCentral', mode: 'popup' } },
                  invoke: {
                    id: 'sellerCentral.popupWatcher',
                    src: 'popupWatcher',
                    input: ({ context }) => popupRequest(context, 'sellerCentral'),
                  },
                  on: {
                    POPUP_CALLBACK: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: 'exchanging',
                      actions: 'assignPopupCallback',
                    },
                    POPUP_BLOCKED: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: 'redirecting',
                      actions: { type: 'notePopupBlocked', params: sellerCentral },
                    },
                    POPUP_CLOSED: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: '#sellerCentral.idle',
                      actions: [
                        { type: 'forgetPrepared', params: sellerCentral },
                        { type: 'forgetTransaction', params: sellerCentral },
                      ],
                    },
                    CANCEL: {
                      guard: { type: 'isFor', params: sellerCentral },
                      target: '#sellerCentral.idle',
                      actions: [
                        { type: 'forgetPrepared', params: sellerCentral },
                        { type: 'forgetTransaction', params: sellerCentral },
                      ],
                    },
                  },
                },
                exchanging: {
                  exit: 'forgetCallback',
                  invoke: {
                    id: 'sellerCentral.completeCallback',
                    src: 'completeCallback',
                    input: ({ context }) => callbackRequest(context),
                    onDone: [
                      {
                        guard: { type: 'isHandedOff', params: ({ event }) => event.output },
                        target: '#sellerCentral.idle',
                      },
                      {
                        target: '#sellerCentral.idle',
                        actions: [
                          { type: 'assignStatusAfterCallback', params: ({ event }) => event.output },
                          {
                            type: 'noteReconnectAfterSlow',
                            params: ({ event }) => ({ kind: 'sellerCentral', outcome: event.output }),
                          },
                          {
                            type: 'finishSignIn',
                            params: ({ event }) => ({ kind: 'sellerCentral', outcome: event.output }),
                          },
                          { type: 'forgetPrepared', params: sellerCentral },
                          'announceStatusChange',
                        ],
                      },
                    ],
                    onError: {
                      target: '#sellerCentral.failed',
                      actions: [
                        {
                          type: 'assignTrouble',
                          params: ({ event }) => ({ kind: 'sellerCentral', error: event.error }),
                        },
                        { type: 'forgetPrepared', params: sellerCentral },
                      ],
                    },
                  },
                },
              },
            },
            disconnecting: {
              invoke: {
                id: 'sellerCentral.disconnect',
                src: 'disconnect',
                input: ({ context }) => ({
                  deps: context.deps,
                  kind: 'sellerCentral' as const,
                  region: context.region,
                }),
                onDone: {
                  target: '#sellerCentral.idle',
                  actions: [
                    { type: 'assignStatus', params: ({ event }) => event.output },
                    'announceStatusChange',
                  ],
                },
                onError: {
                  target: '#sellerCentral.failed',
                  actions: {
                    type: 'assignDisconnectTrouble',
                    params: ({ event }) => ({ kind: 'sellerCentral', error: event.error }),
                  },
                },
              },
            },
            failed: {
              on: commands('sellerCentral', '#sellerCentral.disconnecting', {
                DISMISS: {
                  guard: { type: 'isFor', params: sellerCentral },
                  target: '#sellerCentral.idle',
                  actions: { type: 'clearTrouble', params: sellerCentral },
                },
              }),
            },
          },
        },
      },
    },
  },
});

// ── Implementations: what the names in the chart do ──────────────────────────────────────────────────────────

type KindParams = { readonly kind: ConnectionKind };
type ErrorParams = { readonly kind: ConnectionKind; readonly error: unknown };
/** The finished sign-in's outcome; `null` after an account choice, whose transaction the context keeps. */
type SignInParams = { readonly kind: ConnectionKind; readonly outcome: CallbackOutcome | null };

/**
 * The machine's implementations, by name: its actors, guards, actions and delays. A function declaration (hoisted)
 * so the chart can come first in this file; hosts and tests may swap any of them with
 * `connectionsMachine.provide(...)`.
 */
/* @__NO_SIDE_EFFECTS__ */
function implementations() {
  return setup({
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
      nothingTakenInSincePoll: ({ context }) => context.pollEpoch === context.statusEpoch,
      // Before the status has loaded, the saved choice is restored as it is (the view falls back to home if needed).
      isAccountMarketplace: ({ context, event }) =>
        event.type === 'SELECT_MARKETPLACE' &&
        (context.status === null || isAccountMarketplace(context.status, event.marketplace)),
      isFor: ({ event }, { kind }: KindParams) => eventKind(event) === kind,
      canConnect: ({ context, event }, { kind }: KindParams) =>
        eventKind(event) === kind && whyConnectRefused(context, kind, eventRegion(event)) === null,
      canDisconnect: ({ context, event }, { kind }: KindParams) =>
        eventKind(event) === kind && whyDisconnectRefused(context, kind, eventRegion(event)) === null,
      // A command naming no region goes on with the sign-in under way, whichever region it is for.
      isForAnotherRegion: ({ context, event }) =>
        eventKind(event) === 'sellerCentral' &&
        eventRegion(event) !== null &&
        eventRegion(event) !== context.region,
      hasCallbackFor: ({ context }, { kind }: KindParams) => context.callback?.kind === kind,
      isConnected: ({ context }, { kind }: KindParams) =>
        connectionCondition(context, kind) !== 'disconnected',
      isStale: ({ context }, { kind }: KindParams) => connectionCondition(context, kind) === 'stale',
      isDataReady: ({ context }, { kind }: KindParams) => connectionCondition(context, kind) === 'ready',
      isPopulating: ({ context }, { kind }: KindParams) =>
        connectionCondition(context, kind) === 'populating',
      isAdvertisingMissing: ({ context }) => connectionCondition(context, 'advertising') === 'disconnected',
      // Reconnected once more and still waiting: this tab saw it, or the server counts a second attempt (which
      // survives reloads, other tabs and devices).
      reconnectedAfterSlow: ({ context }, { kind }: KindParams) =>
        context.slow[kind] === 'reconnected' || (context.status?.[kind]?.data.attempt ?? 1) > 1,
      wantsToConnect: ({ context }, { kind }: KindParams) => context.intent[kind] === 'connect',
      usesPopup: ({ context }) => context.deps.settings.mode === 'popup',
      isHandedOff: (_, outcome: CallbackOutcome) => outcome.type === 'handed_off',
      mustChooseAccount: (_, outcome: CallbackOutcome) => outcome.type === 'choose_account',
      isOfferedAccount: ({ context, event }) =>
        event.type === 'SELECT_ACCOUNT' &&
        (context.accountChoice?.accounts.some((account) => account.id === event.accountId) ?? false),
    },
    actions: {
      assignStatus: assign({
        status: (_, status: ConnectionsStatus) => status,
        statusEpoch: ({ context }) => context.statusEpoch + 1,
      }),
      assignStatusAfterCallback: assign({
        status: ({ context }, outcome: CallbackOutcome) =>
          outcome.type === 'connected' ? outcome.status : context.status,
        statusEpoch: ({ context }) => context.statusEpoch + 1,
      }),
      notePollEpoch: assign({ pollEpoch: ({ context }) => context.statusEpoch }),
      assignLoadTrouble: assign({ loadTrouble: (_, { error }: { error: unknown }) => troubleOf(error) }),
      clearLoadTrouble: assign({ loadTrouble: null }),
      assignTrouble: assign({
        troubles: ({ context }, { kind, error }: ErrorParams) =>
          withKind(context.troubles, kind, { ...troubleOf(error), during: 'sign_in' }),
      }),
      assignDisconnectTrouble: assign({
        troubles: ({ context }, { kind, error }: ErrorParams) =>
          withKind(context.troubles, kind, { ...troubleOf(error), during: 'disconnect' }),
      }),
      clearTrouble: assign({
        troubles: ({ context }, { kind }: KindParams) => withKind(context.troubles, kind, null),
      }),
      setIntent: assign({
        intent: ({ context }, { kind, intent }: { kind: ConnectionKind; intent: 'prepare' | 'connect' }) =>
          withKind(context.intent, kind, intent),
        // Seller Central's commands name their region (or none: the default region, the whole layer).
        region: ({ context, event }) =>
          eventKind(event) === 'sellerCentral' ? eventRegion(event) : context.region,
        refusal: null,
      }),
      refuseByRules: assign({
        refusal: ({ context, event }, { kind }: KindParams) => {
          const code =
            event.type === 'DISCONNECT'
              ? whyDisconnectRefused(context, kind, eventRegion(event))
              : whyConnectRefused(context, kind, eventRegion(event));
          return refusalOf(event, kind, code ?? 'not_available');
        },
      }),
      refuse: assign({
        refusal: ({ event }, { kind, code }: { kind: ConnectionKind; code: BlockCode }) =>
          refusalOf(event, kind, code),
      }),
      refuseNotReady: assign({
        refusal: ({ event }) => {
          const kind = eventKind(event);
          return kind === null ? null : refusalOf(event, kind, 'not_ready');
        },
      }),
      assignPrepared: assign({
        prepared: ({ context }, { kind, prepared }: { kind: ConnectionKind; prepared: PreparedSignIn }) =>
          withKind(context.prepared, kind, prepared),
      }),
      forgetPrepared: assign({
        prepared: ({ context }, { kind }: KindParams) => withKind(context.prepared, kind, null),
      }),
      saveTransaction: ({ context }, { kind, mode }: { kind: ConnectionKind; mode: SignInMode }) => {
        const prepared = preparedFor(context, kind);
        const { store, environment } = context.deps;
        store.save({
          kind,
          state: prepared.state,
          returnTo: prepared.returnTo,
          attempt: store.failures(kind) + 1,
          startedAt: environment.now(),
          expiresAt: prepared.expiresAt,
          mode,
          afterDataSlow: context.slow[kind] !== 'none',
        });
      },
      forgetTransaction: ({ context }, { kind }: KindParams) => context.deps.store.clear(kind),
      redirectToAmazon: ({ context }, { kind }: KindParams) =>
        context.deps.environment.redirect(preparedFor(context, kind).authorizeUrl),
      notePopupBlocked: assign({
        popupBlocked: ({ context }, { kind }: KindParams) => withKind(context.popupBlocked, kind, true),
      }),
      assignPopupCallback: assign({
        callback: ({ event }) =>
          event.type === 'POPUP_CALLBACK'
            ? { kind: event.kind, parsed: event.callback, fromPopup: true }
            : null,
      }),
      forgetCallback: assign({ callback: null }),
      selectMarketplace: assign({
        marketplace: ({ context, event }) =>
          event.type === 'SELECT_MARKETPLACE' ? event.marketplace : context.marketplace,
      }),
      saveMarketplace: ({ context }) => {
        if (context.marketplace !== null)
          saveMarketplaceChoice(context.deps.environment.storage, context.marketplace);
      },
      assignAccountChoice: assign({
        accountChoice: (_, outcome: CallbackOutcome) =>
          outcome.type === 'choose_account'
            ? { state: outcome.state, accounts: outcome.accounts, transaction: outcome.transaction }
            : null,
      }),
      forgetAccountChoice: assign({ accountChoice: null }),
      finishSignIn: ({ context }, { kind, outcome }: SignInParams) => {
        const transaction = signInTransaction(context, outcome);
        const { store, environment, settings } = context.deps;
        store.clear(kind);
        store.resetFailures(kind);
        if (transaction && transaction.mode === 'redirect' && isSafeReturnPath(transaction.returnTo)) {
          (settings.onReturn ?? environment.replaceUrl)(transaction.returnTo);
        }
      },
      noteReconnectAfterSlow: assign({
        slow: ({ context }, { kind, outcome }: SignInParams) => {
          const afterSlow =
            signInTransaction(context, outcome)?.afterDataSlow === true || context.slow[kind] !== 'none';
          return withKind(context.slow, kind, afterSlow ? 'reconnected' : 'none');
        },
      }),
      noteDataSlow: assign({
        slow: ({ context }, { kind }: KindParams) =>
          context.slow[kind] === 'none' ? withKind(context.slow, kind, 'advised') : context.slow,
      }),
      clearSlow: assign({
        slow: ({ context }, { kind }: KindParams) => withKind(context.slow, kind, 'none'),
      }),
      markStale: assign({
        staleMarks: ({ context, event }) => {
          if (event.type !== 'STALE_DETECTED') return context.staleMarks;
          // An answer about a connection that a reconnect has replaced since says nothing about the new one. Seller
          // Central's mark names one region's authorisation: only that region's figures stop.
          const current =
            event.kind === 'sellerCentral'
              ? sellerCentralRegions(context.status).map((entry) => entry.connectedAt)
              : [context.status?.advertising?.connectedAt];
          if (!current.includes(event.connectedAt)) return context.staleMarks;
          return withKind(context.staleMarks, event.kind, event.connectedAt);
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
}

// ── Helpers (function declarations: the chart at the top runs before any `const` below would exist) ─────────

// Transitions both regions have, written once: a change to them reaches both connections.

/** The guard "this command is for `kind`". */
/* @__NO_SIDE_EFFECTS__ */
function isFor(kind: ConnectionKind) {
  return { type: 'isFor', params: { kind } } as const;
}

/**
 * A region's commands while it is busy (signing in, disconnecting), unless a state takes them: a new sign-in or
 * disconnect is refused as `in_progress`, any other command as `not_available`.
 */
/* @__NO_SIDE_EFFECTS__ */
function refusedWhileBusy(kind: ConnectionKind) {
  const refuse = (code: BlockCode) =>
    ({ guard: isFor(kind), actions: { type: 'refuse', params: { kind, code } } }) as const;
  return {
    PREPARE: refuse('in_progress'),
    CONNECT: refuse('in_progress'),
    DISCONNECT: refuse('in_progress'),
    CONFIRM_DISCONNECT: refuse('not_available'),
    CANCEL: refuse('not_available'),
    SELECT_ACCOUNT: refuse('not_available'),
    DISMISS: refuse('not_available'),
  };
}

/**
 * A resting region's commands (idle or failed): prepare or connect when the rules allow it (to `authorizing`),
 * disconnect when they allow it (to `disconnectTarget`), each clearing the last trouble; else refused with the
 * rule's reason. `others` are the state's own transitions (failed: DISMISS).
 */
/* @__NO_SIDE_EFFECTS__ */
function commands<Others extends object = object>(
  kind: ConnectionKind,
  disconnectTarget: `#${ConnectionKind}.${string}`,
  others?: Others,
) {
  const allowed = (guard: 'canConnect' | 'canDisconnect', target: string, intent: 'prepare' | 'connect') =>
    [
      {
        guard: { type: guard, params: { kind } },
        target,
        actions: [
          { type: 'clearTrouble', params: { kind } },
          { type: 'setIntent', params: { kind, intent } },
        ],
      },
      { guard: isFor(kind), actions: { type: 'refuseByRules', params: { kind } } },
    ] as const;
  return {
    ...(others as Others),
    PREPARE: allowed('canConnect', `#${kind}.authorizing`, 'prepare'),
    CONNECT: allowed('canConnect', `#${kind}.authorizing`, 'connect'),
    DISCONNECT: allowed('canDisconnect', disconnectTarget, 'connect'),
  };
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
    // Restored by createConnections when it starts (after hydration: the server's HTML shows the home marketplace).
    marketplace: null,
    region: null,
    statusEpoch: 0,
    pollEpoch: 0,
  };
}

function depsInput({ context }: { context: ConnectionsContext }) {
  return { deps: context.deps };
}

function signInRequest(context: ConnectionsContext, kind: ConnectionKind) {
  const { deps } = context;
  const region = kind === 'sellerCentral' ? context.region : null;
  return { deps, kind, region, returnTo: currentReturnPath(deps.environment, deps.settings.returnTo) };
}

function popupRequest(context: ConnectionsContext, kind: ConnectionKind) {
  const prepared = preparedFor(context, kind);
  return { deps: context.deps, kind, url: prepared.authorizeUrl, state: prepared.state };
}

function callbackRequest(context: ConnectionsContext) {
  const callback = context.callback;
  if (!callback) throw new Error('No callback to complete');
  return { deps: context.deps, callback };
}

function accountRequest(context: ConnectionsContext, event: ConnectionsEvent) {
  return {
    deps: context.deps,
    state: context.accountChoice?.state ?? '',
    accountId: event.type === 'SELECT_ACCOUNT' ? event.accountId : '',
  };
}

/** The command a refused event was, for {@link Refusal.command}. */
function commandOf(event: ConnectionsEvent): CommandName {
  switch (event.type) {
    case 'PREPARE':
      return 'prepare';
    case 'DISCONNECT':
      return 'disconnect';
    case 'CONFIRM_DISCONNECT':
      return 'confirmDisconnect';
    case 'CANCEL':
      return 'cancel';
    case 'SELECT_ACCOUNT':
      return 'selectAccount';
    case 'DISMISS':
      return 'dismiss';
    default:
      return 'connect';
  }
}

/** An actor's error as a {@link Trouble}. */
function troubleOf(error: unknown): Trouble {
  const { code, message, retryable } = toConnectionsError(error);
  return { code, message, retryable };
}

function withKind<T>(record: PerKind<T>, kind: ConnectionKind, value: T): PerKind<T> {
  return { ...record, [kind]: value };
}

function eventKind(event: ConnectionsEvent): ConnectionKind | null {
  return 'kind' in event ? event.kind : null;
}

/** The Seller Central region a command names, `null` for none. */
function eventRegion(event: ConnectionsEvent): AmazonRegion | null {
  return ('region' in event && event.region) || null;
}

/** The refusal of `event` (a command) for `kind`, with the rule's or the state's `code`. */
function refusalOf(event: ConnectionsEvent, kind: ConnectionKind, code: BlockCode): Refusal {
  return { kind, command: commandOf(event), code, message: blockMessage(code) };
}

/** The transaction a finished sign-in belongs to: from the callback's outcome, else from the account choice. */
function signInTransaction(
  context: ConnectionsContext,
  outcome: CallbackOutcome | null,
): PendingTransaction | null {
  return outcome && outcome.type !== 'handed_off'
    ? outcome.transaction
    : (context.accountChoice?.transaction ?? null);
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
