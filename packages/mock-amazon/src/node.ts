/**
 * The Node entry of @smart-ads/mock-amazon: the standalone HTTP server.
 *
 * @example
 * ```ts
 * import { startMockAmazonServer } from '@smart-ads/mock-amazon/node';
 * const { url, baseUrls, amazon, close } = await startMockAmazonServer({ port: 4010 });
 * const callback = await signInOverHttp(authorizeUrlBuiltByYourServer); // walks the pages over HTTP
 * ```
 */

export * from './index.js';
export {
  type MockAmazonServer,
  type StartMockAmazonServerOptions,
  startMockAmazonServer,
} from './node-server.js';
export { type SignInOverHttpOptions, signInOverHttp } from './sign-in-over-http.js';
