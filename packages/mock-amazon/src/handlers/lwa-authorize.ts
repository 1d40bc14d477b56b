import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import { isAllowedRedirectUri, type MockContext } from '../context.js';
import { errorPage } from '../http/pages.js';
import { html, redirect } from '../http/respond.js';
import { route } from '../http/route.js';
import { knownScopes } from './consent-flow.js';
import { beginFlow, type ConsentFlow, consentFlowRoutes } from './consent-routes.js';

/** Login with Amazon's pages: `/ap/signin`, `/ap/consent`, all relative to `/ap/oa`. */
const flow: ConsentFlow = {
  kind: 'advertising',
  service: 'authorize',
  paths: {
    signInAction: 'signin',
    signInRepostAction: 'signin',
    consentLocation: 'consent',
    consentAction: 'consent',
  },
  signIn: { path: '/ap/signin', endpoint: 'lwa.signin' },
  consent: { path: '/ap/consent', endpoint: 'lwa.consent', submitEndpoint: 'lwa.consent.submit' },
};

function errorRedirect(redirectUri: string, error: string, description: string, state: string | null) {
  const target = new URL(redirectUri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (state !== null) target.searchParams.set('state', state);
  return redirect(target.toString());
}

/** Login with Amazon's `/ap/oa` sign-in and consent pages on one region's host. */
export function lwaAuthorizeHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  const page = { service: 'authorize', family: 'pages' } as const;
  return [
    route(
      ctx,
      region,
      { ...page, method: 'GET', path: '/ap/oa', endpoint: 'lwa.authorize' },
      ({ request }) => {
        const query = new URL(request.url).searchParams;
        const clientId = query.get('client_id');
        if (clientId !== ctx.app.clientId) {
          return html(
            400,
            errorPage(
              'INVALID_CLIENT',
              'An unknown client_id was requested',
              'The app you came from is not registered with Login with Amazon.',
            ),
          );
        }
        const redirectUri = query.get('redirect_uri') ?? '';
        if (!isAllowedRedirectUri(ctx.app, redirectUri)) {
          return html(
            400,
            errorPage(
              'lwa-invalid-parameter-bad-redirect-uri',
              '400 Bad Request',
              'The redirect URI you provided has not been whitelisted for your application.',
            ),
          );
        }
        const state = query.get('state');
        if (query.get('response_type') !== 'code') {
          return errorRedirect(
            redirectUri,
            'unsupported_response_type',
            'The response_type must be code.',
            state,
          );
        }
        const scope = (query.get('scope') ?? '').trim();
        const scopes = scope.split(/\s+/).filter(Boolean);
        if (scopes.length === 0 || scopes.some((s) => !(s in knownScopes))) {
          return errorRedirect(redirectUri, 'invalid_scope', 'An unknown scope was requested', state);
        }
        const codeChallenge = query.get('code_challenge');
        const method = query.get('code_challenge_method') ?? (codeChallenge ? 'plain' : null);
        if (codeChallenge !== null && method !== 'S256' && method !== 'plain') {
          return errorRedirect(
            redirectUri,
            'invalid_request',
            'The request has an invalid parameter : code_challenge_method',
            state,
          );
        }
        return beginFlow(ctx, flow, {
          region,
          clientId,
          redirectUri,
          state,
          scope: scopes.join(' '),
          codeChallenge,
          codeChallengeMethod: codeChallenge === null ? null : method,
        });
      },
    ),
    ...consentFlowRoutes(ctx, region, flow),
  ];
}
