import type { HttpHandler } from 'msw';
import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import { json, lwaError } from '../http/respond.js';
import { route } from '../http/route.js';
import { ACCESS_TOKEN_LIFETIME_S, grantIsLive, issueAccessToken, issueRefreshToken } from '../state/auth.js';

const INVALID_CODE = 'The request has an invalid grant parameter : code';
const INVALID_REFRESH =
  "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.";

function missing(parameter: string) {
  return lwaError(400, 'invalid_request', `The request is missing a required parameter : ${parameter}`);
}

function base64UrlOf(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function pkceMatches(verifier: string, challenge: string, method: string): Promise<boolean> {
  if (method === 'plain') return verifier === challenge;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlOf(digest) === challenge;
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** Client credentials from HTTP Basic or the body; `null` when they are absent or contradict each other. */
function clientCredentials(request: Request, form: URLSearchParams): { id: string; secret: string } | null {
  const header = request.headers.get('authorization');
  let basic: { id: string; secret: string } | null = null;
  if (header?.toLowerCase().startsWith('basic ')) {
    let decoded = '';
    try {
      decoded = atob(header.slice(6).trim());
    } catch {
      return null;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    basic = { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  const bodyId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (basic) {
    if ((bodyId !== null && bodyId !== basic.id) || (bodySecret !== null && bodySecret !== basic.secret))
      return null;
    return basic;
  }
  if (bodyId === null || bodySecret === null) return null;
  return { id: bodyId, secret: bodySecret };
}

/**
 * The token request's parameters. LWA reads `application/x-www-form-urlencoded` (RFC 6749) and also a JSON object:
 * the two most used Node SP-API clients (`amazon-sp-api`, `@sp-api-sdk/auth`) send only JSON, and Amazon answers
 * them. Anything else, or a body that does not parse, is `null` (400 invalid_request "Malformed request").
 */
async function tokenParameters(request: Request): Promise<URLSearchParams | null> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const text = await request.text();
  if (mediaType === 'application/x-www-form-urlencoded') return new URLSearchParams(text);
  if (mediaType !== 'application/json') return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      form.set(name, String(value));
    }
  }
  return form;
}

async function grantTypeOf(request: Request): Promise<string> {
  const grantType = (await tokenParameters(request))?.get('grant_type');
  return grantType === 'authorization_code' || grantType === 'refresh_token'
    ? `lwa.token.${grantType}`
    : 'lwa.token';
}

/** Login with Amazon's token endpoint, `POST /auth/o2/token`, on one region's host. */
export function lwaTokenHandlers(ctx: MockContext, region: AmazonRegion): HttpHandler[] {
  return [
    route(
      ctx,
      region,
      {
        method: 'POST',
        service: 'token',
        path: '/auth/o2/token',
        endpoint: 'lwa.token',
        family: 'lwa',
        classify: grantTypeOf,
      },
      async ({ request }) => {
        const form = await tokenParameters(request);
        if (!form) return lwaError(400, 'invalid_request', 'Malformed request');
        const grantType = form.get('grant_type');
        if (!grantType) return missing('grant_type');
        const client = clientCredentials(request, form);
        if (!client || client.id !== ctx.app.clientId || client.secret !== ctx.app.clientSecret) {
          const basic = request.headers.get('authorization')?.toLowerCase().startsWith('basic ');
          return lwaError(
            401,
            'invalid_client',
            'Client authentication failed',
            basic ? { 'www-authenticate': 'Basic' } : {},
          );
        }
        if (grantType === 'authorization_code') {
          const code = form.get('code');
          if (!code) return missing('code');
          const issued = ctx.state.codes.get(code);
          const grant = issued ? ctx.state.grants.get(issued.grantId) : undefined;
          if (
            !issued ||
            !grant ||
            issued.used ||
            issued.clientId !== client.id ||
            ctx.clock.now() >= issued.expiresAt
          ) {
            return lwaError(400, 'invalid_grant', INVALID_CODE);
          }
          const redirectUri = form.get('redirect_uri');
          if (grant.kind === 'advertising' && redirectUri === null) return missing('redirect_uri');
          if (redirectUri !== null && redirectUri !== issued.redirectUri) {
            return lwaError(
              400,
              'invalid_grant',
              'The request has an invalid grant parameter : redirect_uri',
            );
          }
          if (issued.codeChallenge !== null) {
            const verifier = form.get('code_verifier');
            if (!verifier) return missing('code_verifier');
            if (!(await pkceMatches(verifier, issued.codeChallenge, issued.codeChallengeMethod ?? 'plain'))) {
              return lwaError(
                400,
                'invalid_grant',
                'The request has an invalid grant parameter : code_verifier',
              );
            }
          }
          if (!grantIsLive(ctx, grant)) return lwaError(400, 'invalid_grant', INVALID_CODE);
          issued.used = true;
          return json(
            200,
            {
              access_token: issueAccessToken(ctx, grant.id, client.id),
              refresh_token: issueRefreshToken(ctx, grant.id, client.id),
              token_type: 'bearer',
              expires_in: ACCESS_TOKEN_LIFETIME_S,
            },
            { 'cache-control': 'no-store' },
          );
        }
        if (grantType === 'refresh_token') {
          const refreshToken = form.get('refresh_token');
          if (!refreshToken) return missing('refresh_token');
          const issued = ctx.state.refreshTokens.get(refreshToken);
          const grant = issued ? ctx.state.grants.get(issued.grantId) : undefined;
          if (!issued || !grant || issued.clientId !== client.id || !grantIsLive(ctx, grant)) {
            return lwaError(400, 'invalid_grant', INVALID_REFRESH);
          }
          return json(
            200,
            {
              access_token: issueAccessToken(ctx, grant.id, client.id),
              refresh_token: refreshToken,
              token_type: 'bearer',
              expires_in: ACCESS_TOKEN_LIFETIME_S,
            },
            { 'cache-control': 'no-store' },
          );
        }
        return lwaError(400, 'unsupported_grant_type', 'Invalid grant_type parameter value');
      },
    ),
  ];
}
