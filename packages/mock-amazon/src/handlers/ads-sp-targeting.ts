import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json, v3Error } from '../http/respond.js';
import type { RouteArgs } from '../http/route.js';
import { hash32 } from '../random.js';
import { bidLimitsOf } from '../targeting/bid-limits.js';
import {
  type CurrentEntity,
  currentKeywords,
  currentTargets,
  editKey,
} from '../targeting/current-targeting.js';
import type { AdsProfile, SpKeyword, SpTarget } from '../world/types.js';
import { type AdsCaller, adsRoute } from './ads-auth.js';

/*
 * Sponsored Products campaign management v3: keywords and product targets (targeting clauses), list and bid/state
 * update. Shapes from the Ads API v3 model (SponsoredProducts OpenAPI: ListSponsoredProductsKeywordsRequestContent,
 * SponsoredProductsKeyword, UpdateSponsoredProductsKeywordsResponseContent -> BulkKeywordOperationResponse
 * {success[{index, keywordId, keyword?}], error[{index, errors[{errorType, errorValue}]}]}, and their
 * TargetingClause twins); the update answers 207 multi-status, so one bad item does not fail the batch.
 */

/** When the seeded campaigns, keywords and targets were created (their `extendedData.creationDateTime`). */
const CREATED_AT = '2026-01-05T00:00:00Z';
const MAX_PAGE = 5000;
const MAX_UPDATE = 1000;
const entityStates = ['ENABLED', 'PAUSED', 'ARCHIVED', 'ENABLING', 'OTHER', 'PROPOSED', 'USER_DELETED'];

type Entity = CurrentEntity<SpKeyword> | CurrentEntity<SpTarget>;
type Check = { ok: true; keep: (entity: Entity) => boolean } | { ok: false; message: string };

/** What differs between `/sp/keywords` and `/sp/targets`. */
interface Resource {
  kind: 'keyword' | 'target';
  path: string;
  endpoint: string;
  mediaType: string;
  /** The array's name in requests and answers: `keywords` / `targetingClauses`. */
  collection: string;
  idField: 'keywordId' | 'targetId';
  /** The entity's name in a success item with `Prefer: return=representation`. */
  itemField: string;
  entityType: 'KEYWORD' | 'TARGETING_CLAUSE';
  idFilter: string;
  /** Filters only this resource has, each validating its value into a predicate. */
  filters: Record<string, (value: unknown) => Check>;
  entities(ctx: MockContext, profile: AdsProfile): Entity[];
  toJson(entity: Entity, extended: boolean): Record<string, unknown>;
}

const ok = (keep: (entity: Entity) => boolean): Check => ({ ok: true, keep });
const bad = (message: string): Check => ({ ok: false, message });

/** `{ include: string[] }` with at most `max` values (ObjectIdFilter 1000, ReducedObjectIdFilter 100). */
export function includeList(value: unknown, name: string, max: number, allowed?: readonly string[]) {
  const include = (value as { include?: unknown } | null)?.include;
  if (typeof value !== 'object' || value === null || !Array.isArray(include) || include.length === 0) {
    return `${name}.include must be a non-empty array`;
  }
  if (include.length > max) return `${name}.include takes at most ${max} values`;
  if (include.some((v) => typeof v !== 'string' || (allowed && !allowed.includes(v)))) {
    return `${name}.include has an invalid value`;
  }
  return new Set(include as string[]);
}

function idFilter(name: string, max: number, idOf: (entity: Entity) => string) {
  return (value: unknown): Check => {
    const set = includeList(value, name, max);
    return typeof set === 'string' ? bad(set) : ok((entity) => set.has(idOf(entity)));
  };
}

function textFilter(name: string, textsOf: (entity: Entity) => string[]) {
  return (value: unknown): Check => {
    const set = includeList(value, name, 100);
    if (typeof set === 'string') return bad(set);
    const mode = (value as { queryTermMatchType?: unknown }).queryTermMatchType ?? 'EXACT_MATCH';
    if (mode !== 'EXACT_MATCH' && mode !== 'BROAD_MATCH') {
      return bad(`${name}.queryTermMatchType must be BROAD_MATCH or EXACT_MATCH`);
    }
    const wanted = [...set].map((t) => t.toLowerCase());
    // BROAD_MATCH: the text contains the (first) filter value, as the model describes it.
    return ok((entity) =>
      textsOf(entity).some((text) =>
        mode === 'EXACT_MATCH'
          ? wanted.includes(text.toLowerCase())
          : text.toLowerCase().includes(wanted[0]!),
      ),
    );
  };
}

const common: Record<string, (value: unknown) => Check> = {
  campaignIdFilter: idFilter('campaignIdFilter', 100, (e) => String(e.campaign.campaignId)),
  adGroupIdFilter: idFilter('adGroupIdFilter', 100, (e) => String(e.campaign.adGroupId)),
  stateFilter: (value) => {
    const set = includeList(value, 'stateFilter', entityStates.length, entityStates);
    return typeof set === 'string' ? bad(set) : ok((entity) => set.has(entity.state));
  },
};

/** `extendedData` (KeywordServingStatus / TargetingClause serving status: TARGETING_CLAUSE_STATUS_LIVE, _PAUSED, _ARCHIVED). */
function extendedData(entity: Entity) {
  const status =
    entity.state === 'ENABLED' ? 'TARGETING_CLAUSE_STATUS_LIVE' : `TARGETING_CLAUSE_${entity.state}`;
  return {
    creationDateTime: CREATED_AT,
    lastUpdateDateTime: entity.updatedAt === null ? CREATED_AT : new Date(entity.updatedAt).toISOString(),
    servingStatus: status,
  };
}

const keywords: Resource = {
  kind: 'keyword',
  path: '/sp/keywords',
  endpoint: 'ads.sp.keywords',
  mediaType: 'application/vnd.spKeyword.v3+json',
  collection: 'keywords',
  idField: 'keywordId',
  itemField: 'keyword',
  entityType: 'KEYWORD',
  idFilter: 'keywordIdFilter',
  filters: {
    keywordIdFilter: idFilter('keywordIdFilter', 1000, (e) => e.id),
    keywordTextFilter: textFilter('keywordTextFilter', (e) => [(e.seeded as SpKeyword).keywordText]),
    matchTypeFilter: (value) => {
      const types = ['EXACT', 'PHRASE', 'BROAD'];
      if (!Array.isArray(value) || value.some((v) => !types.includes(v))) {
        return bad('matchTypeFilter must be an array of BROAD, PHRASE, EXACT');
      }
      return ok((e) => value.includes((e.seeded as SpKeyword).matchType));
    },
    locale: (value) => (typeof value === 'string' ? ok(() => true) : bad('locale must be a string')),
  },
  entities: currentKeywords,
  toJson(entity, extended) {
    const k = entity.seeded as SpKeyword;
    return {
      keywordId: entity.id,
      campaignId: String(entity.campaign.campaignId),
      adGroupId: String(entity.campaign.adGroupId),
      keywordText: k.keywordText,
      matchType: k.matchType,
      state: entity.state,
      bid: entity.bid,
      ...(extended ? { extendedData: extendedData(entity) } : {}),
    };
  },
};

const targets: Resource = {
  kind: 'target',
  path: '/sp/targets',
  endpoint: 'ads.sp.targets',
  mediaType: 'application/vnd.spTargetingClause.v3+json',
  collection: 'targetingClauses',
  idField: 'targetId',
  itemField: 'targetingClause',
  entityType: 'TARGETING_CLAUSE',
  idFilter: 'targetIdFilter',
  filters: {
    targetIdFilter: idFilter('targetIdFilter', 1000, (e) => e.id),
    expressionTypeFilter: (value) => {
      const set = includeList(value, 'expressionTypeFilter', 2, ['AUTO', 'MANUAL']);
      return typeof set === 'string' ? bad(set) : ok((e) => set.has((e.seeded as SpTarget).expressionType));
    },
    asinFilter: textFilter('asinFilter', (e) =>
      (e.seeded as SpTarget).expression.flatMap((p) => (p.value ? [p.value] : [])),
    ),
  },
  entities: currentTargets,
  toJson(entity, extended) {
    const t = entity.seeded as SpTarget;
    return {
      targetId: entity.id,
      campaignId: String(entity.campaign.campaignId),
      adGroupId: String(entity.campaign.adGroupId),
      expression: t.expression,
      resolvedExpression: t.expression,
      expressionType: t.expressionType,
      state: entity.state,
      bid: entity.bid,
      ...(extended ? { extendedData: extendedData(entity) } : {}),
    };
  },
};

/** Checks the vendor media type in Content-Type and (when sent) Accept: 415 `UNSUPPORTED_MEDIA_TYPE` otherwise. */
export function mediaTypeProblem(request: Request, mediaType: string): Response | null {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== mediaType.toLowerCase()) {
    return v3Error(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${mediaType}`);
  }
  const accept = request.headers.get('accept');
  if (accept !== null) {
    const types = accept.split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
    if (!types.some((t) => t === mediaType.toLowerCase() || t === '*/*')) {
      return v3Error(415, 'UNSUPPORTED_MEDIA_TYPE', `Accept must allow ${mediaType}`);
    }
  }
  return null;
}

export async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export const invalid = (message: string) => v3Error(400, 'INVALID_ARGUMENT', message);
export const vendorJson = (
  status: number,
  body: unknown,
  mediaType: string,
  headers: Record<string, string> = {},
) => json(status, body, { 'content-type': mediaType, ...headers });

function pageToken(offset: number, filters: string): string {
  return btoa(`${offset}:${hash32(filters).toString(36)}`);
}

function readPageToken(token: string, filters: string): number | null {
  let text: string;
  try {
    text = atob(token);
  } catch {
    return null;
  }
  const [offset, hash] = text.split(':');
  const value = Number(offset);
  return hash === hash32(filters).toString(36) && Number.isInteger(value) && value >= 0 ? value : null;
}

async function list(ctx: MockContext, resource: Resource, caller: AdsCaller, { request }: RouteArgs) {
  const media = mediaTypeProblem(request, resource.mediaType);
  if (media) return media;
  const body = await readBody(request);
  if (!body) return invalid('The request body is not a JSON object');
  const checks: Record<string, (value: unknown) => Check> = { ...common, ...resource.filters };
  const keeps: ((entity: Entity) => boolean)[] = [];
  const { maxResults, nextToken, includeExtendedDataFields, ...filters } = body;
  for (const [name, value] of Object.entries(filters)) {
    const check = checks[name];
    if (!check) return invalid(`Unknown field ${name}`);
    const result = check(value);
    if (!result.ok) return invalid(result.message);
    keeps.push(result.keep);
  }
  if (
    maxResults !== undefined &&
    (!Number.isInteger(maxResults) || (maxResults as number) < 1 || (maxResults as number) > MAX_PAGE)
  ) {
    return invalid(`maxResults must be an integer from 1 to ${MAX_PAGE}`);
  }
  if (includeExtendedDataFields !== undefined && typeof includeExtendedDataFields !== 'boolean') {
    return invalid('includeExtendedDataFields must be a boolean');
  }
  const filterKey = JSON.stringify(filters);
  let offset = 0;
  if (nextToken !== undefined && nextToken !== null) {
    const read = typeof nextToken === 'string' ? readPageToken(nextToken, filterKey) : null;
    if (read === null) return invalid('Invalid nextToken');
    offset = read;
  }
  const matching = resource
    .entities(ctx, caller.profile!)
    .filter((entity) => keeps.every((keep) => keep(entity)));
  const size = (maxResults as number | undefined) ?? MAX_PAGE;
  const page = matching.slice(offset, offset + size);
  const next = offset + size < matching.length ? pageToken(offset + size, filterKey) : undefined;
  return vendorJson(
    200,
    {
      [resource.collection]: page.map((entity) =>
        resource.toJson(entity, includeExtendedDataFields === true),
      ),
      totalResults: matching.length,
      ...(next ? { nextToken: next } : {}),
    },
    resource.mediaType,
  );
}

/** One item error of a multi-status answer: `{ errorType, errorValue: { [errorType]: details } }`. */
function itemError(errorType: string, details: Record<string, unknown>) {
  return { errorType, errorValue: { [errorType]: details } };
}

async function update(ctx: MockContext, resource: Resource, caller: AdsCaller, { request }: RouteArgs) {
  const media = mediaTypeProblem(request, resource.mediaType);
  if (media) return media;
  const body = await readBody(request);
  const items = body?.[resource.collection];
  if (!body || !Array.isArray(items)) return invalid(`The request body needs a ${resource.collection} array`);
  if (items.length === 0 || items.length > MAX_UPDATE) {
    return invalid(`${resource.collection} takes 1 to ${MAX_UPDATE} items`);
  }
  const fields = [resource.idField, 'bid', 'state'];
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return invalid(`${resource.collection}[${index}] is not an object`);
    }
    const unknown = Object.keys(item).find((key) => !fields.includes(key));
    if (unknown) return invalid(`${resource.collection}[${index}].${unknown} cannot be updated`);
  }
  const profile = caller.profile!;
  const marketplace = profile.marketplace.countryCode;
  const [minBid, maxBid] = bidLimitsOf(marketplace);
  const byId = new Map(resource.entities(ctx, profile).map((entity) => [entity.id, entity]));
  const seen = new Set<string>();
  const representation = /return=representation/i.test(request.headers.get('prefer') ?? '');
  const success: Record<string, unknown>[] = [];
  const error: { index: number; errors: unknown[] }[] = [];
  const now = ctx.clock.now();
  for (const [index, raw] of (items as Record<string, unknown>[]).entries()) {
    const at = (field: string, trigger?: unknown) => ({
      location: `$[${index}].${field}`,
      ...(trigger === undefined ? {} : { trigger: String(trigger) }),
    });
    const id = raw[resource.idField];
    const fail = (errorType: string, details: Record<string, unknown>) =>
      error.push({ index, errors: [itemError(errorType, details)] });
    if (typeof id !== 'string' || id === '') {
      fail('missingValueError', {
        reason: 'MISSING_VALUE',
        cause: at(resource.idField),
        message: `${resource.idField} is required`,
      });
      continue;
    }
    if (seen.has(id)) {
      fail('duplicateValueError', {
        reason: 'DUPLICATE_VALUE',
        cause: at(resource.idField, id),
        message: `${resource.idField} ${id} appears more than once in the request`,
      });
      continue;
    }
    seen.add(id);
    const entity = byId.get(id);
    if (!entity) {
      fail('entityNotFoundError', {
        reason: 'ENTITY_NOT_FOUND',
        entityType: resource.entityType,
        entityId: id,
        cause: at(resource.idField, id),
        message: `${resource.entityType} ${id} was not found`,
      });
      continue;
    }
    if (entity.state === 'ARCHIVED') {
      fail('entityStateError', {
        reason: 'ARCHIVED_ENTITY_CANNOT_BE_MODIFIED',
        marketplace,
        entityType: resource.entityType,
        cause: at(resource.idField, id),
        message: 'An archived entity cannot be modified',
      });
      continue;
    }
    const { state, bid } = raw;
    if (state !== undefined && state !== 'ENABLED' && state !== 'PAUSED') {
      fail('entityStateError', {
        reason: 'INVALID_TARGET_STATE',
        marketplace,
        entityType: resource.entityType,
        cause: at('state', state),
        message: 'state must be ENABLED or PAUSED',
      });
      continue;
    }
    if (bid !== undefined && (typeof bid !== 'number' || !Number.isFinite(bid))) {
      fail('malformedValueError', {
        reason: 'PATTERN_NOT_MATCHED',
        cause: at('bid', bid),
        message: 'bid must be a number',
      });
      continue;
    }
    if (typeof bid === 'number' && (bid < minBid || bid > maxBid)) {
      fail('biddingError', {
        reason: 'BID_OUT_OF_MARKET_PLACE_RANGE',
        marketplace,
        cause: at('bid', bid),
        lowerLimit: String(minBid),
        upperLimit: String(maxBid),
        message: `The bid must be between ${minBid} and ${maxBid} ${profile.marketplace.currencyCode} in ${marketplace}`,
      });
      continue;
    }
    const key = editKey(resource.kind, id);
    const edit = ctx.state.targetingEdits.get(key) ?? { updatedAt: now };
    if (typeof bid === 'number') edit.bid = bid;
    if (state === 'ENABLED' || state === 'PAUSED') edit.state = state;
    edit.updatedAt = now;
    ctx.state.targetingEdits.set(key, edit);
    const after = {
      ...entity,
      bid: edit.bid ?? entity.bid,
      state: edit.state ?? entity.state,
      updatedAt: now,
    };
    success.push({
      [resource.idField]: id,
      index,
      ...(representation ? { [resource.itemField]: resource.toJson(after as Entity, true) } : {}),
    });
  }
  return vendorJson(
    207,
    { [resource.collection]: { success, error } },
    resource.mediaType,
    representation ? { 'preference-applied': 'return=representation' } : {},
  );
}

/**
 * `POST /sp/keywords/list`, `PUT /sp/keywords`, `POST /sp/targets/list`, `PUT /sp/targets` on one region's Ads
 * host (endpoint names `ads.sp.keywords.list|update`, `ads.sp.targets.list|update`).
 */
export function adsSpTargetingHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [keywords, targets].flatMap((resource) => [
    adsRoute(
      ctx,
      region,
      {
        method: 'POST',
        path: `${resource.path}/list`,
        endpoint: `${resource.endpoint}.list`,
        needScope: true,
        family: 'adsV3',
      },
      (caller, args) => list(ctx, resource, caller, args),
    ),
    adsRoute(
      ctx,
      region,
      {
        method: 'PUT',
        path: resource.path,
        endpoint: `${resource.endpoint}.update`,
        needScope: true,
        family: 'adsV3',
      },
      (caller, args) => update(ctx, resource, caller, args),
    ),
  ]);
}
