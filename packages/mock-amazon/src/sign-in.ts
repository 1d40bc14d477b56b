import { SignInError } from './errors/sign-in-error.js';
import { pageErrorCode, parseHtmlForms } from './html-form.js';

/**
 * How `signIn` signs in: which user, and whether to consent.
 *
 * @example
 * ```ts
 * await amazon.signIn(url, { email: amazon.users.multipleAccounts.email, consent: false });
 * ```
 */
export interface SignInOptions {
  /** @default the default user's email */
  email?: string;
  /** @default the current password of `email` */
  password?: string;
  /** `false` presses Cancel on the consent page. @default true */
  consent?: boolean;
}

/**
 * Walks Amazon's sign-in and consent pages the way a browser does: GET the page, read its form, POST it, follow
 * redirects, until a redirect leaves Amazon's pages (`isAmazonPage` false). Returns that redirect URL.
 */
export async function driveSignIn(
  send: (request: Request) => Promise<Response>,
  authorizeUrl: string,
  credentials: { email: string; password: string; consent: boolean },
  isAmazonPage: (url: URL) => boolean,
): Promise<URL> {
  let request = new Request(authorizeUrl, { redirect: 'manual' });
  let submittedCredentials = false;
  for (let step = 0; step < 12; step++) {
    const response = await send(request);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, request.url);
      if (!isAmazonPage(next)) return next;
      request = new Request(next, { redirect: 'manual' });
      continue;
    }
    const page = await response.text();
    const code = pageErrorCode(page);
    const forms = parseHtmlForms(page);
    const signIn = forms.find((f) => f.name === 'signIn');
    const consent = forms.find((f) => f.name === 'consent');
    if (code || response.status >= 400 || (!signIn && !consent) || (signIn && submittedCredentials)) {
      const message = /<b>([^<]*)<\/b><br>([^<]*)/.exec(page);
      throw new SignInError(
        code ?? 'UNEXPECTED_PAGE',
        response.status,
        message ? `${message[1]}: ${message[2]}` : `Amazon answered ${response.status} without a form`,
      );
    }
    const form = (signIn ?? consent)!;
    const body = new URLSearchParams(form.fields);
    if (signIn) {
      body.set('email', credentials.email);
      body.set('password', credentials.password);
      submittedCredentials = true;
    } else {
      body.set('consent', credentials.consent ? 'allow' : 'deny');
    }
    request = new Request(new URL(form.action, request.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
  }
  throw new SignInError('TOO_MANY_STEPS', 0, 'The sign-in did not come back to the app after 12 pages');
}
