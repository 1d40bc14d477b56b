// Generates docs/reference.md: every value a host must know, from the engine's own catalogues and behaviour.
// Runtime lists (errorCatalogue, metricCatalogue, featureCatalogue, connectionLabels, blockMessage) are read as they
// are; the next step of each trouble is what the engine's view model says when a sign-in or a disconnect fails with
// that code (driven through createConnections with a scripted transport). Values that exist only as TypeScript
// unions (condition, activity, next step, command, refusal-only codes) are listed here with `satisfies` checks, so
// a new or renamed member fails the typecheck until this page describes it.
import {
  type BlockCode,
  blockMessage,
  type CommandName,
  type ConnectionActivity,
  type ConnectionCondition,
  type ConnectionConditions,
  type ConnectionKind,
  ConnectionsError,
  type ConnectionsStatus,
  type ConnectionsView,
  connectionLabels,
  createConnections,
  createMemoryEnvironment,
  type ErrorCode,
  errorCatalogue,
  errorCodes,
  featureAvailability,
  featureCatalogue,
  featureIds,
  type MetricAvailability,
  metricAvailability,
  metricCatalogue,
  metricKeys,
  type NextStep,
  type Transport,
  type TroubleView,
} from '@smart-ads/core';

/** Fails the typecheck unless `List` names every member of `Union` (and nothing else). */
type Covers<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never]
  ? List
  : never;

const conditions = {
  disconnected:
    'Not connected (Seller Central also counts as disconnected while Amazon Advertising is not connected).',
  populating:
    'Connected; Amazon has not delivered data yet. Its figures show "Populating…" (never a dash, never 0); features run.',
  ready: 'Connected, data has arrived.',
  stale:
    'Stopped working on Amazon’s side (password changed, access revoked): its figures show a dash, its features stop; the action is to reconnect.',
} satisfies Record<ConnectionCondition, string>;

const activities = {
  loading: 'The status has not loaded yet (every command answers `not_ready`).',
  idle: 'Nothing in progress.',
  preparing: 'Fetching the Amazon sign-in URL from the server half.',
  prepared: 'The sign-in URL is ready: the click opens Amazon at once (popup mode prepares ahead).',
  redirecting: 'Sending the page to Amazon’s sign-in.',
  popup: 'The Amazon sign-in is open in a popup.',
  exchanging: 'Back from Amazon: the server half exchanges the code.',
  choosing_account:
    'The sign-in sees several advertising accounts: `accounts` lists them, `selectAccount(id)` picks one.',
  selecting_account: 'Connecting the chosen advertising account.',
  confirming_disconnect:
    'The Amazon Advertising disconnect waits for the prompt (`confirmation`): `confirmDisconnect()` or `cancel()`.',
  disconnecting: 'The disconnect request is on its way.',
  failed: 'The last sign-in or disconnect failed: `trouble` says why and what to do; `dismiss()` clears it.',
} satisfies Record<ConnectionActivity, string>;

const nextSteps = {
  retry:
    'Offer the same action again (a new sign-in, or the disconnect again when `trouble.during` is `disconnect`).',
  reconnect: 'Offer “Reconnect”: a new sign-in replaces the stale authorisation.',
  disconnect_and_reconnect: 'Suggest disconnecting and reconnecting once more (slow data).',
  contact_support: 'Show the host’s support link (`trouble.supportUrl`, from the `supportUrl` setting).',
  disconnect_current_first: 'One account per subscription: the current account must be disconnected first.',
  connect_advertising_first: 'Seller Central is a layer of Amazon Advertising: connect that first.',
  wait: 'Nothing the user can do from here (e.g. the session has no subscription): show the message.',
} satisfies Record<NextStep, string>;

const commands = {
  prepare: 'Fetch the sign-in URL ahead of the click (popup mode).',
  connect: 'Connect, or reconnect a stale connection: go to Amazon’s sign-in.',
  disconnect: 'Seller Central: disconnect at once. Amazon Advertising: open the confirmation prompt.',
  confirmDisconnect:
    'Amazon Advertising: confirm the prompt (removes the account and its Seller Central layer).',
  cancel: 'Close the prompt, the account choice, or a sign-in that has not come back.',
  selectAccount: 'Pick one of `accounts` after a sign-in that sees several.',
  dismiss: 'Clear a failed step’s `trouble`.',
} satisfies Record<CommandName, string>;

const refusalOnlyCodes = [
  'already_connected',
  'in_progress',
  'not_ready',
  'not_available',
  'unknown_account',
  'unknown_marketplace',
] as const;
const refusalCodes: Covers<Exclude<BlockCode, ErrorCode>, typeof refusalOnlyCodes> = refusalOnlyCodes;

const availabilityStates = {
  available: 'Show the value.',
  populating: 'Show “Populating…” (`waitingFor` names the connections whose data has not arrived).',
  unavailable:
    'Show a dash `–` (U+2013) with `message` (`reason`: `disconnected`, `stale` or `not_covered` in the selected marketplace, and `connections`).',
} satisfies Record<MetricAvailability['state'], string>;

const kinds = Object.keys(connectionLabels) as ConnectionKind[];
const allConditions = Object.keys(conditions) as ConnectionCondition[];

// ---------------------------------------------------------------------------------------------------------------
// Next steps, as the engine derives them: a sign-in or a disconnect fails with each code.

const at = '2026-11-26T10:00:00.000Z';
const connectedStatus: ConnectionsStatus = {
  subscription: { accountLimit: 1 },
  advertising: {
    kind: 'advertising',
    health: 'ok',
    account: {
      id: 'ENTITY-1',
      name: 'Shop',
      type: 'seller',
      marketplaces: [{ profileId: '1', countryCode: 'US', marketplaceId: 'ATVPDKIKX0DER', region: 'na' }],
    },
    connectedAt: at,
    data: { state: 'ready', since: at },
  },
  sellerCentral: {
    kind: 'sellerCentral',
    health: 'ok',
    sellingPartnerId: 'A1SELLER',
    region: 'na',
    marketplaces: [{ id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US' }],
    connectedAt: at,
    data: { state: 'ready', since: at },
  },
};
const emptyStatus: ConnectionsStatus = {
  subscription: { accountLimit: 1 },
  advertising: null,
  sellerCentral: null,
};

function scriptedTransport(status: ConnectionsStatus, failWith: ErrorCode): Transport {
  const fail = () => Promise.reject(new ConnectionsError(failWith));
  return {
    getStatus: async () => status,
    authorize: fail,
    callback: fail,
    selectAccount: fail,
    disconnect: fail,
    getMetrics: fail,
  };
}

function settle(
  connections: ReturnType<typeof createConnections>,
  done: (view: ConnectionsView) => boolean,
): Promise<ConnectionsView> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      stop();
      resolve(connections.getView());
    };
    const timer = setTimeout(finish, 2_000);
    const stop = connections.subscribe((view) => {
      if (done(view)) finish();
    });
    if (done(connections.getView())) finish();
  });
}

/** The trouble the view model shows after a sign-in (Amazon Advertising) or a disconnect (Seller Central) fails. */
async function troubleAfter(code: ErrorCode, during: 'sign_in' | 'disconnect'): Promise<TroubleView | null> {
  const kind: ConnectionKind = during === 'sign_in' ? 'advertising' : 'sellerCentral';
  const connections = createConnections({
    transport: scriptedTransport(during === 'sign_in' ? emptyStatus : connectedStatus, code),
    environment: createMemoryEnvironment({ url: 'https://app.example/dashboard' }),
    statusPollMs: 3_600_000,
    dataSlowAfterMs: 3_600_000,
  });
  try {
    await settle(connections, (view) => view.phase !== 'loading');
    const view = connections.getView();
    if (during === 'sign_in') view.advertising.connect();
    else view.sellerCentral.disconnect();
    const after = await settle(connections, (v) => v[kind].activity === 'failed' || v.refusal !== null);
    return after[kind].trouble;
  } finally {
    connections.stop();
  }
}

/** The trouble a connection shows by its condition alone: stale, or data slow to arrive. */
async function conditionTrouble(which: 'stale' | 'slow'): Promise<TroubleView | null> {
  const long = '2020-01-01T00:00:00.000Z';
  const status: ConnectionsStatus =
    which === 'stale'
      ? {
          ...connectedStatus,
          sellerCentral: null,
          advertising: { ...connectedStatus.advertising!, health: 'stale' },
        }
      : {
          ...connectedStatus,
          sellerCentral: {
            ...connectedStatus.sellerCentral!,
            connectedAt: long,
            data: { state: 'populating', since: long },
          },
        };
  const kind: ConnectionKind = which === 'stale' ? 'advertising' : 'sellerCentral';
  const connections = createConnections({
    transport: scriptedTransport(status, 'server_error'),
    environment: createMemoryEnvironment({ url: 'https://app.example/dashboard' }),
    statusPollMs: 3_600_000,
    dataSlowAfterMs: 1,
  });
  try {
    return (await settle(connections, (view) => view[kind].trouble !== null))[kind].trouble;
  } finally {
    connections.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const code = (text: string) => `\`${text}\``;
const requires = (list: readonly ConnectionKind[]) => list.map((kind) => connectionLabels[kind]).join(' + ');

/** Conditions where the connections in `kinds` are `condition` and the others ready. */
function onlyThese(kinds: readonly ConnectionKind[], condition: ConnectionCondition): ConnectionConditions {
  return Object.fromEntries(
    (Object.keys(connectionLabels) as ConnectionKind[]).map((kind) => [
      kind,
      kinds.includes(kind) ? condition : 'ready',
    ]),
  ) as ConnectionConditions;
}

const message = (availability: MetricAvailability | { enabled: boolean; message?: string }) =>
  'message' in availability && availability.message ? availability.message : '';

function shown(availability: MetricAvailability): string {
  if (availability.state === 'available') return 'value';
  return availability.state === 'populating' ? 'Populating…' : '–';
}

/** The whole page. */
export async function referencePage(): Promise<string> {
  const signIn = new Map<ErrorCode, TroubleView | null>();
  const disconnect = new Map<ErrorCode, TroubleView | null>();
  for (const errorCode of errorCodes) {
    signIn.set(errorCode, await troubleAfter(errorCode, 'sign_in'));
    disconnect.set(errorCode, await troubleAfter(errorCode, 'disconnect'));
  }
  const stale = await conditionTrouble('stale');
  const slow = await conditionTrouble('slow');
  const step = (trouble: TroubleView | null | undefined) => (trouble ? code(trouble.nextStep) : '—');

  const combos = allConditions.flatMap((advertising) =>
    allConditions.map((sellerCentral) => ({ advertising, sellerCentral }) as ConnectionConditions),
  );
  const disconnected = Object.fromEntries(
    kinds.map((kind) => [kind, 'disconnected']),
  ) as ConnectionConditions;

  const lines = [
    '# Reference: the values a host must know',
    '',
    '<!-- Generated by docs/reference/reference.ts from @smart-ads/core. Do not edit: run `pnpm run docs`. -->',
    '',
    'Generated from the catalogues and the view model of `@smart-ads/core` (`pnpm run docs` rewrites this page; a',
    'test in `./dev test` fails when it is out of date). Hooks of `@smart-ads/react` hand out the same values.',
    '',
    '## Connections (`ConnectionKind`)',
    '',
    table(
      ['kind', 'label (`connectionLabels`)'],
      kinds.map((kind) => [code(kind), connectionLabels[kind]]),
    ),
    '',
    '## `condition` of a connection (`ConnectionCondition`)',
    '',
    '`view.advertising.condition`, `view.sellerCentral.condition`; `null` while the status loads.',
    '',
    table(
      ['condition', 'meaning'],
      allConditions.map((condition) => [code(condition), conditions[condition]]),
    ),
    '',
    '## `activity` of a connection (`ConnectionActivity`)',
    '',
    table(
      ['activity', 'meaning'],
      (Object.keys(activities) as ConnectionActivity[]).map((activity) => [
        code(activity),
        activities[activity],
      ]),
    ),
    '',
    '## Commands (`CommandName`) and refusals',
    '',
    'Each command of a connection view has an `actions[name]` entry: `{ allowed: true }` or `{ allowed: false, code,',
    'message }`. A refused command also sets `view.refusal` (`{ command, kind, code, message }`); it never does',
    'nothing silently.',
    '',
    table(
      ['command', 'what it does'],
      (Object.keys(commands) as CommandName[]).map((command) => [code(command), commands[command]]),
    ),
    '',
    'Refusal codes besides the error codes below (`BlockCode`), with `blockMessage(code)`:',
    '',
    table(
      ['code', 'message'],
      refusalCodes.map((refusal) => [code(refusal), blockMessage(refusal)]),
    ),
    '',
    '## Next steps (`trouble.nextStep`)',
    '',
    table(
      ['next step', 'what to offer'],
      (Object.keys(nextSteps) as NextStep[]).map((nextStep) => [code(nextStep), nextSteps[nextStep]]),
    ),
    '',
    '## Trouble codes (`ErrorCode`, `errorCatalogue`)',
    '',
    'Every error the engine or the server half reports. `message` is the sentence to show; `retryable` says whether',
    'sending the same request again can succeed. The next step is what `trouble.nextStep` says when a sign-in',
    '(connect or reconnect) or a disconnect fails with that code (`—`: that step does not end in a trouble with',
    'it). The HTTP status of each server answer is in the',
    '[server half’s README](../packages/core/src/server/README.md).',
    '',
    table(
      ['code', 'message', 'retryable', 'next step after a failed sign-in', 'after a failed disconnect'],
      errorCodes.map((errorCode) => [
        code(errorCode),
        errorCatalogue[errorCode].message,
        errorCatalogue[errorCode].retryable ? 'yes' : 'no',
        step(signIn.get(errorCode)),
        step(disconnect.get(errorCode)),
      ]),
    ),
    '',
    'Troubles that come from a connection’s condition, not from a failed step:',
    '',
    table(
      ['code', 'when', 'next step'],
      [
        [code('connection_stale'), 'the connection is `stale`', step(stale)],
        [code('data_slow'), 'data still populating after `dataSlowAfterMs` (15 min by default)', step(slow)],
        [
          code('data_still_slow'),
          'still populating after the user disconnected and reconnected once more (`trouble.supportUrl` is set)',
          step(signIn.get('data_still_slow')),
        ],
      ],
    ),
    '',
    '## Metrics (`metricCatalogue`, `MetricKey`)',
    '',
    table(
      [
        'key',
        'label',
        'format',
        'needs',
        'Amazon data',
        'message when that is not connected',
        'when it is stale',
      ],
      metricKeys.map((key) => {
        const needs = metricCatalogue[key].requires;
        return [
          code(key),
          metricCatalogue[key].label,
          metricCatalogue[key].format,
          requires(needs),
          metricCatalogue[key].sources.map(code).join(', '),
          message(metricAvailability(key, onlyThese(needs, 'disconnected'))),
          message(metricAvailability(key, disconnected)),
          message(metricAvailability(key, onlyThese(needs, 'stale'))),
        ];
      }),
    ),

    '',
    'What each availability state (`view.metrics[key].state`) asks the dashboard to show:',
    '',
    table(
      ['state', 'show'],
      (Object.keys(availabilityStates) as MetricAvailability['state'][]).map((state) => [
        code(state),
        availabilityStates[state],
      ]),
    ),
    '',
    'What every figure shows for each pair of conditions (`metricAvailability`):',
    '',
    table(
      ['Amazon Advertising', 'Seller Central', ...metricKeys.map((key) => metricCatalogue[key].label)],
      combos.map((combo) => [
        combo.advertising,
        combo.sellerCentral,
        ...metricKeys.map((key) => shown(metricAvailability(key, combo))),
      ]),
    ),
    '',
    '## Features (`featureCatalogue`, `FeatureId`)',
    '',
    table(
      ['id', 'label', 'needs', 'message when that is not connected', 'when it is stale'],
      featureIds.map((id) => {
        const needs = featureCatalogue[id].requires;
        return [
          code(id),
          featureCatalogue[id].label,
          requires(needs),
          message(featureAvailability(id, onlyThese(needs, 'disconnected'))),
          message(featureAvailability(id, onlyThese(needs, 'stale'))),
        ];
      }),
    ),
    '',
    'A feature runs while every connection it needs is `populating` or `ready`.',
    '',
    '## `createMemoryStorage()`',
    '',
    'A `KeyValueStorage` (`getItem`, `setItem`, `removeItem`, plus `size`) kept in a `Map`. The engine keeps the',
    'pending sign-in (kind, `state`, where to return, attempt count, whether it follows slow-data advice) and the',
    'codes already spent in the environment’s storage, so that they survive the trip to Amazon: `sessionStorage` in',
    'a browser, this where there is none (Node, SSR, tests). Pass the same instance to',
    '`createMemoryEnvironment({ storage })` for the page that starts a sign-in and the page Amazon sends back to, as',
    'one browser tab would share its `sessionStorage`',
    '([examples/node-embedding](../examples/node-embedding)).',
    '',
  ];
  return lines.join('\n');
}
