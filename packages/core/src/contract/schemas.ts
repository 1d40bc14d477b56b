/**
 * The backend contract: the JSON that travels between the browser engine and the server half, defined once
 * with zod/mini (small in the browser) and used by both the transport and `createConnectionsHandler`.
 */
import * as z from 'zod/mini';
import { errorCodes } from './error-codes';
import { isHttpUrl, isIsoDate, isIsoDateTime } from './formats';
import { everyKey, integerFrom, text } from './schema-parts';

/** The two Amazon connections of a subscription. */
export const connectionKindSchema = /* @__PURE__ */ z.enum(['advertising', 'sellerCentral']);
/** Amazon's three API regions: North America, Europe, Far East. */
export const amazonRegionSchema = /* @__PURE__ */ z.enum(['na', 'eu', 'fe']);
/** Whether a connection still works: `stale` after a password change or a revoked authorization. */
export const connectionHealthSchema = /* @__PURE__ */ z.enum(['ok', 'stale']);
/** Whether data has arrived since the connection was made (rule 5). */
export const dataStateSchema = /* @__PURE__ */ z.enum(['populating', 'ready']);

// Formats are `z.refine` checks over plain predicates (./formats): zod's own format checks would cost ~2.5 kB.
const isoDateTime = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.refine((value) => isIsoDateTime(value, true), 'must be an ISO date-time'));
const isoDate = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.refine(isIsoDate, 'must be an ISO date'));
const nonEmpty = /* @__PURE__ */ text(1, 512);

/** A marketplace where an advertising profile exists. */
export const advertisingMarketplaceSchema = /* @__PURE__ */ z.object({
  profileId: nonEmpty,
  countryCode: /* @__PURE__ */ text(2, 2),
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
  attempt: /* @__PURE__ */ z.optional(/* @__PURE__ */ integerFrom(1)),
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
  countryCode: /* @__PURE__ */ text(2, 2),
});

/**
 * One region's Seller Central authorisation (Amazon authorises the SP-API per region: North America, Europe, Far
 * East each need their own consent).
 */
export const sellerCentralAuthorisationSchema = /* @__PURE__ */ z.object({
  region: amazonRegionSchema,
  health: connectionHealthSchema,
  sellingPartnerId: nonEmpty,
  marketplaces: /* @__PURE__ */ z.array(sellerMarketplaceSchema),
  connectedAt: isoDateTime,
  data: dataSchema,
});

/**
 * The connected Seller Central (SP-API) layer of the Advertising account. Its fields are the primary
 * authorisation's (the Advertising account's home region when authorised there); `regions` lists every authorised
 * region (absent from servers before regions).
 */
export const sellerCentralConnectionSchema = /* @__PURE__ */ z.object({
  kind: /* @__PURE__ */ z.literal('sellerCentral'),
  health: connectionHealthSchema,
  sellingPartnerId: nonEmpty,
  region: amazonRegionSchema,
  marketplaces: /* @__PURE__ */ z.array(sellerMarketplaceSchema),
  connectedAt: isoDateTime,
  data: dataSchema,
  regions: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(sellerCentralAuthorisationSchema)),
});

const currencyCode = /* @__PURE__ */ text(3, 3);

/**
 * What one connection covers in one marketplace: `covered`, or not with the reason and a sentence for the
 * dashboard (`disconnected`: that connection is not connected; `not_covered`: it is connected, but not for this
 * marketplace, e.g. Seller Central authorised for North America only and the marketplace is Germany). Covered by
 * an authorisation that has stopped working: `health: 'stale'` with that authorisation's `region`, its
 * `connectedAt` and a sentence (absent from servers before regions, and while the authorisation works).
 */
export const marketplaceCoverageSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({
    covered: /* @__PURE__ */ z.literal(true),
    health: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.literal('stale')),
    region: /* @__PURE__ */ z.optional(amazonRegionSchema),
    connectedAt: /* @__PURE__ */ z.optional(isoDateTime),
    message: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  }),
  /* @__PURE__ */ z.object({
    covered: /* @__PURE__ */ z.literal(false),
    reason: /* @__PURE__ */ z.enum(['disconnected', 'not_covered']),
    message: /* @__PURE__ */ z.string(),
  }),
]);

/**
 * One marketplace of the connected account (an Ads profile's, or a Seller Central participation's) and what
 * each connection covers there. `currency` is the marketplace's: every money figure for it is in it. `name` is the
 * country as a sentence names it ("the United Kingdom", as in the coverage messages); `countryName` as a label or
 * a list writes it ("United Kingdom"; absent from servers before it: fall back to `name`).
 */
export const accountMarketplaceSchema = /* @__PURE__ */ z.object({
  marketplaceId: nonEmpty,
  countryCode: /* @__PURE__ */ text(2, 2),
  name: nonEmpty,
  countryName: /* @__PURE__ */ z.optional(nonEmpty),
  region: amazonRegionSchema,
  currency: /* @__PURE__ */ z.nullable(currencyCode),
  advertising: marketplaceCoverageSchema,
  sellerCentral: marketplaceCoverageSchema,
});

/** `GET /status`: the subscription's connections as the server sees them. */
export const connectionsStatusSchema = /* @__PURE__ */ z.object({
  subscription: /* @__PURE__ */ z.object({
    accountLimit: /* @__PURE__ */ integerFrom(0),
  }),
  advertising: /* @__PURE__ */ z.nullable(advertisingConnectionSchema),
  sellerCentral: /* @__PURE__ */ z.nullable(sellerCentralConnectionSchema),
  /** The account's marketplaces, home marketplace first (absent from servers before marketplaces). */
  marketplaces: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(accountMarketplaceSchema)),
});

/** A same-origin relative path (`/dashboard?tab=1`), never `//host` or a scheme. */
export const returnPathSchema = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.refine((path) => path.length <= 2048, 'must have at most 2048 characters'),
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
  authorizeUrl: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.refine(isHttpUrl, 'must be an http(s) URL')),
  state: /* @__PURE__ */ text(16, 256),
  expiresAt: isoDateTime,
});

/** `POST /callback`: what came back from Amazon, parsed by the browser. */
export const callbackRequestSchema = /* @__PURE__ */ z.union([
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
export const callbackResponseSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({
    outcome: /* @__PURE__ */ z.literal('connected'),
    status: connectionsStatusSchema,
  }),
  /* @__PURE__ */ z.object({
    outcome: /* @__PURE__ */ z.literal('choose_account'),
    accounts: /* @__PURE__ */ z
      .array(advertisingAccountSchema)
      .check(/* @__PURE__ */ z.refine((accounts) => accounts.length >= 2, 'must list at least 2 accounts')),
  }),
]);

/** `POST /advertising/account`: the account picked after a sign-in that sees several. */
export const selectAccountRequestSchema = /* @__PURE__ */ z.object({ state: nonEmpty, accountId: nonEmpty });

/**
 * `POST /disconnect`: Advertising needs `confirmed: true` (rule 4); Seller Central is immediate (rule 3): the
 * whole layer, or with `region` that region's authorisation only (Seller Central only).
 */
export const disconnectRequestSchema = /* @__PURE__ */ z.object({
  kind: connectionKindSchema,
  confirmed: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  region: /* @__PURE__ */ z.optional(amazonRegionSchema),
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
/**
 * Why a figure is missing: never 0 in its place. `not_covered`: its connection is connected, but not for this
 * marketplace (see the answer's `marketplace`); `mixed_currencies`: an all-marketplaces money figure whose amounts
 * exist in several currencies and no conversion rates were given (the per-currency `totals` have it); while those
 * amounts are still `populating`, or cannot be had, the figure says that reason instead.
 */
export const missingReasonSchema = /* @__PURE__ */ z.enum([
  'disconnected',
  'stale',
  'populating',
  'not_covered',
  'mixed_currencies',
]);
/**
 * A figure, or `null` with the reason it is missing. Money is in the response's `currency`; ACoS, TACoS,
 * Buy Box % and Listing CVR are percentages in points, as Amazon reports them (38.8 means 38.8 %); ROAS is a
 * ratio (2.57 means 2.57x).
 */
export const metricValueSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({ value: /* @__PURE__ */ z.number(), reason: /* @__PURE__ */ z.null() }),
  /* @__PURE__ */ z.object({ value: /* @__PURE__ */ z.null(), reason: missingReasonSchema }),
]);
// Every metric, and no other key (what `z.record(metricIdSchema, …)` checks).
const metricsSchema = /* @__PURE__ */ everyKey(metricIdSchema, metricValueSchema);
const asinsSchema = /* @__PURE__ */ z.array(
  /* @__PURE__ */ z.object({
    asin: nonEmpty,
    adSpend: metricValueSchema,
    totalSales: metricValueSchema,
    tacos: metricValueSchema,
  }),
);

/** The `marketplace` query value asking for every marketplace of the account at once. */
export const allMarketplaces = 'all';

/**
 * `GET /metrics?from=YYYY-MM-DD&to=YYYY-MM-DD[&marketplace=<marketplaceId>|all]`. Without `marketplace`: the
 * account's home marketplace (its first Ads profile), as before. `marketplace` says which one the figures are for
 * and what each connection covers there. With `marketplace=all`: `marketplaces` has each marketplace's figures (in
 * its `marketplace.currency`),
 * `totals` one entry per currency (amounts are never added across currencies; ratios come from the summed amounts,
 * never averaged); `metrics`/`asins` are the totals in `currency` when there is one currency, or when the host
 * gave conversion rates (`conversion` then says the rates and their date), else money figures say
 * `mixed_currencies`.
 */
export const metricsResponseSchema = /* @__PURE__ */ z.object({
  range: /* @__PURE__ */ z.object({
    from: /* @__PURE__ */ isoDate,
    to: /* @__PURE__ */ isoDate,
  }),
  currency: /* @__PURE__ */ z.nullable(currencyCode),
  metrics: metricsSchema,
  asins: asinsSchema,
  marketplace: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.union([
      /* @__PURE__ */ z.literal(allMarketplaces),
      /* @__PURE__ */ z.nullable(accountMarketplaceSchema),
    ]),
  ),
  marketplaces: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.object({
        marketplace: accountMarketplaceSchema,
        metrics: metricsSchema,
      }),
    ),
  ),
  totals: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.object({
        currency: currencyCode,
        marketplaceIds: /* @__PURE__ */ z.array(nonEmpty),
        metrics: metricsSchema,
        asins: asinsSchema,
      }),
    ),
  ),
  conversion: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.object({
      currency: currencyCode,
      rateDate: /* @__PURE__ */ isoDate,
      // Currency code -> a positive rate (a catchall object: zod's record schema costs more in the browser).
      rates: /* @__PURE__ */ z
        .catchall(
          /* @__PURE__ */ z.object({}),
          /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.refine((rate) => rate > 0, 'must be positive')),
        )
        .check(
          /* @__PURE__ */ z.refine(
            (rates) => Object.keys(rates).every((code) => code.length === 3),
            'keys must be currency codes',
          ),
        ),
    }),
  ),
});

/** What happened to a connection, as `GET /history` lists it. */
export const connectionEventTypeSchema = /* @__PURE__ */ z.enum([
  'connected',
  'account_chosen',
  'reconnected',
  'disconnected',
  'stale_detected',
  'data_ready',
  'disconnect_confirmation_asked',
  'erased',
]);
/** One entry of the connection history: what, which connection, when, who and from which request. */
export const connectionHistoryEntrySchema = /* @__PURE__ */ z.object({
  id: nonEmpty,
  type: connectionEventTypeSchema,
  kind: connectionKindSchema,
  accountId: /* @__PURE__ */ z.string(),
  at: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.refine((value) => isIsoDateTime(value), 'must be an ISO date-time')),
  actor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  requestId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  /** `disconnected`: true for the Seller Central layer removed with its Advertising account. */
  cascade: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  /** Seller Central: the region of the authorisation the event is about. */
  region: /* @__PURE__ */ z.optional(amazonRegionSchema),
});
/** `GET /history`: the subscription's connection history, newest first. */
export const connectionHistoryResponseSchema = /* @__PURE__ */ z.object({
  entries: /* @__PURE__ */ z.array(connectionHistoryEntrySchema),
});

/** An `application/problem+json` body (RFC 9457) with our stable code. */
export const problemSchema = /* @__PURE__ */ z.object({
  type: /* @__PURE__ */ z.string(),
  title: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ integerFrom(0), // an HTTP status
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
