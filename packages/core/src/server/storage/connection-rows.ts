import * as z from 'zod/mini';
import { errorCodes } from '../../contract/error-codes';
import { advertisingAccountSchema, amazonRegionSchema, connectionHealthSchema } from '../../contract/schemas';
import type { AmazonRegion, ConnectionKind } from '../../contract/types';
import type {
  AdvertisingConnectionRecord,
  ConnectionRecord,
  NewSellerCentralConnection,
  OAuthTransactionRecord,
  ReportEntry,
  ReportKey,
  SellerMarketplaceRecord,
  TransactionOutcome,
} from './connection-store';

/** A `sa_connections` row as both SQL stores read and write it. */
export interface ConnectionRow {
  subscription_id: string;
  kind: string;
  slot: number;
  /** The Seller Central layer's SP-API region (one row per region); '' for Advertising. */
  layer_region: string;
  account_id: string;
  parent_account_id: string | null;
  authorization_id: string;
  details: string;
  token_region: string;
  sealed_refresh_token: string;
  sealed_access_token: string | null;
  access_expires_at: number | null;
  health: string;
  connected_at: number;
}

/** A `sa_oauth_transactions` row. */
export interface TransactionRow {
  selector: string;
  verifier_hash: string;
  subscription_id: string;
  kind: string;
  region: string;
  return_to: string;
  sealed_code_verifier: string | null;
  created_at: number;
  expires_at: number;
  phase: string;
  outcome: string | null;
  sealed_pending_grant: string | null;
  claim_id: string | null;
  claimed_at: number | null;
}

/** A `sa_reports` row. */
export interface ReportRow {
  payload: string | null;
  fetched_at: number | null;
  job_state: string | null;
  amazon_report_id: string | null;
  job_started_at: number | null;
  polled_at: number | null;
  not_before: number | null;
}

const sellerDetailsSchema = z.object({
  marketplaces: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      countryCode: z.string(),
      currencyCode: z.nullable(z.string()),
      storeName: z.optional(z.string()),
    }),
  ),
});
const outcomeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connected') }),
  z.object({ type: z.literal('choose_account'), accounts: z.array(advertisingAccountSchema) }),
  z.object({ type: z.literal('failed'), code: z.enum(errorCodes as [string, ...string[]]) }),
]);
const phaseSchema = z.enum(['pending', 'exchanging', 'granted', 'choosing', 'done']);
const kindSchema = z.enum(['advertising', 'sellerCentral']);
const jobStateSchema = z.nullable(z.enum(['creating', 'pending']));

/** Numbers come back from PostgreSQL `bigint` columns as strings. */
function toNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Reads a stored connection row back into a record. */
export function connectionFromRow(row: ConnectionRow): ConnectionRecord {
  const base = {
    subscriptionId: row.subscription_id,
    accountId: row.account_id,
    authorizationId: row.authorization_id,
    tokenRegion: amazonRegionSchema.parse(row.token_region),
    sealedRefreshToken: row.sealed_refresh_token,
    sealedAccessToken: row.sealed_access_token,
    accessTokenExpiresAt: toNumber(row.access_expires_at),
    health: connectionHealthSchema.parse(row.health),
    connectedAt: Number(row.connected_at),
  };
  if (row.kind === 'advertising') {
    return { ...base, kind: 'advertising', account: advertisingAccountSchema.parse(JSON.parse(row.details)) };
  }
  const details = sellerDetailsSchema.parse(JSON.parse(row.details));
  return {
    ...base,
    kind: 'sellerCentral',
    parentAccountId: row.parent_account_id ?? '',
    marketplaces: details.marketplaces,
  };
}

/** Writes a record as a row, at `slot`. */
export function rowFromConnection(
  connection: AdvertisingConnectionRecord | NewSellerCentralConnection,
  slot: number,
  parentAccountId: string | null,
): ConnectionRow {
  return {
    subscription_id: connection.subscriptionId,
    kind: connection.kind,
    slot,
    layer_region: connection.kind === 'sellerCentral' ? connection.tokenRegion : '',
    account_id: connection.accountId,
    parent_account_id: parentAccountId,
    authorization_id: connection.authorizationId,
    details: JSON.stringify(
      connection.kind === 'advertising' ? connection.account : { marketplaces: connection.marketplaces },
    ),
    token_region: connection.tokenRegion,
    sealed_refresh_token: connection.sealedRefreshToken,
    sealed_access_token: connection.sealedAccessToken,
    access_expires_at: connection.accessTokenExpiresAt,
    health: connection.health,
    connected_at: connection.connectedAt,
  };
}

/** Reads a stored transaction row back into a record. */
export function transactionFromRow(row: TransactionRow): OAuthTransactionRecord {
  return {
    selector: row.selector,
    verifierHash: row.verifier_hash,
    subscriptionId: row.subscription_id,
    kind: kindSchema.parse(row.kind),
    region: amazonRegionSchema.parse(row.region),
    returnTo: row.return_to,
    sealedCodeVerifier: row.sealed_code_verifier,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    phase: phaseSchema.parse(row.phase),
    outcome:
      row.outcome === null ? null : (outcomeSchema.parse(JSON.parse(row.outcome)) as TransactionOutcome),
    sealedPendingGrant: row.sealed_pending_grant,
    claimId: row.claim_id ?? null,
    claimedAt: toNumber(row.claimed_at ?? null),
  };
}

/** Writes a transaction record as a row. */
export function rowFromTransaction(t: OAuthTransactionRecord): TransactionRow {
  return {
    selector: t.selector,
    verifier_hash: t.verifierHash,
    subscription_id: t.subscriptionId,
    kind: t.kind,
    region: t.region,
    return_to: t.returnTo,
    sealed_code_verifier: t.sealedCodeVerifier,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    phase: t.phase,
    outcome: outcomeText(t.outcome),
    sealed_pending_grant: t.sealedPendingGrant,
    claim_id: t.claimId,
    claimed_at: t.claimedAt,
  };
}

/** The values of a report's key, in the order of both stores' `reportWhere` (`subscription_id` ... `range_to`). */
export function reportKeyValues(key: ReportKey): string[] {
  return [key.subscriptionId, key.accountKey, key.source, key.from, key.to];
}

/** Reads a stored report row back into an entry. */
export function reportFromRow(row: ReportRow): ReportEntry {
  return {
    payload: row.payload === null ? null : JSON.parse(row.payload),
    fetchedAt: toNumber(row.fetched_at),
    jobState: jobStateSchema.parse(row.job_state),
    amazonReportId: row.amazon_report_id,
    jobStartedAt: toNumber(row.job_started_at),
    polledAt: toNumber(row.polled_at),
    notBefore: toNumber(row.not_before),
  };
}

/**
 * The region of a row's layer: its `layer_region`; for a Seller Central row written by a server older than
 * schema version 6 during a rolling deploy (`layer_region` left at its default ''), the region it was authorised
 * in (`token_region`), which is what its one authorisation meant to that server.
 *
 * @example
 * ```ts
 * layerRegionOf({ ...row, kind: 'sellerCentral', layer_region: '', token_region: 'eu' }); // 'eu'
 * ```
 */
export function layerRegionOf(row: Pick<ConnectionRow, 'kind' | 'layer_region' | 'token_region'>): string {
  return row.kind === 'sellerCentral' && !row.layer_region ? row.token_region : (row.layer_region ?? '');
}

/**
 * The account id under which `sa_account_connections` counts a connection: Seller Central is counted per region
 * (`<selling partner id>@<region>`; one id may serve several regions, each authorised and populated on its own),
 * Advertising per account.
 *
 * @example
 * ```ts
 * countedAccountId('sellerCentral', 'A1B2C3', 'eu'); // 'A1B2C3@eu'
 * ```
 */
export function countedAccountId(kind: ConnectionKind, accountId: string, region?: string): string {
  return kind === 'sellerCentral' && region ? `${accountId}@${region}` : accountId;
}

/**
 * Whether saving `connection` reconnects what `existing` holds: the same Advertising account, or the same selling
 * partner in the same region (a first authorisation of another region is a first connection).
 */
export function isReconnect(
  existing: readonly ConnectionRow[],
  connection: Pick<ConnectionRecord, 'kind' | 'accountId' | 'tokenRegion'>,
): boolean {
  return existing.some(
    (e) =>
      e.kind === connection.kind &&
      e.account_id === connection.accountId &&
      (connection.kind === 'advertising' || layerRegionOf(e) === connection.tokenRegion),
  );
}

/** What saving a connection should do, decided from the subscription's current rows. */
export type SavePlan =
  | {
      readonly type: 'refuse';
      readonly result: {
        readonly ok: false;
        readonly code: 'account_conflict' | 'advertising_required';
        readonly detail?: string;
      };
    }
  | {
      readonly type: 'write';
      readonly slot: number;
      /** The row's `layer_region`: the Seller Central layer's region, '' for Advertising. */
      readonly layerRegion: string;
      readonly parentAccountId: string | null;
      /** Delete the row at this slot and layer region of this kind first (replacement). */
      readonly replaceSlot: boolean;
      /** The authorisation that row holds (deleted by this id, whatever its stored `layer_region`). */
      readonly replaceAuthorizationId: string | null;
      /** Authorised regions' rows whose participations (with store names) were read afresh: stored with the save. */
      readonly renamed: readonly {
        readonly authorizationId: string;
        readonly marketplaces: readonly SellerMarketplaceRecord[];
      }[];
    };

/** A store name compared across regions: case and spacing do not matter. */
const storeKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The store names of participations. */
function storeNames(marketplaces: readonly SellerMarketplaceRecord[]): Set<string> {
  return new Set(marketplaces.flatMap((m) => (m.storeName?.trim() ? [storeKey(m.storeName)] : [])));
}

/** A Seller Central row's participations. */
function marketplacesOf(row: ConnectionRow): readonly SellerMarketplaceRecord[] {
  const details = sellerDetailsSchema.safeParse(JSON.parse(row.details));
  return details.success ? details.data.marketplaces : [];
}

const regionNames: { readonly [region: string]: string } = {
  na: 'North America',
  eu: 'Europe',
  fe: 'the Far East',
};

/**
 * The rules of one save, shared by both SQL stores: same Advertising account replaces its authorization,
 * another account needs a free slot under the limit, Seller Central needs an Advertising account.
 *
 * Seller Central is authorised per region, so its layer keeps one authorisation per region: a save replaces the
 * layer's authorisation of the same region (a reconnect) and leaves the other regions' in place. The first region
 * is accepted as before. A region added beside authorised ones must be the same seller (the one-account rule),
 * shown by what Amazon itself answered to the tokens: the new authorisation's marketplace participations must carry
 * a store name (the SP-API's `storeName`) that one of the authorised regions' participations carry too (case and
 * spacing aside). An authorised region's row without store names (made before they were kept) is judged by its
 * participations read afresh with its own token (`authorisedMarketplaces`, stored in its row by the same save).
 * When sameness cannot be established (no store name on either side) or the names differ, the save is refused with
 * `account_conflict` and a sentence saying why. Not used as proof: the callback's `selling_partner_id` (it comes
 * back through the browser, unverified by the token exchange), and the Ads profiles' marketplaces (a seller may
 * advertise only in the US and sell in the UK and Germany; any German seller sells where a German advertiser
 * advertises).
 */
export function planSave(
  existing: readonly ConnectionRow[],
  connection: AdvertisingConnectionRecord | NewSellerCentralConnection,
  accountLimit: number,
  authorisedMarketplaces: { readonly [authorizationId: string]: readonly SellerMarketplaceRecord[] } = {},
): SavePlan {
  const advertising = existing.filter((row) => row.kind === 'advertising').sort((a, b) => a.slot - b.slot);
  if (connection.kind === 'advertising') {
    const same = advertising.find((row) => row.account_id === connection.accountId);
    if (same)
      return {
        type: 'write',
        slot: same.slot,
        layerRegion: '',
        parentAccountId: null,
        replaceSlot: true,
        replaceAuthorizationId: same.authorization_id,
        renamed: [],
      };
    if (advertising.length >= accountLimit) {
      return { type: 'refuse', result: { ok: false, code: 'account_conflict' } };
    }
    const used = new Set(advertising.map((row) => row.slot));
    let slot = 0;
    while (used.has(slot)) slot++;
    return {
      type: 'write',
      slot,
      layerRegion: '',
      parentAccountId: null,
      replaceSlot: false,
      replaceAuthorizationId: null,
      renamed: [],
    };
  }
  const parent = advertising[0];
  if (!parent) return { type: 'refuse', result: { ok: false, code: 'advertising_required' } };
  const layers = existing.filter((row) => row.kind === 'sellerCentral' && row.slot === parent.slot);
  const sameRegion = layers.find((row) => layerRegionOf(row) === connection.tokenRegion);
  const otherRegions = layers.filter((row) => row !== sameRegion);
  const renamed: { authorizationId: string; marketplaces: readonly SellerMarketplaceRecord[] }[] = [];
  if (otherRegions.length > 0) {
    const authorised = new Set<string>();
    for (const row of otherRegions) {
      let marketplaces = marketplacesOf(row);
      const fresh = authorisedMarketplaces[row.authorization_id];
      if (storeNames(marketplaces).size === 0 && fresh && storeNames(fresh).size > 0) {
        marketplaces = fresh;
        renamed.push({ authorizationId: row.authorization_id, marketplaces: fresh });
      }
      for (const name of storeNames(marketplaces)) authorised.add(name);
    }
    const names = storeNames(connection.marketplaces);
    const regions = otherRegions
      .map((row) => regionNames[layerRegionOf(row)] ?? layerRegionOf(row))
      .join(' and ');
    const here = regionNames[connection.tokenRegion] ?? connection.tokenRegion;
    if (names.size === 0 || authorised.size === 0) {
      return {
        type: 'refuse',
        result: {
          ok: false,
          code: 'account_conflict',
          detail: `Seller Central for ${here} was not connected: Amazon did not give the store name of ${names.size === 0 ? `this ${here} account` : `the account connected for ${regions}`}, so it cannot be shown to be the same seller. Reconnect Seller Central for ${regions} and try again.`,
        },
      };
    }
    if (![...names].some((name) => authorised.has(name))) {
      return {
        type: 'refuse',
        result: {
          ok: false,
          code: 'account_conflict',
          detail: `Seller Central for ${here} was not connected: its store is not the store connected for ${regions}. Sign in to Seller Central for ${here} with the account of the same store.`,
        },
      };
    }
  }
  return {
    type: 'write',
    slot: parent.slot,
    layerRegion: connection.tokenRegion,
    parentAccountId: parent.account_id,
    replaceSlot: sameRegion !== undefined,
    replaceAuthorizationId: sameRegion?.authorization_id ?? null,
    renamed,
  };
}

/** The rows one disconnect removes: the first is the one asked for, `cascade` marks rows removed with it. */
export type DeletePlan = readonly { readonly row: ConnectionRow; readonly cascade: boolean }[];

/**
 * The rules of one disconnect, shared by both SQL stores: Advertising removes its Seller Central layer (every
 * region, `cascade`); Seller Central removes the whole layer, or with `region` only that region's authorisation.
 * Empty when nothing matches.
 */
export function planDelete(
  existing: readonly ConnectionRow[],
  kind: ConnectionKind,
  accountId: string,
  region?: AmazonRegion,
): DeletePlan {
  const target = existing.find(
    (row) =>
      row.kind === kind &&
      row.account_id === accountId &&
      (region === undefined || kind === 'advertising' || layerRegionOf(row) === region),
  );
  if (!target) return [];
  const layers = existing
    .filter((row) => row.kind === 'sellerCentral' && row.slot === target.slot && row !== target)
    .sort((a, b) => layerRegionOf(a).localeCompare(layerRegionOf(b)));
  if (kind === 'advertising')
    return [{ row: target, cascade: false }, ...layers.map((row) => ({ row, cascade: true }))];
  if (region !== undefined) return [{ row: target, cascade: false }];
  return [{ row: target, cascade: false }, ...layers.map((row) => ({ row, cascade: false }))];
}

/**
 * What one `POST /disconnect` removes, decided from the rows read under the subscription's lock: Advertising, the
 * primary account (lowest slot) with every region of its Seller Central layer (`cascade`); Seller Central with
 * `region`, that region's authorisation of the primary layer, only while it is still `authorizationId` (the one
 * the person saw: a reconnect that replaced it meanwhile is not removed); Seller Central without `region`, every
 * region of the layer as it is now (a region saved meanwhile too). Empty when nothing matches.
 *
 * @example
 * ```ts
 * planDisconnect(rows, { kind: 'sellerCentral', region: 'eu', authorizationId: 'auth_eu' }); // [{ row, cascade: false }]
 * ```
 */
export function planDisconnect(
  existing: readonly ConnectionRow[],
  request: { kind: ConnectionKind; region?: AmazonRegion; authorizationId?: string },
): DeletePlan {
  const [primary] = existing.filter((row) => row.kind === 'advertising').sort((a, b) => a.slot - b.slot);
  if (!primary) return [];
  if (request.kind === 'advertising') {
    if (request.authorizationId !== undefined && primary.authorization_id !== request.authorizationId)
      return [];
    return planDelete(existing, 'advertising', primary.account_id);
  }
  const layers = existing
    .filter((row) => row.kind === 'sellerCentral' && row.slot === primary.slot)
    .sort((a, b) => layerRegionOf(a).localeCompare(layerRegionOf(b)));
  const chosen =
    request.region === undefined ? layers : layers.filter((row) => layerRegionOf(row) === request.region);
  if (
    request.region !== undefined &&
    request.authorizationId !== undefined &&
    chosen.some((row) => row.authorization_id !== request.authorizationId)
  )
    return [];
  return chosen.map((row) => ({ row, cascade: false }));
}

/** The SQL text of an outcome. */
export function outcomeText(outcome: TransactionOutcome | null): string | null {
  return outcome === null ? null : JSON.stringify(outcome);
}

/** Sorts rows the way `listConnections` answers: Advertising first, then by slot. */
export function compareRows(a: ConnectionRow, b: ConnectionRow): number {
  if (a.kind !== b.kind) return a.kind === 'advertising' ? -1 : 1;
  return a.slot - b.slot || layerRegionOf(a).localeCompare(layerRegionOf(b));
}
