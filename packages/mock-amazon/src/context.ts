import type { AmazonBaseUrls } from './base-urls.js';
import type { ResettableClock } from './clock.js';
import type { MockState } from './state/types.js';
import type { World } from './world/seed-world.js';

/**
 * The app registered with Amazon that the server half acts as.
 *
 * @example
 * ```ts
 * const { clientId, clientSecret, applicationId }: MockAmazonApp = amazon.app;
 * ```
 */
export interface MockAmazonApp {
  /** LWA client id (`amzn1.application-oa2-client.…`). */
  clientId: string;
  /** LWA client secret. */
  clientSecret: string;
  /** SP-API application id (`amzn1.sellerapps.app.…`), used at Seller Central consent. */
  applicationId: string;
  /**
   * Allowed return URLs. Empty means the mock's default: any http(s) loopback URL (localhost, 127.0.0.1, [::1]).
   * A non-empty list must match exactly, as on Amazon.
   */
  redirectUris: string[];
  /** The name shown on Amazon's consent pages. */
  name: string;
  /** A draft SP-API app: Seller Central consent needs `version=beta` (else MD1000). */
  draft: boolean;
}

/** What every handler shares: the seeded world, the app, the URLs, the clock, and the mutable state. */
export interface MockContext {
  world: World;
  app: MockAmazonApp;
  baseUrls: Required<AmazonBaseUrls>;
  clock: ResettableClock;
  state: MockState;
}

/** Whether `uri` is an allowed return URL of the app. */
export function isAllowedRedirectUri(app: MockAmazonApp, uri: string): boolean {
  if (app.redirectUris.length > 0) return app.redirectUris.includes(uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !uri.includes('#');
}
