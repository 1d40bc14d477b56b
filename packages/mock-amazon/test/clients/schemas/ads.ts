import { z } from 'zod';

/*
 * Amazon Ads API answers, written from Amazon's models: Profiles v2 (advertising.amazon.com API reference
 * "Profiles": Profile, AccountInfo with type seller|vendor|agency; the same codec ships in
 * @scaleleap/amazon-advertising-api-sdk's operations/profiles/types), Reporting v3 (OfflineReport OpenAPI:
 * AsyncReport, status PENDING|PROCESSING|COMPLETED|FAILED; errors `{code, detail}`), and Sponsored Products
 * campaign management v3 (SponsoredProducts OpenAPI: SponsoredProductsKeyword, SponsoredProductsTargetingClause,
 * List*ResponseContent, Update*ResponseContent with BulkKeywordOperationResponse, *MutationError; errors
 * `{code, message}`). Gateway authentication errors: `{code, details, requestId}` (Ads API docs, "Errors").
 */

/** Gateway errors (401 and friends, 429 of v2/reporting). */
export const adsGatewayError = z.object({ code: z.string(), details: z.string(), requestId: z.string() });

/** Reporting v3's own errors, the 425 duplicate included. */
export const reportingError = z.object({ code: z.string(), detail: z.string() });

/** Campaign management v3 errors (400 INVALID_ARGUMENT, 401, 415, 429 THROTTLED, 500). */
export const v3Error = z.object({ code: z.string(), message: z.string() });

const profile = z.object({
  profileId: z.number().int(),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  dailyBudget: z.number().optional(),
  timezone: z.string(),
  accountInfo: z.object({
    marketplaceStringId: z.string(),
    id: z.string(),
    type: z.enum(['seller', 'vendor', 'agency']),
    name: z.string().optional(),
    subType: z.string().optional(),
    validPaymentMethod: z.boolean().optional(),
  }),
});

/** `GET /v2/profiles` 200 and `GET /v2/profiles/{id}` 200. */
export const profilesAnswer = z.array(profile);
export const profileAnswer = profile;

/** `POST /reporting/reports` 200 and `GET /reporting/reports/{id}` 200. */
export const asyncReportAnswer = z.object({
  reportId: z.string(),
  name: z.string().nullable().optional(),
  status: z.enum(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED']),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  configuration: z.object({
    adProduct: z.enum(['SPONSORED_PRODUCTS', 'SPONSORED_BRANDS', 'SPONSORED_DISPLAY']),
    reportTypeId: z.string(),
    groupBy: z.array(z.string()).min(1),
    columns: z.array(z.string()).min(1),
    timeUnit: z.enum(['DAILY', 'SUMMARY']),
    format: z.literal('GZIP_JSON'),
    filters: z.array(z.object({ field: z.string(), values: z.array(z.string()) })).optional(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  generatedAt: z.iso.datetime().nullable().optional(),
  url: z.url().nullable().optional(),
  urlExpiresAt: z.iso.datetime().nullable().optional(),
  fileSize: z.number().int().nullable().optional(),
  failureReason: z.string().nullable().optional(),
});

const entityState = z.enum([
  'ENABLED',
  'PAUSED',
  'ARCHIVED',
  'ENABLING',
  'OTHER',
  'PROPOSED',
  'USER_DELETED',
]);
const id = z.string().regex(/^\d+$/);
const extendedData = z
  .object({
    creationDateTime: z.iso.datetime().optional(),
    lastUpdateDateTime: z.iso.datetime().optional(),
    servingStatus: z.string().optional(),
  })
  .optional();

const keyword = z.object({
  keywordId: id,
  campaignId: id,
  adGroupId: id,
  keywordText: z.string(),
  matchType: z.enum(['EXACT', 'PHRASE', 'BROAD', 'OTHER']),
  state: entityState,
  bid: z.number().optional(),
  nativeLanguageKeyword: z.string().optional(),
  nativeLanguageLocale: z.string().optional(),
  extendedData,
});

const predicate = z.object({ type: z.string(), value: z.string().optional() });
const targetingClause = z.object({
  targetId: id,
  campaignId: id,
  adGroupId: id,
  expression: z.array(predicate),
  resolvedExpression: z.array(predicate),
  expressionType: z.enum(['AUTO', 'MANUAL', 'OTHER']),
  state: entityState,
  bid: z.number().optional(),
  extendedData,
});

/** `POST /sp/keywords/list` 200. */
export const listKeywordsAnswer = z.object({
  keywords: z.array(keyword).optional(),
  nextToken: z.string().optional(),
  totalResults: z.number().int().optional(),
});

/** `POST /sp/targets/list` 200. */
export const listTargetsAnswer = z.object({
  targetingClauses: z.array(targetingClause).optional(),
  nextToken: z.string().optional(),
  totalResults: z.number().int().optional(),
});

const errorCause = z.object({ location: z.string(), trigger: z.string().optional() });
/** One `*MutationError`: `errorType` names the one key of `errorValue`, whose value has a reason and a message. */
const mutationError = z
  .object({
    errorType: z.string(),
    errorValue: z.record(
      z.string(),
      z.object({ reason: z.string(), message: z.string(), cause: errorCause.optional() }).loose(),
    ),
  })
  .refine((e) => Object.keys(e.errorValue).length === 1 && e.errorType in e.errorValue, {
    message: 'errorValue must hold exactly the errorType key',
  });

function bulk<T extends z.ZodType>(idField: string, item: string, entity: T) {
  return z.object({
    success: z
      .array(
        z.object({ index: z.number().int().min(0), [idField]: id.optional(), [item]: entity.optional() }),
      )
      .optional(),
    error: z
      .array(z.object({ index: z.number().int().min(0), errors: z.array(mutationError).optional() }))
      .optional(),
  });
}

/** `PUT /sp/keywords` 207. */
export const updateKeywordsAnswer = z.object({ keywords: bulk('keywordId', 'keyword', keyword) });

/** `PUT /sp/targets` 207. */
export const updateTargetsAnswer = z.object({
  targetingClauses: bulk('targetId', 'targetingClause', targetingClause),
});
