/**
 * @smart-ads/mock-amazon: a stateful fake of Login with Amazon, the Amazon Ads API and the Selling Partner API.
 * Browser-safe: no Node built-ins here. The standalone server is in `@smart-ads/mock-amazon/node`.
 *
 * @example
 * ```ts
 * import { createMockAmazon } from '@smart-ads/mock-amazon';
 * const amazon = createMockAmazon();
 * ```
 */
export {
  type AmazonBaseUrls,
  type AmazonRegion,
  amazonProductionBaseUrls,
  amazonRegions,
  mockAmazonBaseUrls,
} from './base-urls.js';
export type { ClockMode, MockClock } from './clock.js';
export type { MockAmazonApp } from './context.js';
export { handleControlRequest } from './control.js';
export {
  type CreateMockAmazonOptions,
  createMockAmazon,
  defaultMockApp,
  type MockAmazon,
  type MockAmazonLogEntry,
  type MockAmazonUser,
} from './create-mock-amazon.js';
export { MockAmazonError, type MockAmazonErrorCode } from './errors/mock-amazon-error.js';
export { SignInError } from './errors/sign-in-error.js';
export { UnhandledRequestError } from './errors/unhandled-request-error.js';
export { type HtmlForm, pageErrorCode, parseHtmlForms } from './html-form.js';
export { gunzip } from './http/gzip.js';
export { type FaultTimes, type MockAmazonScenarios, type ReportApi, scenarioNames } from './scenarios.js';
export type { SignInOptions } from './sign-in.js';
export { type Marketplace, marketplaces } from './world/marketplaces.js';
export { DEFAULT_PASSWORD, type ReadyMadeUserKey } from './world/seed-world.js';
export type {
  AdsProfile,
  AdvertisingAccount,
  AmazonUser,
  Campaign,
  Product,
  SellingPartner,
  Shop,
  SpKeyword,
  SpTarget,
} from './world/types.js';

/**
 * The package's version.
 *
 * @example
 * ```ts
 * import { version } from '@smart-ads/mock-amazon';
 * ```
 */
export const version = '0.1.0';
