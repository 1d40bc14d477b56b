import { errorCatalogue } from '../contract/error-codes';
import type {
  AmazonRegion,
  ConnectionKind,
  ConnectionsStatus,
  SellerCentralAuthorisation,
} from '../contract/types';
import type { ConnectionCondition, ConnectionConditions } from '../metrics/metrics.availability';
import type { BlockCode, CommandName, ConnectionActivity, PerKind } from './connections.types';

/**
 * The part of the context the rules read.
 *
 * @example
 * ```ts
 * whyConnectRefused({ status, staleMarks: { advertising: null, sellerCentral: null } }, 'advertising');
 * ```
 */
export interface RulesInput {
  readonly status: ConnectionsStatus | null;
  readonly staleMarks: PerKind<string | null>;
}

const blockMessages: { readonly [C in Exclude<BlockCode, keyof typeof errorCatalogue>]: string } = {
  already_connected:
    'Seller Central is already connected. To refresh its data feed, disconnect it first, then connect it again.',
  in_progress: 'Another step for this connection is in progress. Wait for it to finish or cancel it.',
  not_ready: 'The connections are still loading.',
  not_available: 'That action does not apply right now.',
  unknown_account: 'That advertising account is not one of the accounts this sign-in can see.',
  unknown_marketplace: "That marketplace is not one of the connected account's marketplaces.",
};

/**
 * The human sentence for a {@link BlockCode}.
 *
 * @example
 * ```ts
 * blockMessage('account_limit_reached'); // 'Your subscription supports one Amazon Advertising account at a time. …'
 * ```
 */
export function blockMessage(code: BlockCode): string {
  return code in errorCatalogue
    ? errorCatalogue[code as keyof typeof errorCatalogue].message
    : blockMessages[code as keyof typeof blockMessages];
}

/**
 * What one connection can be relied on for. Seller Central is a layer of the Advertising account (rule 1): without
 * Advertising it counts as disconnected whatever the backend says. Stale when the backend says so or when a call
 * found it stale (rule 6).
 *
 * @example
 * ```ts
 * connectionCondition({ status, staleMarks: { advertising: null, sellerCentral: null } }, 'sellerCentral'); // 'ready'
 * ```
 */
export function connectionCondition(input: RulesInput, kind: ConnectionKind): ConnectionCondition {
  const status = input.status;
  const connection = status?.[kind];
  if (!status || !connection) return 'disconnected';
  if (kind === 'sellerCentral' && !status.advertising) return 'disconnected';
  if (connection.health === 'stale' || input.staleMarks[kind] === connection.connectedAt) return 'stale';
  return connection.data.state === 'ready' ? 'ready' : 'populating';
}

/**
 * Both connections' conditions.
 *
 * @example
 * ```ts
 * connectionConditions(context); // { advertising: 'ready', sellerCentral: 'disconnected' }
 * ```
 */
export function connectionConditions(input: RulesInput): ConnectionConditions {
  return {
    advertising: connectionCondition(input, 'advertising'),
    sellerCentral: connectionCondition(input, 'sellerCentral'),
  };
}

/**
 * Seller Central's authorised regions: the status's `regions`, or (from servers before regions) the primary
 * authorisation alone; `[]` while Seller Central is not connected.
 *
 * @example
 * ```ts
 * sellerCentralRegions(status).map((authorisation) => authorisation.region); // ['na', 'eu']
 * ```
 */
export function sellerCentralRegions(
  status: ConnectionsStatus | null,
): readonly SellerCentralAuthorisation[] {
  const seller = status?.sellerCentral;
  if (!seller) return [];
  return seller.regions ?? [seller];
}

/**
 * The status as one region's figures see it: Seller Central's health, `connectedAt` and data are those of the
 * authorisation for `region` (Amazon authorises Seller Central per region, so Europe can have stopped working while
 * North America works). Unchanged without a region, or when that region is not authorised (its figures are then
 * `not_covered`, from the marketplace's coverage).
 *
 * @example
 * ```ts
 * connectionCondition({ status: statusForRegion(status, 'eu'), staleMarks }, 'sellerCentral'); // 'stale'
 * ```
 */
export function statusForRegion(
  status: ConnectionsStatus | null,
  region: AmazonRegion | undefined,
): ConnectionsStatus | null {
  const seller = status?.sellerCentral;
  const authorisation = sellerCentralRegions(status).find((entry) => entry.region === region);
  if (!status || !seller || !authorisation || authorisation === seller) return status;
  const { health, connectedAt, data } = authorisation;
  return { ...status, sellerCentral: { ...seller, health, connectedAt, data } };
}

/**
 * Why signing Seller Central in for one more `region` is refused, or `null`: it needs Advertising and a connected
 * Seller Central (the first sign-in is the plain connect); a region already authorised is only signed in again
 * when it is stale.
 */
function whyRegionConnectRefused(input: RulesInput, region: AmazonRegion): BlockCode | null {
  if (connectionCondition(input, 'advertising') === 'disconnected') return 'advertising_required';
  if (connectionCondition(input, 'sellerCentral') === 'disconnected') return 'not_connected';
  const authorised = sellerCentralRegions(input.status).find((entry) => entry.region === region);
  return !authorised || authorised.health === 'stale' ? null : 'already_connected';
}

/**
 * Why connecting `kind` is not allowed by the rules, or `null` when it is. Rule 2: one Advertising account per
 * subscription (up to `subscription.accountLimit`), a stale one may be reconnected. Rule 1: Seller Central needs
 * Advertising; with a `region`, Seller Central signs in for that region (one not authorised yet, or a stale one).
 *
 * @example
 * ```ts
 * whyConnectRefused(context, 'advertising'); // 'account_limit_reached' while an account is connected
 * whyConnectRefused(context, 'sellerCentral', 'eu'); // null while Seller Central is authorised for North America only
 * ```
 */
export function whyConnectRefused(
  input: RulesInput,
  kind: ConnectionKind,
  region?: AmazonRegion | null,
): BlockCode | null {
  if (!input.status) return 'not_ready';
  if (kind === 'sellerCentral' && region) return whyRegionConnectRefused(input, region);
  const condition = connectionCondition(input, kind);
  if (kind === 'advertising') {
    if (condition === 'stale') return null;
    const connected = condition === 'disconnected' ? 0 : 1;
    return connected >= input.status.subscription.accountLimit ? 'account_limit_reached' : null;
  }
  if (connectionCondition(input, 'advertising') === 'disconnected') return 'advertising_required';
  return condition === 'disconnected' || condition === 'stale' ? null : 'already_connected';
}

/**
 * Why disconnecting `kind` (with a `region`: that Seller Central region only) is not allowed, or `null` when it is.
 *
 * @example
 * ```ts
 * whyDisconnectRefused(context, 'sellerCentral'); // 'not_connected' when there is nothing to disconnect
 * whyDisconnectRefused(context, 'sellerCentral', 'eu'); // 'not_connected' while Europe is not authorised
 * ```
 */
export function whyDisconnectRefused(
  input: RulesInput,
  kind: ConnectionKind,
  region?: AmazonRegion | null,
): BlockCode | null {
  if (!input.status) return 'not_ready';
  if (connectionCondition(input, kind) === 'disconnected') return 'not_connected';
  if (kind !== 'sellerCentral' || !region) return null;
  return sellerCentralRegions(input.status).some((entry) => entry.region === region) ? null : 'not_connected';
}

/**
 * The commands each activity accepts: `'rules'` when {@link whyConnectRefused} / {@link whyDisconnectRefused} decide, `true`
 * when the state takes it as it is. This is the chart's refusals as a table; the path tests check, in every state
 * they reach, that the machine refuses a command exactly when this table does, with the same code.
 */
const accepted: {
  readonly [A in ConnectionActivity]: { readonly [C in CommandName]?: true | 'rules' };
} = {
  loading: {},
  idle: { prepare: 'rules', connect: 'rules', disconnect: 'rules' },
  failed: { prepare: 'rules', connect: 'rules', disconnect: 'rules', dismiss: true },
  preparing: { connect: true, cancel: true },
  prepared: { connect: true, cancel: true },
  redirecting: {},
  popup: { cancel: true },
  exchanging: {},
  choosing_account: { selectAccount: true, cancel: true },
  selecting_account: {},
  confirming_disconnect: { confirmDisconnect: true, cancel: true },
  disconnecting: {},
};

/**
 * Why the machine refuses `command` for `kind` while the connection is in `activity`, or `null` when it takes it.
 * The view model's `actions` are this function, so a command is shown allowed exactly when the machine would not
 * refuse it.
 *
 * @example
 * ```ts
 * whyRefused(context, 'advertising', 'idle', 'connect'); // 'account_limit_reached' while an account is connected
 * whyRefused(context, 'advertising', 'redirecting', 'cancel'); // 'not_available'
 * whyRefused(context, 'sellerCentral', 'idle', 'connect', 'eu'); // null: Europe can be signed in
 * ```
 */
export function whyRefused(
  input: RulesInput,
  kind: ConnectionKind,
  activity: ConnectionActivity,
  command: CommandName,
  region?: AmazonRegion | null,
): BlockCode | null {
  if (activity === 'loading') return 'not_ready';
  // A sign-in for a region while one is being prepared starts over for that region when the rules allow it.
  if (region && command === 'connect' && (activity === 'preparing' || activity === 'prepared'))
    return whyConnectRefused(input, kind, region);
  const how = accepted[activity][command];
  if (how === 'rules')
    return command === 'disconnect'
      ? whyDisconnectRefused(input, kind, region)
      : whyConnectRefused(input, kind, region);
  if (how) return null;
  return command === 'prepare' || command === 'connect' || command === 'disconnect'
    ? 'in_progress'
    : 'not_available';
}

/** @deprecated Renamed {@link whyConnectRefused}; this alias goes in the next major version. */
export const connectBlock = whyConnectRefused;
/** @deprecated Renamed {@link whyDisconnectRefused}; this alias goes in the next major version. */
export const disconnectBlock = whyDisconnectRefused;
