import type { SnapshotFrom } from 'xstate';
import { errorCatalogue } from '../contract/error-codes';
import type {
  AccountMarketplace,
  AdvertisingAccount,
  AmazonRegion,
  ConnectionKind,
  DataSource,
} from '../contract/types';
import {
  type ConnectionCondition,
  connectionLabels,
  type FeatureAvailability,
  featuresAvailability,
  type MetricAvailability,
  metricsAvailability,
} from '../metrics/metrics.availability';
import {
  dataSourceKinds,
  dataSources,
  type FeatureId,
  type MetricKey,
  metricCatalogue,
  metricKeys,
} from '../metrics/metrics.catalogue';
import type { SignInMode } from '../oauth/transaction.types';
import type { connectionsMachine } from './connections.machine';
import { isAccountMarketplace, marketplaceMetrics, selectedMarketplace } from './connections.marketplace';
import { regionNames, regionViews, type SellerCentralRegionView } from './connections.regions';
import { blockMessage, connectionConditions, statusForRegion, whyRefused } from './connections.rules';
import type {
  BlockCode,
  CommandName,
  ConnectionActivity,
  ConnectionsContext,
  ConnectionsEvent,
  Refusal,
  Trouble,
} from './connections.types';

/**
 * A snapshot of the connections machine.
 *
 * @example
 * ```ts
 * const snapshot: ConnectionsSnapshot = connections.getSnapshot();
 * ```
 */
export type ConnectionsSnapshot = SnapshotFrom<typeof connectionsMachine>;

/**
 * How the view model sends events (an actor's `send`).
 *
 * @example
 * ```ts
 * const send: ConnectionsSend = (event) => actor.send(event);
 * ```
 */
export type ConnectionsSend = (event: ConnectionsEvent) => void;

/**
 * Whether a command can run now, and why not.
 *
 * @example
 * ```ts
 * const state: ActionState = view.advertising.actions.connect;
 * if (!state.allowed) tooltip(state.message);
 * ```
 */
export type ActionState =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: BlockCode; readonly message: string };

/**
 * What a command did: sent, or refused with the reason (it is never silently dropped).
 *
 * @example
 * ```ts
 * const result: CommandResult = view.sellerCentral.connect();
 * if (!result.ok) toast(result.message);
 * ```
 */
export type CommandResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: BlockCode; readonly message: string };

/**
 * What the user should do about a trouble.
 *
 * @example
 * ```ts
 * if (view.sellerCentral.trouble?.nextStep === 'contact_support') showSupportLink();
 * ```
 */
export type NextStep =
  | 'retry'
  | 'reconnect'
  | 'disconnect_and_reconnect'
  | 'contact_support'
  | 'disconnect_current_first'
  | 'connect_advertising_first'
  | 'wait';

/**
 * A trouble shown to the user, with the next step and, for `data_still_slow`, the host's support link.
 *
 * @example
 * ```ts
 * const trouble: TroubleView | null = view.advertising.trouble;
 * if (trouble) alert(`${trouble.message} (${trouble.code})`);
 * ```
 */
export interface TroubleView extends Trouble {
  readonly nextStep: NextStep;
  readonly supportUrl: string | null;
}

/**
 * The rule 4 confirmation prompt.
 *
 * @example
 * ```ts
 * const prompt: DisconnectConfirmation | null = view.advertising.confirmation;
 * if (prompt && confirm(prompt.message)) view.advertising.confirmDisconnect();
 * ```
 */
export interface DisconnectConfirmation {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
}

/**
 * What can be done for one Seller Central region: sign in for it (a region not authorised yet, or a stale one) and
 * remove it.
 *
 * @example
 * ```ts
 * const europe: RegionActions = view.sellerCentral.regionActions.eu;
 * if (europe.connect.allowed) view.sellerCentral.connect('eu');
 * ```
 */
export interface RegionActions {
  readonly connect: ActionState;
  readonly disconnect: ActionState;
}

/**
 * One marketplace of the account (see {@link AccountMarketplace}) with its region's name and whether Seller
 * Central can be signed in for its region from here: allowed while Seller Central is connected but not for that
 * region (or stale there), refused with the reason otherwise (`advertising_required`, `not_connected`,
 * `already_connected`, `in_progress`).
 *
 * @example
 * ```ts
 * const germany = view.marketplaces.find((m) => m.countryCode === 'DE');
 * if (germany?.actions.connectSellerCentral.allowed) {
 *   // "Connect Seller Central for Europe"
 *   view.sellerCentral.connect(germany.region);
 * }
 * ```
 */
export interface MarketplaceView extends AccountMarketplace {
  /** The name of the marketplace's region, e.g. 'Europe'. */
  readonly regionName: string;
  readonly actions: { readonly connectSellerCentral: ActionState };
}

/**
 * Everything a UI needs for one connection.
 *
 * @example
 * ```ts
 * const ads: ConnectionView = view.advertising;
 * ads.condition; // 'ready'
 * ```
 */
export interface ConnectionView {
  readonly kind: ConnectionKind;
  /** 'Amazon Advertising' or 'Seller Central'. */
  readonly label: string;
  /** `null` until the status has loaded. */
  readonly condition: ConnectionCondition | null;
  readonly activity: ConnectionActivity;
  /** The Advertising account's name, or the selling partner id for Seller Central. */
  readonly accountName: string | null;
  /** Country codes of the marketplaces the connection covers. */
  readonly marketplaces: readonly string[];
  /** The accounts to choose from after a sign-in that sees several (Advertising). */
  readonly accounts: readonly AdvertisingAccount[];
  readonly confirmation: DisconnectConfirmation | null;
  readonly trouble: TroubleView | null;
  /** Which commands can run now and why not. */
  readonly actions: { readonly [C in CommandName]: ActionState };
  /** Seller Central's authorised regions (one authorisation each); `[]` for Advertising and while disconnected. */
  readonly regions: readonly SellerCentralRegionView[];
  /** Per Amazon region, whether Seller Central can be signed in for it or removed from it now, and why not. */
  readonly regionActions: { readonly [R in AmazonRegion]: RegionActions };
  /** The Seller Central region the sign-in or disconnect under way is for; `null` for none or the default. */
  readonly pendingRegion: AmazonRegion | null;
  /** Prepares the sign-in (popup mode), for a Seller Central `region` or the default one. */
  prepare(region?: AmazonRegion): CommandResult;
  /** Signs in; for Seller Central, `region` adds (or, stale, renews) that region's authorisation. */
  connect(region?: AmazonRegion): CommandResult;
  /** Disconnects; for Seller Central, `region` removes that region only (the whole layer without it). */
  disconnect(region?: AmazonRegion): CommandResult;
  confirmDisconnect(): CommandResult;
  cancel(): CommandResult;
  selectAccount(accountId: string): CommandResult;
  dismiss(): CommandResult;
}

/**
 * The whole view model.
 *
 * @example
 * ```ts
 * const view: ConnectionsView = connections.getView();
 * view.metrics.totalSales.state; // 'unavailable' while Seller Central is disconnected
 * ```
 */
export interface ConnectionsView {
  readonly phase: 'loading' | 'load_failed' | 'ready';
  readonly loadTrouble: Trouble | null;
  /** The plan's Advertising account limit (rule 2), once loaded. */
  readonly accountLimit: number | null;
  readonly advertising: ConnectionView;
  readonly sellerCentral: ConnectionView;
  /**
   * Every figure's availability (rules 1, 3, 4, 5, 6) in the selected marketplace: a connection that does not
   * cover it makes its figures `unavailable` with the reason `not_covered` and the status's sentence.
   */
  readonly metrics: { readonly [K in MetricKey]: MetricAvailability };
  /**
   * The connected account's marketplaces, home first, with what each connection covers there (`[]` until the
   * status has loaded, and from servers before marketplaces), each with whether Seller Central can be signed in
   * for its region.
   */
  readonly marketplaces: readonly MarketplaceView[];
  /**
   * The marketplace the figures are for: a `marketplaceId` of {@link ConnectionsView.marketplaces}, `'all'`, or
   * `null` while none is listed. The seller's choice survives reloads and the sign-in round trip; a choice that is
   * no longer one of the account's marketplaces falls back to the home marketplace.
   */
  readonly selectedMarketplace: string | null;
  /**
   * Shows another marketplace (a `marketplaceId` or `'all'`); refused with `unknown_marketplace` for anything
   * else, `not_ready` before the status has loaded.
   */
  selectMarketplace(marketplace: string): CommandResult;
  /** Every optimiser feature, enabled or disabled with a reason. */
  readonly features: { readonly [F in FeatureId]: FeatureAvailability };
  /** The last command the machine refused, and why. */
  readonly refusal: Refusal | null;
  /** How Amazon's sign-in is shown (`mode` setting): with `'popup'`, prepare the sign-in before the click. */
  readonly signInMode: SignInMode;
  /** The connection whose Amazon callback this page was loaded with (the redirect-URI page), else `null`. */
  readonly callbackKind: ConnectionKind | null;
  retryLoad(): CommandResult;
  refresh(): void;
}

const allowed: ActionState = { allowed: true };
const blocked = (code: BlockCode): ActionState => ({ allowed: false, code, message: blockMessage(code) });
const refused = (code: BlockCode): CommandResult => ({ ok: false, code, message: blockMessage(code) });

type StateMatch = Parameters<ConnectionsSnapshot['matches']>[0];
type ReadyMatch = Exclude<NonNullable<Extract<StateMatch, { ready?: unknown }>['ready']>, string>;
/** A state of a connection's region, as `matches` takes it (Seller Central's are a subset of Advertising's). */
type RegionState = NonNullable<ReadyMatch['advertising']>;

/**
 * Which {@link ConnectionActivity} each state of a connection's region is. The public names are this table's, not
 * the chart's: renaming a state changes this table, never the API. The first match wins.
 */
const activities: ReadonlyArray<readonly [RegionState, ConnectionActivity]> = [
  ['idle', 'idle'],
  [{ authorizing: 'preparing' }, 'preparing'],
  [{ authorizing: 'prepared' }, 'prepared'],
  [{ authorizing: 'redirecting' }, 'redirecting'],
  [{ authorizing: 'popup' }, 'popup'],
  [{ authorizing: 'exchanging' }, 'exchanging'],
  [{ authorizing: 'choosingAccount' }, 'choosing_account'],
  [{ authorizing: 'selectingAccount' }, 'selecting_account'],
  ['confirmingDisconnect', 'confirming_disconnect'],
  ['disconnecting', 'disconnecting'],
  ['failed', 'failed'],
];

function inRegion(snapshot: ConnectionsSnapshot, kind: ConnectionKind, state: RegionState): boolean {
  return snapshot.matches({ ready: { [kind]: state } } as StateMatch);
}

function activityOf(snapshot: ConnectionsSnapshot, kind: ConnectionKind): ConnectionActivity {
  if (!snapshot.matches('ready')) return 'loading';
  return activities.find(([state]) => inRegion(snapshot, kind, state))?.[1] ?? 'idle';
}

const nextSteps: Partial<Record<Trouble['code'], NextStep>> = {
  account_limit_reached: 'disconnect_current_first',
  account_conflict: 'disconnect_current_first',
  advertising_required: 'connect_advertising_first',
  data_slow: 'disconnect_and_reconnect',
  data_still_slow: 'contact_support',
  connection_stale: 'reconnect',
  unauthorized: 'wait',
  confirmation_required: 'retry',
};

function troubleView(trouble: Trouble, supportUrl: string | null): TroubleView {
  return {
    ...trouble,
    // A failed sign-in cannot succeed again (not retryable), but a new one can: its next step is to retry.
    nextStep:
      nextSteps[trouble.code] ?? (trouble.retryable || trouble.during === 'sign_in' ? 'retry' : 'wait'),
    supportUrl: trouble.code === 'data_still_slow' ? supportUrl : null,
  };
}

function troubleFromCode(code: 'data_slow' | 'data_still_slow' | 'connection_stale', lead = ''): Trouble {
  return { code, message: lead + errorCatalogue[code].message, retryable: errorCatalogue[code].retryable };
}

/** The data sources of `kind` still without data: the status's list, or all of them while it names none. */
function missingSources(context: ConnectionsContext, kind: ConnectionKind): DataSource[] {
  const listed = context.status?.[kind]?.data.missing;
  return listed ? [...listed] : dataSources.filter((source) => dataSourceKinds[source] === kind);
}

/**
 * The figures still waiting for data when only part of a connection's data is missing (the slow-data advice
 * names them), `''` when all of it is.
 */
function partialLead(context: ConnectionsContext, kind: ConnectionKind): string {
  const missing = missingSources(context, kind);
  const own = dataSources.filter((source) => dataSourceKinds[source] === kind);
  if (missing.length === own.length) return '';
  const labels = metricKeys
    .filter((key) => metricCatalogue[key].sources.some((source) => missing.includes(source)))
    .map((key) => metricCatalogue[key].label);
  const last = labels.pop();
  return `${labels.length ? `${labels.join(', ')} and ${last} are` : `${last} is`} still populating. `;
}

function actionsFor(
  context: ConnectionsContext,
  kind: ConnectionKind,
  activity: ConnectionActivity,
): { readonly [C in CommandName]: ActionState } {
  const state = (command: CommandName): ActionState => {
    const code = whyRefused(context, kind, activity, command);
    return code === null ? allowed : blocked(code);
  };
  return {
    prepare: state('prepare'),
    connect: state('connect'),
    disconnect: state('disconnect'),
    confirmDisconnect: state('confirmDisconnect'),
    cancel: state('cancel'),
    selectAccount: state('selectAccount'),
    dismiss: state('dismiss'),
  };
}

function regionActionsFor(
  context: ConnectionsContext,
  kind: ConnectionKind,
  activity: ConnectionActivity,
): { readonly [R in AmazonRegion]: RegionActions } {
  const state = (command: 'connect' | 'disconnect', region: AmazonRegion): ActionState => {
    const code =
      kind === 'sellerCentral' ? whyRefused(context, kind, activity, command, region) : 'not_available';
    return code === null ? allowed : blocked(code);
  };
  const entry = (region: AmazonRegion) => ({
    connect: state('connect', region),
    disconnect: state('disconnect', region),
  });
  return { na: entry('na'), eu: entry('eu'), fe: entry('fe') };
}

function confirmationFor(context: ConnectionsContext): DisconnectConfirmation {
  const name = context.status?.advertising?.account.name;
  return {
    title: name
      ? `Disconnect the Amazon Advertising account “${name}”?`
      : 'Disconnect the Amazon Advertising account?',
    message:
      "Disconnecting removes the account's connection and stops all Ads Optimiser functionality for that account. " +
      'Suggestions, Apply actions, AI Insights, Rules and all ad-performance metrics stop until you connect an ' +
      'account again, and the Seller Central connection is removed with it.',
    confirmLabel: 'Disconnect',
    cancelLabel: 'Cancel',
  };
}

function connectionView(
  snapshot: ConnectionsSnapshot,
  send: ConnectionsSend,
  kind: ConnectionKind,
  condition: ConnectionCondition | null,
): ConnectionView {
  const context = snapshot.context;
  const activity = activityOf(snapshot, kind);
  const waiting = (stage: 'slow' | 'stillSlow') =>
    inRegion(snapshot, kind, { idle: { connected: { populating: stage } } });
  const actions = actionsFor(context, kind, activity);
  const settings = context.deps.settings;
  let trouble: TroubleView | null = null;
  const failed = context.troubles[kind];
  if (activity === 'failed' && failed) trouble = troubleView(failed, settings.supportUrl);
  else if (waiting('stillSlow'))
    trouble = troubleView(
      troubleFromCode('data_still_slow', partialLead(context, kind)),
      settings.supportUrl,
    );
  else if (waiting('slow'))
    trouble = troubleView(troubleFromCode('data_slow', partialLead(context, kind)), settings.supportUrl);
  // Rule 6: a stale connection says why and what to do, like every other trouble (next step: reconnect).
  else if (condition === 'stale' && activity === 'idle')
    trouble = troubleView(troubleFromCode('connection_stale'), settings.supportUrl);

  const regionActions = regionActionsFor(context, kind, activity);
  const result = (state: ActionState): CommandResult =>
    state.allowed ? { ok: true } : { ok: false, code: state.code, message: state.message };
  const command = (name: CommandName, event: ConnectionsEvent) => (): CommandResult => {
    const state = actions[name];
    send(event);
    return result(state);
  };
  // Seller Central's sign-in and disconnect may name a region; the action states say what the machine will do.
  const regional =
    (name: 'prepare' | 'connect' | 'disconnect', type: 'PREPARE' | 'CONNECT' | 'DISCONNECT') =>
    (named?: AmazonRegion): CommandResult => {
      // Anything but a region (e.g. the click event of `onClick={view.sellerCentral.connect}`) names none.
      const region = named && named in regionNames ? named : null;
      if (!region) return command(name, { type, kind })();
      send({ type, kind, region });
      if (kind !== 'sellerCentral') return refused('not_available');
      return result(name === 'disconnect' ? regionActions[region].disconnect : regionActions[region].connect);
    };
  const status = context.status;
  const advertising = kind === 'advertising' ? status?.advertising : null;
  const seller = kind === 'sellerCentral' ? status?.sellerCentral : null;
  const connected = condition !== null && condition !== 'disconnected';
  return {
    kind,
    label: connectionLabels[kind],
    condition,
    activity,
    accountName: connected ? (advertising?.account.name ?? seller?.sellingPartnerId ?? null) : null,
    marketplaces: connected
      ? (advertising?.account.marketplaces.map((m) => m.countryCode) ??
        seller?.marketplaces.map((m) => m.countryCode) ??
        [])
      : [],
    accounts:
      kind === 'advertising' && activity === 'choosing_account'
        ? (context.accountChoice?.accounts ?? [])
        : [],
    confirmation: activity === 'confirming_disconnect' ? confirmationFor(context) : null,
    trouble,
    actions,
    regions: kind === 'sellerCentral' && connected ? regionViews(status ?? null) : [],
    regionActions,
    pendingRegion: kind === 'sellerCentral' && activity !== 'idle' ? context.region : null,
    prepare: regional('prepare', 'PREPARE'),
    connect: regional('connect', 'CONNECT'),
    disconnect: regional('disconnect', 'DISCONNECT'),
    confirmDisconnect:
      kind === 'advertising'
        ? command('confirmDisconnect', { type: 'CONFIRM_DISCONNECT', kind: 'advertising' })
        : () => refused('not_available'),
    cancel: command('cancel', { type: 'CANCEL', kind }),
    selectAccount: (accountId: string) => {
      if (kind !== 'advertising') return refused('not_available');
      const state = actions.selectAccount;
      send({ type: 'SELECT_ACCOUNT', kind: 'advertising', accountId });
      if (!state.allowed) return { ok: false, code: state.code, message: state.message };
      return context.accountChoice?.accounts.some((account) => account.id === accountId)
        ? { ok: true }
        : refused('unknown_account');
    },
    dismiss: command('dismiss', { type: 'DISMISS', kind }),
  };
}

/**
 * The pure view model (Zag-style): from a snapshot and a `send`, everything a UI shows and every command it can
 * give. Metric availability and feature flags are derived here from the snapshot, never stored twice. React hooks
 * and tests use this same function.
 *
 * @example
 * ```ts
 * import { connectionsView } from '@smart-ads/core';
 * const view = connectionsView(actor.getSnapshot(), actor.send);
 * view.sellerCentral.actions.connect; // { allowed: false, code: 'advertising_required', message: '…' }
 * view.metrics.totalSales.state;      // 'unavailable'
 * view.advertising.disconnect();      // opens the confirmation (rule 4)
 * ```
 */
export function connectionsView(snapshot: ConnectionsSnapshot, send: ConnectionsSend): ConnectionsView {
  const context = snapshot.context;
  const phase = snapshot.matches('ready')
    ? 'ready'
    : snapshot.matches('loadFailed')
      ? 'load_failed'
      : 'loading';
  const conditions = connectionConditions(context);
  const selected = phase === 'ready' ? selectedMarketplace(context.status, context.marketplace) : null;
  // The figures are the chosen marketplace's: Seller Central's are as healthy as that region's authorisation.
  const region = context.status?.marketplaces?.find((entry) => entry.marketplaceId === selected)?.region;
  const scoped = { ...context, status: statusForRegion(context.status, region) };
  const figureConditions = connectionConditions(scoped);
  const missing = (['advertising', 'sellerCentral'] as const).flatMap((kind) =>
    figureConditions[kind] === 'populating' ? missingSources(scoped, kind) : [],
  );
  const sellerCentral = connectionView(
    snapshot,
    send,
    'sellerCentral',
    phase === 'ready' ? conditions.sellerCentral : null,
  );
  const marketplaces = (phase === 'ready' ? (context.status?.marketplaces ?? []) : []).map(
    (marketplace): MarketplaceView => ({
      ...marketplace,
      regionName: regionNames[marketplace.region],
      actions: { connectSellerCentral: sellerCentral.regionActions[marketplace.region].connect },
    }),
  );
  return {
    phase,
    loadTrouble: context.loadTrouble,
    accountLimit: context.status?.subscription.accountLimit ?? null,
    advertising: connectionView(
      snapshot,
      send,
      'advertising',
      phase === 'ready' ? conditions.advertising : null,
    ),
    sellerCentral,
    metrics: marketplaceMetrics(
      metricsAvailability(figureConditions, missing),
      marketplaces.find((marketplace) => marketplace.marketplaceId === selected),
    ),
    features: featuresAvailability(conditions),
    marketplaces,
    selectedMarketplace: selected,
    selectMarketplace(marketplace) {
      // Refused before anything is sent: a choice made before the status is known is neither kept nor saved.
      if (phase !== 'ready') return refused('not_ready');
      if (!isAccountMarketplace(context.status, marketplace)) return refused('unknown_marketplace');
      send({ type: 'SELECT_MARKETPLACE', marketplace });
      return { ok: true };
    },
    refusal: context.refusal,
    signInMode: context.deps.settings.mode,
    callbackKind: context.callback?.kind ?? null,
    retryLoad() {
      send({ type: 'RETRY' });
      return phase === 'load_failed' ? { ok: true } : refused('not_available');
    },
    refresh() {
      send({ type: 'REFRESH' });
    },
  };
}

/** @deprecated Renamed {@link connectionsView} (`connect` read like the `CONNECT` event); goes in the next major. */
export const connect = connectionsView;
