import { StaleAuthorizationError } from './amazon-fetch';
import type { ConnectionRecord, ConnectionStore } from './connection-store';
import type { LwaClient } from './lwa-client';
import { createSingleFlight } from './single-flight';
import type { TokenCipher } from './token-cipher';

/** The sealing contexts of a connection's secrets: a sealed value only opens in its own row. */
export const sealContext = {
  refresh: (c: { subscriptionId: string; authorizationId: string }) =>
    `${c.subscriptionId}/${c.authorizationId}/refresh`,
  access: (c: { subscriptionId: string; authorizationId: string }) =>
    `${c.subscriptionId}/${c.authorizationId}/access`,
};

/**
 * Hands out access tokens for stored connections: cached in memory and in the store (sealed) until
 * `refreshMarginMs` before expiry, one refresh in flight per authorization, and `invalid_grant` marks
 * the connection stale.
 *
 * @example
 * ```ts
 * const token = await tokens.accessToken(connection);
 * const fresh = await tokens.accessToken(connection, { forceRefresh: true }); // after a 401
 * ```
 */
export interface TokenManager {
  accessToken(connection: ConnectionRecord, options?: { forceRefresh?: boolean }): Promise<string>;
  /** Runs `call` with a token; a 401/403 gets one retry with a refreshed token, then marks the connection stale. */
  withAccessToken<T>(connection: ConnectionRecord, call: (accessToken: string) => Promise<T>): Promise<T>;
  /** Drops the cached token of an authorization (after a disconnect). */
  forget(authorizationId: string): void;
}

/** Creates a {@link TokenManager}. */
export function createTokenManager(deps: {
  store: ConnectionStore;
  cipher: TokenCipher;
  lwa: LwaClient;
  now: () => number;
  /** Refresh this long before the access token expires. @default 300000 (5 minutes) */
  refreshMarginMs?: number;
}): TokenManager {
  const margin = deps.refreshMarginMs ?? 5 * 60_000;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const refreshes = createSingleFlight();
  const usable = (expiresAt: number | null) => expiresAt !== null && expiresAt - margin > deps.now();

  async function refresh(connection: ConnectionRecord): Promise<string> {
    return refreshes.run(connection.authorizationId, async () => {
      const refreshToken = await deps.cipher.decrypt(
        connection.sealedRefreshToken,
        sealContext.refresh(connection),
      );
      try {
        const fresh = await deps.lwa.refresh({ region: connection.tokenRegion, refreshToken });
        cache.set(connection.authorizationId, {
          token: fresh.accessToken,
          expiresAt: fresh.accessTokenExpiresAt,
        });
        const sealed = await deps.cipher.encrypt(fresh.accessToken, sealContext.access(connection));
        await deps.store.updateAccessToken(
          connection.subscriptionId,
          connection.authorizationId,
          sealed,
          fresh.accessTokenExpiresAt,
        );
        return fresh.accessToken;
      } catch (error) {
        if (error instanceof StaleAuthorizationError) {
          cache.delete(connection.authorizationId);
          await deps.store.markStale(connection.subscriptionId, connection.authorizationId);
        }
        throw error;
      }
    });
  }

  const manager: TokenManager = {
    async accessToken(connection, options = {}) {
      if (connection.health === 'stale') throw new StaleAuthorizationError();
      if (!options.forceRefresh) {
        const cached = cache.get(connection.authorizationId);
        if (cached && usable(cached.expiresAt)) return cached.token;
        if (connection.sealedAccessToken !== null && usable(connection.accessTokenExpiresAt)) {
          const token = await deps.cipher.decrypt(
            connection.sealedAccessToken,
            sealContext.access(connection),
          );
          cache.set(connection.authorizationId, { token, expiresAt: connection.accessTokenExpiresAt ?? 0 });
          return token;
        }
      }
      return refresh(connection);
    },
    async withAccessToken(connection, call) {
      const token = await manager.accessToken(connection);
      try {
        return await call(token);
      } catch (error) {
        if (!(error instanceof StaleAuthorizationError)) throw error;
      }
      // The token may have been revoked early or expired on Amazon's clock: one retry with a new one.
      const fresh = await manager.accessToken(connection, { forceRefresh: true });
      try {
        return await call(fresh);
      } catch (error) {
        if (error instanceof StaleAuthorizationError) {
          cache.delete(connection.authorizationId);
          await deps.store.markStale(connection.subscriptionId, connection.authorizationId);
        }
        throw error;
      }
    },
    forget(authorizationId) {
      cache.delete(authorizationId);
    },
  };
  return manager;
}
