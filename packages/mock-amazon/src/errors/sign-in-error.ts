import { MockAmazonError } from './mock-amazon-error.js';

/**
 * Thrown by `amazon.signIn` when Amazon's pages stop the flow instead of redirecting back to the app: wrong
 * password, an app error page (MD1000, MD5101, MD5110, bad redirect URI), or no Seller Central account.
 * `pageCode` is the code shown on the page, e.g. `MD5101` or `INVALID_CREDENTIALS`.
 *
 * @example
 * ```ts
 * await expect(amazon.signIn(url, { password: 'wrong' })).rejects.toMatchObject({ pageCode: 'INVALID_CREDENTIALS' });
 * ```
 */
export class SignInError extends MockAmazonError {
  override name = 'SignInError';
  readonly pageCode: string;
  readonly status: number;
  constructor(pageCode: string, status: number, message: string) {
    super('SIGN_IN_FAILED', message);
    this.pageCode = pageCode;
    this.status = status;
  }
}
