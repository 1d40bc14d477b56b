import { MockAmazonError } from './errors/mock-amazon-error.js';
import { driveSignIn, type SignInOptions } from './sign-in.js';

/**
 * Where {@link signInOverHttp} finds the running standalone server.
 *
 * @example
 * ```ts
 * const options: SignInOverHttpOptions = { email: 'agency@example.com', consent: false };
 * ```
 */
export interface SignInOverHttpOptions extends SignInOptions {
  /**
   * The standalone server's origin, where `GET /__mock` tells its users and page URLs.
   * @default the origin of the authorize URL
   */
  origin?: string;
}

interface ControlInfo {
  baseUrls: { authorize: Record<string, string>; sellerCentral: Record<string, string> };
  users: { key: string; email: string; password: string }[];
}

/**
 * Walks Amazon's sign-in and consent pages over real HTTP against a running standalone server
 * (`mock-amazon serve` / `startMockAmazonServer`), the way a browser would: GET the page, fill its form, POST it,
 * follow the redirects, until a redirect leaves the mock's pages. Works for a Login with Amazon `/ap/oa` URL and a
 * Seller Central consent URL; returns the redirect back to your app (with `code` and `state`,
 * `spapi_oauth_code` and `selling_partner_id`, or `error=access_denied` when `consent: false`).
 * Throws `SignInError` when Amazon's pages stop the flow (wrong password, MD5101, no seller account, …) and
 * `MockAmazonError` (`SERVER_UNREACHABLE`) when no standalone server answers at `origin`.
 *
 * @example
 * ```ts
 * import { signInOverHttp } from '@smart-ads/mock-amazon/node';
 * // your server built this URL with its own client id and redirect URI, pointed at `mock-amazon serve`:
 * const callback = await signInOverHttp('http://127.0.0.1:4010/na/authorize/ap/oa?client_id=…&scope=…');
 * callback.searchParams.get('code');
 * await signInOverHttp(consentUrl, { email: 'no_ads@example.com', password: 'pass_good', consent: false });
 * ```
 */
export async function signInOverHttp(
  authorizeUrl: string | URL,
  options: SignInOverHttpOptions = {},
): Promise<URL> {
  const start = new URL(authorizeUrl);
  const origin = options.origin ?? start.origin;
  let info: ControlInfo;
  try {
    const response = await fetch(new URL('/__mock', origin));
    if (!response.ok) throw new Error(`GET /__mock answered ${response.status}`);
    info = (await response.json()) as ControlInfo;
  } catch (error) {
    throw new MockAmazonError(
      'SERVER_UNREACHABLE',
      `No mock-amazon standalone server answers at ${origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const fallback = info.users.find((user) => user.key === 'default') ?? info.users[0];
  const email = options.email ?? fallback?.email ?? '';
  const known = info.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
  // The pages live under paths of the server's origin, whatever host name the caller used for it.
  const pagePaths = [
    ...Object.values(info.baseUrls.authorize),
    ...Object.values(info.baseUrls.sellerCentral),
  ].map((base) => new URL(base).pathname.replace(/\/$/, ''));
  const isAmazonPage = (url: URL) =>
    url.origin === start.origin && pagePaths.some((path) => url.pathname.startsWith(`${path}/`));
  return driveSignIn(
    (request) => fetch(request),
    start.href,
    {
      email,
      password: options.password ?? known?.password ?? '',
      consent: options.consent ?? true,
    },
    isAmazonPage,
  );
}
