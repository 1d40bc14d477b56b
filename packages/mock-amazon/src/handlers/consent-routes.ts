import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { route } from '../http/route.js';
import { startTransaction } from '../state/auth.js';
import type { AuthTransaction } from '../state/types.js';
import {
  autoSignIn,
  type FlowPaths,
  handleConsent,
  handleSignIn,
  renderSignIn,
  showConsent,
} from './consent-flow.js';

/** Where one flow (Login with Amazon or Seller Central) keeps its sign-in and consent pages, and their names. */
export interface ConsentFlow {
  kind: AuthTransaction['kind'];
  service: 'authorize' | 'sellerCentral';
  paths: FlowPaths;
  signIn: { path: string; endpoint: string };
  consent: { path: string; endpoint: string; submitEndpoint: string };
}

/**
 * Starts a flow once its first page has checked the request: records the transaction and shows the sign-in form
 * (or, with the `autoSignIn` scenario, redirects back at once).
 */
export function beginFlow(
  ctx: MockContext,
  flow: ConsentFlow,
  transaction: Omit<AuthTransaction, 'id' | 'kind' | 'email' | 'createdAt'>,
): Response {
  const tx = startTransaction(ctx, { kind: flow.kind, ...transaction });
  return autoSignIn(ctx, tx) ?? renderSignIn(ctx, tx, flow.paths.signInAction);
}

/**
 * The pages both flows share after their first one: the sign-in form's POST, the consent page and its POST.
 * LWA and Seller Central differ only in paths and endpoint names.
 */
export function consentFlowRoutes(ctx: MockContext, region: AmazonRegion, flow: ConsentFlow): HttpHandler[] {
  const page = { service: flow.service, family: 'pages' } as const;
  return [
    route(ctx, region, { ...page, method: 'POST', ...flow.signIn }, ({ request }) =>
      handleSignIn(ctx, request, flow.kind, flow.paths),
    ),
    route(
      ctx,
      region,
      { ...page, method: 'GET', path: flow.consent.path, endpoint: flow.consent.endpoint },
      ({ request }) => showConsent(ctx, request, flow.kind, flow.paths.consentAction),
    ),
    route(
      ctx,
      region,
      { ...page, method: 'POST', path: flow.consent.path, endpoint: flow.consent.submitEndpoint },
      ({ request }) => handleConsent(ctx, request, flow.kind),
    ),
  ];
}
