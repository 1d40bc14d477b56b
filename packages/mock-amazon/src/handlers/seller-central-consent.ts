import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import { isAllowedRedirectUri, type MockContext } from '../context.js';
import { errorPage } from '../http/pages.js';
import { html } from '../http/respond.js';
import { route } from '../http/route.js';
import { beginFlow, type ConsentFlow, consentFlowRoutes } from './consent-routes.js';

/** Seller Central's pages: its own `/ap/signin` and `/apps/authorize/confirm`, relative to the consent URL. */
const flow: ConsentFlow = {
  kind: 'sellingPartner',
  service: 'sellerCentral',
  paths: {
    signInAction: '../../ap/signin',
    signInRepostAction: 'signin',
    consentLocation: '../apps/authorize/confirm',
    consentAction: 'confirm',
  },
  signIn: { path: '/ap/signin', endpoint: 'sellercentral.signin' },
  consent: {
    path: '/apps/authorize/confirm',
    endpoint: 'sellercentral.confirm',
    submitEndpoint: 'sellercentral.confirm.submit',
  },
};

/** Seller Central's website authorization: `/apps/authorize/consent`, its sign-in and its confirm page. */
export function sellerCentralHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  const page = { service: 'sellerCentral', family: 'pages' } as const;
  return [
    route(
      ctx,
      region,
      { ...page, method: 'GET', path: '/apps/authorize/consent', endpoint: 'sellercentral.consent' },
      ({ request }) => {
        const query = new URL(request.url).searchParams;
        if (query.get('application_id') !== ctx.app.applicationId) {
          return html(
            400,
            errorPage(
              'MD9100',
              'We are sorry!',
              'The application you are trying to authorize could not be found.',
            ),
          );
        }
        if (ctx.app.draft && query.get('version') !== 'beta') {
          return html(
            400,
            errorPage(
              'MD1000',
              'We are sorry!',
              'This application is in draft state: add version=beta to authorize it.',
            ),
          );
        }
        const given = query.get('redirect_uri');
        if (given?.includes('#')) {
          return html(
            400,
            errorPage('MD5110', 'We are sorry!', 'The redirect URI must not contain a fragment.'),
          );
        }
        const redirectUri = given ?? ctx.app.redirectUris[0] ?? '';
        if (!isAllowedRedirectUri(ctx.app, redirectUri)) {
          return html(
            400,
            errorPage(
              'MD5101',
              'We are sorry!',
              "The redirect URI is not one of the app's OAuth Redirect URIs.",
            ),
          );
        }
        return beginFlow(ctx, flow, {
          region,
          clientId: ctx.app.clientId,
          redirectUri,
          state: query.get('state'),
          scope: 'sellingpartnerapi',
          codeChallenge: null,
          codeChallengeMethod: null,
        });
      },
    ),
    ...consentFlowRoutes(ctx, region, flow),
  ];
}
