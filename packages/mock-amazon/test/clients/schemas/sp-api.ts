import { z } from 'zod';

/*
 * Selling Partner API answers, written from Amazon's models (amzn/selling-partner-api-models, models/):
 * sellers-api-model/sellers.json (GetMarketplaceParticipationsResponse, Marketplace, Participation),
 * sales-api-model/sales.json (GetOrderMetricsResponse, OrderMetricsInterval, Money with a Decimal string amount),
 * reports-api-model/reports_2021-06-30.json (CreateReportResponse, Report, ReportDocument, ErrorList).
 * The same shapes ship as classes in @amazon-sp-api-release/amazon-sp-api-sdk-js (src/<api>_<version>/model).
 */

/** ErrorList: `{ errors: [{ code, message, details? }] }` (every SP-API model). */
export const spErrorList = z.object({
  errors: z
    .array(z.object({ code: z.string().min(1), message: z.string().min(1), details: z.string().optional() }))
    .min(1),
});

const marketplace = z.object({
  id: z.string(),
  name: z.string(),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  defaultCurrencyCode: z.string().regex(/^[A-Z]{3}$/),
  defaultLanguageCode: z.string(),
  domainName: z.string(),
});

/** `GET /sellers/v1/marketplaceParticipations` 200. */
export const participationsAnswer = z.object({
  payload: z.array(
    z.object({
      marketplace,
      participation: z.object({ isParticipating: z.boolean(), hasSuspendedListings: z.boolean() }),
      storeName: z.string(),
    }),
  ),
});

const money = z.object({
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  amount: z.string().regex(/^\d+(\.\d+)?$/),
});

/** `GET /sales/v1/orderMetrics` 200. */
export const orderMetricsAnswer = z.object({
  payload: z.array(
    z.object({
      interval: z.string().regex(/^.+--.+$/),
      unitCount: z.number().int().min(0),
      orderItemCount: z.number().int().min(0),
      orderCount: z.number().int().min(0),
      averageUnitPrice: money,
      totalSales: money,
    }),
  ),
});

/** `POST /reports/2021-06-30/reports` 202. */
export const createReportAnswer = z.object({ reportId: z.string().min(1) });

const dateTime = z.iso.datetime({ offset: true });

/** `GET /reports/2021-06-30/reports/{reportId}` 200. */
export const reportAnswer = z.object({
  marketplaceIds: z.array(z.string()).optional(),
  reportId: z.string(),
  reportType: z.string(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportScheduleId: z.string().optional(),
  createdTime: dateTime,
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  processingStartTime: dateTime.optional(),
  processingEndTime: dateTime.optional(),
  reportDocumentId: z.string().optional(),
});

/** `GET /reports/2021-06-30/documents/{reportDocumentId}` 200. */
export const reportDocumentAnswer = z.object({
  reportDocumentId: z.string(),
  url: z.url(),
  compressionAlgorithm: z.literal('GZIP').optional(),
});
