import { z } from 'zod';

/*
 * The GET_SALES_AND_TRAFFIC_REPORT document, written from Amazon's JSON schema
 * (amzn/selling-partner-api-models, schemas/reports/sellerSalesAndTrafficReport.json): each object's `required`
 * list, integer/number types, minimum 0 and the 100 maximum of the percentages that have one.
 */

const amount = z.object({ amount: z.number(), currencyCode: z.string() });
const count = z.number().int().min(0);
const percentage = z.number().min(0).max(100);

const salesByDate = z.object({
  orderedProductSales: amount,
  unitsOrdered: count,
  totalOrderItems: count,
  averageSalesPerOrderItem: amount,
  averageUnitsPerOrderItem: z.number().min(0),
  averageSellingPrice: amount,
  unitsRefunded: count,
  refundRate: percentage,
  claimsGranted: count,
  claimsAmount: amount,
  shippedProductSales: amount,
  unitsShipped: count,
  ordersShipped: count,
});

const trafficByDate = z.object({
  browserPageViews: count,
  mobileAppPageViews: count,
  pageViews: count,
  browserSessions: count,
  mobileAppSessions: count,
  sessions: count,
  buyBoxPercentage: percentage,
  orderItemSessionPercentage: percentage,
  unitSessionPercentage: z.number().min(0),
  averageOfferCount: count,
  averageParentItems: count,
  feedbackReceived: count,
  negativeFeedbackReceived: count,
  receivedNegativeFeedbackRate: percentage,
});

const salesByAsin = z.object({ unitsOrdered: count, orderedProductSales: amount, totalOrderItems: count });

const trafficByAsin = z.object({
  browserSessions: count,
  mobileAppSessions: count,
  sessions: count,
  browserSessionPercentage: percentage,
  mobileAppSessionPercentage: percentage,
  sessionPercentage: percentage,
  browserPageViews: count,
  mobileAppPageViews: count,
  pageViews: count,
  browserPageViewsPercentage: percentage,
  mobileAppPageViewsPercentage: percentage,
  pageViewsPercentage: percentage,
  buyBoxPercentage: percentage,
  unitSessionPercentage: z.number().min(0),
});

/** The whole document. */
export const salesAndTrafficDocument = z.object({
  reportSpecification: z.object({
    reportType: z.literal('GET_SALES_AND_TRAFFIC_REPORT'),
    reportOptions: z
      .object({
        dateGranularity: z.enum(['DAY', 'WEEK', 'MONTH']).optional(),
        asinGranularity: z.enum(['PARENT', 'CHILD', 'SKU']).optional(),
      })
      .optional(),
    dataStartTime: z.iso.date(),
    dataEndTime: z.iso.date(),
    marketplaceIds: z.array(z.string()).length(1),
  }),
  salesAndTrafficByDate: z.array(z.object({ date: z.iso.date(), salesByDate, trafficByDate })),
  salesAndTrafficByAsin: z.array(
    z.object({
      parentAsin: z.string(),
      childAsin: z.string().optional(),
      sku: z.string().optional(),
      salesByAsin,
      trafficByAsin,
    }),
  ),
});
