import type { MockContext } from '../context.js';
import { consentPage, errorPage, signInPage } from '../http/pages.js';
import { html, redirect } from '../http/respond.js';
import { findUser, grantAndIssueCode } from '../state/auth.js';
import type { AuthTransaction, UserRecord } from '../state/types.js';

/** The scopes Login with Amazon knows, with the line the consent page shows. */
export const knownScopes: Record<string, string> = {
  'advertising::campaign_management': 'Manage your Amazon Advertising campaigns and view their performance',
  // The older name of the same scope (the Ads API's pre-2019 docs); LWA still grants it, as clients that
  // were pointed at the mock in issue 13 showed.
  'cpc_advertising:campaign_management':
    'Manage your Amazon Advertising campaigns and view their performance',
  'advertising::test:create_account': 'Create Amazon Advertising test accounts',
  profile: 'Access your name, email address and Amazon account ID',
  'profile:user_id': 'Access your Amazon account ID',
  postal_code: 'Access your postal code',
};

/** Reads a form-encoded body. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await request.text());
}

/** Where the sign-in page of a flow posts, relative to the page that shows it. */
export interface FlowPaths {
  /** Relative action of the sign-in form on the first page. */
  signInAction: string;
  /** Relative action of the sign-in form when re-shown by the sign-in POST. */
  signInRepostAction: string;
  /** Relative redirect from the sign-in POST to the consent page. */
  consentLocation: string;
  /** Relative action of the consent form. */
  consentAction: string;
}

/** Renders the sign-in form of a transaction. */
export function renderSignIn(
  ctx: MockContext,
  tx: AuthTransaction,
  action: string,
  error?: string,
  email?: string,
) {
  const heading = tx.kind === 'sellingPartner' ? 'Sign in to Seller Central' : 'Sign in';
  return html(
    200,
    signInPage({
      action,
      fields: { tx: tx.id },
      heading,
      appName: ctx.app.name,
      ...(error === undefined ? {} : { error }),
      ...(email === undefined ? {} : { email }),
    }),
  );
}

/** The selling partner a user has in the transaction's region, if any. */
export function partnerFor(record: UserRecord, tx: AuthTransaction) {
  return record.user.sellingPartners.find((p) => p.marketplaces[0]?.region === tx.region);
}

function noSellerPage(tx: AuthTransaction) {
  return html(
    403,
    errorPage(
      'NO_SELLER_CENTRAL_ACCOUNT',
      'No Seller Central account',
      `This Amazon account is not registered as a seller in this region (${tx.region.toUpperCase()}). Sign in with the account you use for Seller Central.`,
    ),
  );
}

/** Handles the sign-in form POST: wrong credentials re-show the form; success moves on to consent. */
export async function handleSignIn(
  ctx: MockContext,
  request: Request,
  kind: AuthTransaction['kind'],
  paths: FlowPaths,
) {
  const form = await readForm(request);
  const tx = ctx.state.transactions.get(form.get('tx') ?? '');
  if (!tx || tx.kind !== kind) {
    return html(
      400,
      errorPage('SESSION_EXPIRED', 'Your session has expired', 'Go back to the app and start again.'),
    );
  }
  const email = form.get('email') ?? '';
  const record = findUser(ctx, email);
  if (!record) {
    return renderSignIn(
      ctx,
      tx,
      paths.signInRepostAction,
      'We cannot find an account with that email address',
      email,
    );
  }
  if (record.password !== (form.get('password') ?? '')) {
    return renderSignIn(ctx, tx, paths.signInRepostAction, 'Your password is incorrect', email);
  }
  if (kind === 'sellingPartner' && !partnerFor(record, tx)) return noSellerPage(tx);
  tx.email = record.user.email.toLowerCase();
  return redirect(`${paths.consentLocation}?tx=${encodeURIComponent(tx.id)}`);
}

/** Shows the consent page of a signed-in transaction. */
export function showConsent(
  ctx: MockContext,
  request: Request,
  kind: AuthTransaction['kind'],
  action: string,
) {
  const tx = ctx.state.transactions.get(new URL(request.url).searchParams.get('tx') ?? '');
  const record = tx?.email ? findUser(ctx, tx.email) : undefined;
  if (!tx || tx.kind !== kind || !record) {
    return html(
      400,
      errorPage('SESSION_EXPIRED', 'Your session has expired', 'Go back to the app and start again.'),
    );
  }
  const partner = partnerFor(record, tx);
  const lines =
    kind === 'advertising'
      ? tx.scope.split(' ').map((scope) => `${knownScopes[scope] ?? scope} (${scope})`)
      : [
          `Access the selling account "${partner?.storeName ?? ''}" (selling partner ${partner?.sellingPartnerId ?? ''}) through the Selling Partner API: orders, sales and traffic reports.`,
          `I direct Amazon to provide ${ctx.app.name} with access to my selling partner account.`,
        ];
  return html(
    200,
    consentPage({
      action,
      fields: { tx: tx.id },
      appName: ctx.app.name,
      userName: `${record.user.name} (${record.user.email})`,
      lines,
      allowLabel: kind === 'advertising' ? 'Allow' : 'Confirm',
    }),
  );
}

/** Ends a flow with the redirect back to the app: a code on consent, `error=access_denied` on refusal. */
export function finishConsent(
  ctx: MockContext,
  tx: AuthTransaction,
  record: UserRecord,
  allow: boolean,
): Response {
  const target = new URL(tx.redirectUri);
  if (!allow) {
    ctx.state.transactions.delete(tx.id);
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user denied the request.');
    if (tx.state !== null) target.searchParams.set('state', tx.state);
    return redirect(target.toString());
  }
  if (tx.kind === 'advertising') {
    const code = grantAndIssueCode(ctx, tx, record, null);
    target.searchParams.set('code', code);
    target.searchParams.set('scope', tx.scope);
    if (tx.state !== null) target.searchParams.set('state', tx.state);
    return redirect(target.toString());
  }
  const partner = partnerFor(record, tx);
  if (!partner) return noSellerPage(tx);
  const code = grantAndIssueCode(ctx, tx, record, partner.sellingPartnerId);
  if (tx.state !== null) target.searchParams.set('state', tx.state);
  target.searchParams.set('selling_partner_id', partner.sellingPartnerId);
  target.searchParams.set('spapi_oauth_code', code);
  return redirect(target.toString());
}

/** Handles the consent form POST. */
export async function handleConsent(ctx: MockContext, request: Request, kind: AuthTransaction['kind']) {
  const form = await readForm(request);
  const tx = ctx.state.transactions.get(form.get('tx') ?? '');
  const record = tx?.email ? findUser(ctx, tx.email) : undefined;
  if (!tx || tx.kind !== kind || !record) {
    return html(
      400,
      errorPage('SESSION_EXPIRED', 'Your session has expired', 'Go back to the app and start again.'),
    );
  }
  return finishConsent(ctx, tx, record, form.get('consent') === 'allow');
}

/** With the `autoSignIn` scenario, skips the pages: signs the chosen user in and answers the consent. */
export function autoSignIn(ctx: MockContext, tx: AuthTransaction): Response | null {
  const auto = ctx.state.scenarios.autoSignIn;
  if (!auto) return null;
  const record = findUser(ctx, auto.email);
  if (!record) return null;
  if (tx.kind === 'sellingPartner' && !partnerFor(record, tx)) return noSellerPage(tx);
  tx.email = record.user.email.toLowerCase();
  return finishConsent(ctx, tx, record, auto.consent);
}
