/**
 * The backend contract: the JSON that travels between the browser engine and the server half, defined once
 * with zod/mini (small in the browser) and used by both the transport and `createConnectionsHandler`.
 */
import * as z from 'zod/mini';
import { errorCodes } from './error-codes';

/** The two Amazon connections of a subscription. */
export const connectionKindSchema = /* @__PURE__ */ z.enum(['advertising', 'sellerCentral']);
/** Amazon's three API regions: North America, Europe, Far East. */
export const amazonRegionSchema = /* @__PURE__ */ z.enum(['na', 'eu', 'fe']);
/** Whether a connection still works: `stale` after a password change or a revoked authorization. */
export const connectionHealthSchema = /* @__PURE__ */ z.enum(['ok', 'stale']);
/** Whether data has arrived since the connection was made (rule 5). */
export const dataStateSchema = /* @__PURE__ */ z.enum(['populating', 'ready']);

const isoDateTime = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.iso.datetime({ offset: true }));
const nonEmpty = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(512));

/** A marketplace where an advertising profile exists. */
export const advertisingMarketplaceSchema = /* @__PURE__ */ z.object({
  profileId: nonEmpty,
  countryCode: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.length(2)),
  marketplaceId: nonEmpty,
  region: amazonRegionSchema,
});

/** One advertising account a Login with Amazon user can see. */
export const advertisingAccountSchema = /* @__PURE__ */ z.object({
  id: nonEmpty,
  name: nonEmpty,
  type: /* @__PURE__ */ z.enum(['seller', 'vendor', 'agency']),
  marketplaces: /* @__PURE__ */ z.array(advertisingMarketplaceSchema),
});

/** An Amazon data source behind some figures (see `metricCatalogue`'s `sources`). */
export const dataSourceSchema = /* @__PURE__ */ z.enum([
  'campaigns',
  'advertisedProducts',
  'orders',
  'salesAndTraffic',
]);

/**
 * A connection's data: `ready` once every source of its figures has sent data, else `populating` since `since`.
 * `missing` names the sources still without data (all of them until the first arrives); `attempt` counts the
 * connections of this account so far while its data was incomplete (2: reconnected once more, still waiting).
 */
const dataSchema = /* @__PURE__ */ z.object({
  state: dataStateSchema,
  since: isoDateTime,
  missing: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(dataSourceSchema)),
  attempt: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1)),
  ),
});

/** The connected Amazon Advertising account. */
export const advertisingConnectionSchema = /* @__PURE__ */ z.object({
  kind: /* @__PURE__ */ z.literal('advertising'),
  health: connectionHealthSchema,
  account: advertisingAccountSchema,
  connectedAt: isoDateTime,
  data: dataSchema,
});

/** A Seller Central marketplace participation. */
export const sellerMarketplaceSchema = /* @__PURE__ */ z.object({
  id: nonEmpty,
  name: nonEmpty,
  countryCode: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.length(2)),
});

/** The connected Seller Central (SP-API) layer of the Advertising account. */
export const sellerCentralConnectionSchema = /* @__PURE__ */ z.object({
  kind: /* @__PURE__ */ z.literal('sellerCentral'),
  health: connectionHealthSchema,
  sellingPartnerId: nonEmpty,
  region: amazonRegionSchema,
  marketplaces: /* @__PURE__ */ z.array(sellerMarketplaceSchema),
  connectedAt: isoDateTime,
  data: dataSchema,
});

/** `GET /status`: the subscription's connections as the server sees them. */
export const connectionsStatusSchema = /* @__PURE__ */ z.object({
  subscription: /* @__PURE__ */ z.object({
    accountLimit: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.gte(0)),
  }),
  advertising: /* @__PURE__ */ z.nullable(advertisingConnectionSchema),
  sellerCentral: /* @__PURE__ */ z.nullable(sellerCentralConnectionSchema),
});

/** A same-origin relative path (`/dashboard?tab=1`), never `//host` or a scheme. */
export const returnPathSchema = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.maxLength(2048),
  /* @__PURE__ */ z.refine((path) => isSafeReturnPath(path), 'must be a same-origin relative path'),
);

/** `POST /authorize`: start connecting one kind. */
export const authorizeRequestSchema = /* @__PURE__ */ z.object({
  kind: connectionKindSchema,
  returnTo: returnPathSchema,
  region: /* @__PURE__ */ z.optional(amazonRegionSchema),
});
/** The Amazon URL to send the browser to, and the transaction's `state`. */
export const authorizeResponseSchema = /* @__PURE__ */ z.object({
  authorizeUrl: /* @__PURE__ */ z.url({ protocol: /^https?$/ }),
  state: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(16), /* @__PURE__ */ z.maxLength(256)),
  expiresAt: isoDateTime,
});

/** `POST /callback`: what came back from Amazon, parsed by the browser. */
export const callbackRequestSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  /* @__PURE__ */ z.object({
    kind: /* @__PURE__ */ z.literal('advertising'),
    state: nonEmpty,
    code: nonEmpty,
  }),
  /* @__PURE__ */ z.object({
    kind: /* @__PURE__ */ z.literal('sellerCentral'),
    state: nonEmpty,
    code: nonEmpty,
    sellingPartnerId: nonEmpty,
  }),
]);
/** The exchange connected something, or the user must pick one of several advertising accounts. */
export const callbackResponseSchema = /* @__PURE__ */ z.discriminatedUnion('outcome', [
  /* @__PURE__ */ z.object({
    outcome: /* @__PURE__ */ z.literal('connected'),
    status: connectionsStatusSchema,
  }),
  /* @__PURE__ */ z.object({
    outcome: /* @__PURE__ */ z.literal('choose_account'),
    accounts: /* @__PURE__ */ z.array(advertisingAccountSchema).check(/* @__PURE__ */ z.minLength(2)),
  }),
]);

/** `POST /advertising/account`: the account picked after a sign-in that sees several. */
export const selectAccountRequestSchema = /* @__PURE__ */ z.object({ state: nonEmpty, accountId: nonEmpty });

/** `POST /disconnect`: Advertising needs `confirmed: true` (rule 4); Seller Central is immediate (rule 3). */
export const disconnectRequestSchema = /* @__PURE__ */ z.object({
  kind: connectionKindSchema,
  confirmed: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
});

/** Every metric of the help article. */
export const metricIdSchema = /* @__PURE__ */ z.enum([
  'adSpend',
  'acos',
  'roas',
  'totalSales',
  'totalOrders',
  'sessions',
  'buyBoxPercentage',
  'listingConversionRate',
  'tacos',
]);
/** Why a figure is missing: never 0 in its place. */
export const missingReasonSchema = /* @__PURE__ */ z.enum(['disconnected', 'stale', 'populating']);
/**
 * A figure, or `null` with the reason it is missing. Money is in the response's `currency`; ACoS, TACoS,
 * Buy Box % and Listing CVR are percentages in points, as Amazon reports them (38.8 means 38.8 %); ROAS is a
 * ratio (2.57 means 2.57x).
 */
export const metricValueSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({ value: /* @__PURE__ */ z.number(), reason: /* @__PURE__ */ z.null() }),
  /* @__PURE__ */ z.object({ value: /* @__PURE__ */ z.null(), reason: missingReasonSchema }),
]);
/** `GET /metrics?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
export const metricsResponseSchema = /* @__PURE__ */ z.object({
  range: /* @__PURE__ */ z.object({
    from: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.iso.date()),
    to: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.iso.date()),
  }),
  currency: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.length(3))),
  metrics: /* @__PURE__ */ z.record(metricIdSchema, metricValueSchema),
  asins: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({
      asin: nonEmpty,
      adSpend: metricValueSchema,
      totalSales: metricValueSchema,
      tacos: metricValueSchema,
    }),
  ),
});

/** An `application/problem+json` body (RFC 9457) with our stable code. */
export const problemSchema = /* @__PURE__ */ z.object({
  type: /* @__PURE__ */ z.string(),
  title: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
  code: /* @__PURE__ */ z.enum(errorCodes as [string, ...string[]]),
  detail: /* @__PURE__ */ z.string(),
  retryable: /* @__PURE__ */ z.boolean(),
});

/**
 * True for a same-origin relative return path. Rejects `//evil.example`, `/\evil`, schemes and control
 * characters, so a return path can never send the user to another site.
 *
 * @example
 * ```ts
 * isSafeReturnPath('/dashboard?tab=ads'); // true
 * isSafeReturnPath('//evil.example');     // false
 * ```
 */
export function isSafeReturnPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return false;
  try {
    const base = 'http://same-origin.invalid';
    return new URL(path, base).origin === base;
  } catch {
    return false;
  }
}

/** The answer of `POST /advertising/account`: the subscription's connections after the pick. */
export const selectAccountResponseSchema = connectionsStatusSchema;
/** The answer of `POST /disconnect`: the subscription's connections after the disconnect. */
export const disconnectResponseSchema = connectionsStatusSchema;
