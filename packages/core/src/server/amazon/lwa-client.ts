import * as oauth from 'oauth4webapi';
import type { AmazonRegion } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import type { AmazonBaseUrls } from './amazon-base-urls';
import { amazonUrl } from './amazon-base-urls';
import { type AmazonFetch, retryAfterSeconds, StaleAuthorizationError } from './amazon-fetch';

/** Tokens from one Login with Amazon token response. Secrets: never logged, never sent to the browser. */
export interface LwaTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch milliseconds. */
  readonly accessTokenExpiresAt: number;
}

/** Options of {@link createLwaClient}. */
export interface LwaClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrls: AmazonBaseUrls;
  readonly fetch: AmazonFetch;
  readonly now: () => number;
  /** Told once per misconfiguration (for example a rotated client secret). */
  readonly warn: (message: string) => void;
}

/** Login with Amazon's token endpoint: the code exchange and the refresh, through oauth4webapi. */
export interface LwaClient {
  /** Exchanges an authorization code (PKCE verifier for Advertising, none for Seller Central). */
  exchangeCode(input: {
    region: AmazonRegion;
    code: string;
    redirectUri: string;
    codeVerifier: string | null;
  }): Promise<LwaTokens>;
  /** Gets a new access token; `invalid_grant` throws {@link StaleAuthorizationError}. */
  refresh(input: { region: AmazonRegion; refreshToken: string }): Promise<Omit<LwaTokens, 'refreshToken'>>;
}

/**
 * Creates the LWA client. oauth4webapi builds and checks the token requests (client secret in the body,
 * as LWA documents); its errors become typed {@link ConnectionsError}s.
 *
 * @example
 * ```ts
 * const lwa = createLwaClient({ clientId, clientSecret, baseUrls, fetch, now: Date.now, warn: console.warn });
 * const tokens = await lwa.exchangeCode({ region: 'na', code, redirectUri, codeVerifier });
 * ```
 */
export function createLwaClient(options: LwaClientOptions): LwaClient {
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = oauth.ClientSecretPost(options.clientSecret);

  function server(region: AmazonRegion): oauth.AuthorizationServer {
    const issuer = amazonUrl(options.baseUrls.authorize[region], '').href;
    return { issuer, token_endpoint: amazonUrl(options.baseUrls.token[region], '/auth/o2/token').href };
  }

  /** Runs one token request; keeps the raw response so the status and Retry-After can be judged. */
  async function tokenRequest(
    region: AmazonRegion,
    grant: 'authorization_code' | 'refresh_token',
    send: (
      as: oauth.AuthorizationServer,
      requestOptions: oauth.TokenEndpointRequestOptions,
    ) => Promise<Response>,
  ): Promise<oauth.TokenEndpointResponse> {
    const as = server(region);
    let last: Response | undefined;
    const requestOptions: oauth.TokenEndpointRequestOptions = {
      [oauth.customFetch]: async (url, init) => {
        last = await options.fetch(new Request(url, init));
        return last;
      },
      [oauth.allowInsecureRequests]: new URL(as.token_endpoint ?? '').protocol === 'http:',
    };
    const started = options.now();
    try {
      const response = await send(as, requestOptions);
      return grant === 'refresh_token'
        ? await oauth.processRefreshTokenResponse(as, client, response)
        : await oauth.processAuthorizationCodeResponse(as, client, response);
    } catch (cause) {
      if (cause instanceof ConnectionsError) throw cause; // the deadline (see withDeadline)
      const status = cause instanceof oauth.ResponseBodyError ? cause.status : last?.status;
      if (status === 429) {
        throw new ConnectionsError('rate_limited', {
          retryAfterSeconds: last ? retryAfterSeconds(last, started) : undefined,
          cause,
        });
      }
      if (cause instanceof oauth.ResponseBodyError && status !== undefined && status < 500) {
        if (cause.error === 'invalid_grant') {
          if (grant === 'refresh_token') throw new StaleAuthorizationError();
          throw new ConnectionsError('authorization_code_rejected', { cause });
        }
        if (cause.error === 'invalid_client') {
          options.warn(
            'Login with Amazon rejected the client credentials (invalid_client): check the client id and secret, which Amazon rotates every 180 days.',
          );
        }
        throw new ConnectionsError('server_error', { cause });
      }
      if (last === undefined && !(cause instanceof oauth.OperationProcessingError)) {
        throw new ConnectionsError('amazon_unavailable', { cause });
      }
      throw new ConnectionsError('amazon_unavailable', {
        detail: 'Login with Amazon sent a malformed or failed answer.',
        cause,
      });
    }
  }

  function tokensFrom(body: oauth.TokenEndpointResponse, started: number) {
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return { accessToken: body.access_token, accessTokenExpiresAt: started + expiresIn * 1000 };
  }

  return {
    async exchangeCode({ region, code, redirectUri, codeVerifier }) {
      const started = options.now();
      const body = await tokenRequest(region, 'authorization_code', (as, requestOptions) => {
        // The browser already checked `state` against our transaction (in constant time, server side).
        const parameters = oauth.validateAuthResponse(
          as,
          client,
          new URLSearchParams({ code }),
          oauth.skipStateCheck,
        );
        return oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          parameters,
          redirectUri,
          codeVerifier ?? oauth.nopkce,
          requestOptions,
        );
      });
      if (typeof body.refresh_token !== 'string' || body.refresh_token.length === 0) {
        throw new ConnectionsError('amazon_unavailable', {
          detail: 'Login with Amazon sent no refresh token.',
        });
      }
      return { ...tokensFrom(body, started), refreshToken: body.refresh_token };
    },
    async refresh({ region, refreshToken }) {
      const started = options.now();
      const body = await tokenRequest(region, 'refresh_token', (as, requestOptions) =>
        oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, requestOptions),
      );
      return tokensFrom(body, started);
    },
  };
}
