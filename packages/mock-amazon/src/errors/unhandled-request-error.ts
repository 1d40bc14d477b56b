import { MockAmazonError } from './mock-amazon-error.js';

/**
 * Thrown by `amazon.fetch` for a URL no handler serves (not one of the configured Amazon base URLs and paths),
 * the way `fetch` fails for an unknown host.
 *
 * @example
 * ```ts
 * await expect(amazon.fetch('https://example.com/')).rejects.toBeInstanceOf(UnhandledRequestError);
 * ```
 */
export class UnhandledRequestError extends MockAmazonError {
  override name = 'UnhandledRequestError';
  readonly method: string;
  readonly url: string;
  constructor(method: string, url: string) {
    super('UNHANDLED_REQUEST', `mock-amazon has no handler for ${method} ${url.split('?')[0]}`);
    this.method = method;
    this.url = url;
  }
}
