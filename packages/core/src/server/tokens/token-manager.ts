import { ConnectionsError } from '../../errors/connections-error';
import { StaleAuthorizationError } from '../amazon/amazon-fetch';
import type { LwaClient } from '../amazon/lwa-client';
import type { ConnectionRecord, ConnectionStore } from '../storage/connection-store';
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
 * `refreshMarginMs` before expiry, and `invalid_grant` marks the connection stale. One refresh per authorization
 * at a time across every app server sharing the store: in a process, callers share one flight; across processes,
 * the store's refresh lease lets one server refresh while the others wait for the token it stores.
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
  /** How long one server may hold a refresh before another may try (longer than a refresh can take). @default 6000 */
  refreshLeaseMs?: number;
  /** How often a server waiting for another's refresh looks at the store. @default 50 */
  pollMs?: number;
}): TokenManager {
  const margin = deps.refreshMarginMs ?? 5 * 60_000;
  const leaseMs = deps.refreshLeaseMs ?? 6_000;
  const pollMs = deps.pollMs ?? 50;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const refreshes = createSingleFlight();
  const usable = (expiresAt: number | null) => expiresAt !== null && expiresAt - margin > deps.now();

  /** The connection as stored now (another server may have refreshed, disconnected or marked it stale). */
  async function current(connection: ConnectionRecord): Promise<ConnectionRecord> {
    const found = (await deps.store.listConnections(connection.subscriptionId)).find(
      (c) => c.authorizationId === connection.authorizationId,
    );
    if (!found) throw new ConnectionsError('not_connected');
    if (found.health === 'stale') throw new StaleAuthorizationError();
    return found;
  }

  async function openStored(connection: ConnectionRecord): Promise<string> {
    const token = await deps.cipher.decrypt(
      connection.sealedAccessToken ?? '',
      sealContext.access(connection),
    );
    cache.set(connection.authorizationId, { token, expiresAt: connection.accessTokenExpiresAt ?? 0 });
    return token;
  }

  /** Asks Login with Amazon for a new access token under a lease this server holds; stores it sealed. */
  async function refreshAtAmazon(connection: ConnectionRecord): Promise<string> {
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
        deps.now(), // a refresh that worked is a health check
      );
      return fresh.accessToken;
    } catch (error) {
      if (error instanceof StaleAuthorizationError) {
        cache.delete(connection.authorizationId);
        await deps.store.markStale(connection.subscriptionId, connection.authorizationId, {
          actor: 'system',
          at: deps.now(),
        });
      } else {
        await deps.store.releaseTokenRefresh(connection.subscriptionId, connection.authorizationId);
      }
      throw error;
    }
  }

  /**
   * A fresh access token: this server refreshes when it wins the store's lease; otherwise it waits for the token
   * the winner stores. `rejected` is the expiry of a token Amazon just refused (forces a refresh unless another
   * server already replaced that token).
   */
  async function refresh(
    connection: ConnectionRecord,
    rejected?: { expiresAt: number | null },
  ): Promise<string> {
    return refreshes.run(connection.authorizationId, async () => {
      const deadline = deps.now() + 2 * leaseMs;
      let seen = connection;
      for (;;) {
        const now = deps.now();
        const claimed = await deps.store.claimTokenRefresh(seen.subscriptionId, seen.authorizationId, {
          now,
          leaseMs,
          usableAfter: now + margin,
          ...(rejected ? { force: rejected } : {}),
        });
        if (claimed) return refreshAtAmazon(seen);
        seen = await current(connection);
        const replaced = !rejected || seen.accessTokenExpiresAt !== rejected.expiresAt;
        if (seen.sealedAccessToken !== null && usable(seen.accessTokenExpiresAt) && replaced) {
          return openStored(seen);
        }
        if (deps.now() > deadline) {
          throw new ConnectionsError('amazon_unavailable', {
            detail: 'Another server is refreshing this connection and has not finished.',
          });
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
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
          return openStored(connection);
        }
        return refresh(connection);
      }
      const cached = cache.get(connection.authorizationId);
      return refresh(connection, { expiresAt: cached?.expiresAt ?? connection.accessTokenExpiresAt });
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
          await deps.store.markStale(connection.subscriptionId, connection.authorizationId, {
            actor: 'system',
            at: deps.now(),
          });
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
