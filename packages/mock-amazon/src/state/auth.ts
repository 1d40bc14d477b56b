import type { AmazonRegion } from '../base-urls.js';
import type { MockContext } from '../context.js';
import type { AuthTransaction, Grant, UserRecord } from './types.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_CHARS = `${LETTERS}0123456789-_`;

/** An authorization code lives 5 minutes. */
export const CODE_LIFETIME_MS = 5 * 60_000;
/** An access token lives 3600 seconds. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;

/** Looks a user up by email (case-insensitive). */
export function findUser(ctx: MockContext, email: string): UserRecord | undefined {
  return ctx.state.users.get(email.trim().toLowerCase());
}

/** Starts a sign-in + consent transaction. */
export function startTransaction(
  ctx: MockContext,
  fields: Omit<AuthTransaction, 'id' | 'createdAt' | 'email'>,
): AuthTransaction {
  const tx: AuthTransaction = {
    ...fields,
    id: ctx.state.random.chars(24, TOKEN_CHARS),
    createdAt: ctx.clock.now(),
    email: null,
  };
  ctx.state.transactions.set(tx.id, tx);
  return tx;
}

/** Records the user's consent: a grant and a fresh single-use code. */
export function grantAndIssueCode(
  ctx: MockContext,
  tx: AuthTransaction,
  record: UserRecord,
  sellingPartnerId: string | null,
): string {
  const grant: Grant = {
    id: `grant-${ctx.state.grants.size + 1}`,
    kind: tx.kind,
    email: record.user.email.toLowerCase(),
    clientId: tx.clientId,
    scope: tx.scope,
    region: tx.region,
    sellingPartnerId,
    createdAt: ctx.clock.now(),
    passwordVersion: record.passwordVersion,
    revoked: false,
  };
  ctx.state.grants.set(grant.id, grant);
  const code = ctx.state.random.chars(20, LETTERS);
  ctx.state.codes.set(code, {
    code,
    grantId: grant.id,
    clientId: tx.clientId,
    redirectUri: tx.redirectUri,
    codeChallenge: tx.codeChallenge,
    codeChallengeMethod: tx.codeChallengeMethod,
    expiresAt: ctx.clock.now() + CODE_LIFETIME_MS,
    used: false,
  });
  ctx.state.transactions.delete(tx.id);
  return code;
}

/** Whether a grant still stands: not revoked, and the user's password has not changed since. */
export function grantIsLive(ctx: MockContext, grant: Grant): boolean {
  const record = ctx.state.users.get(grant.email);
  return !grant.revoked && record !== undefined && record.passwordVersion === grant.passwordVersion;
}

/** Issues a new access token for a grant. */
export function issueAccessToken(ctx: MockContext, grantId: string, clientId: string): string {
  const token = `Atza|IwEB${ctx.state.random.chars(180, TOKEN_CHARS)}`;
  ctx.state.accessTokens.set(token, {
    grantId,
    clientId,
    expiresAt: ctx.clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
  });
  return token;
}

/** Issues a refresh token for a grant. */
export function issueRefreshToken(ctx: MockContext, grantId: string, clientId: string): string {
  const token = `Atzr|IwEB${ctx.state.random.chars(300, TOKEN_CHARS)}`;
  ctx.state.refreshTokens.set(token, { grantId, clientId });
  return token;
}

/** The outcome of checking an access token presented to an API. */
export type TokenCheck =
  | { ok: true; grant: Grant; record: UserRecord; clientId: string }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'revoked' };

/** Checks an access token: known, unexpired, and its grant still live. */
export function checkAccessToken(ctx: MockContext, token: string | null): TokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const issued = ctx.state.accessTokens.get(token);
  if (!issued) return { ok: false, reason: 'invalid' };
  const grant = ctx.state.grants.get(issued.grantId);
  const record = grant ? ctx.state.users.get(grant.email) : undefined;
  if (!grant || !record) return { ok: false, reason: 'invalid' };
  if (!grantIsLive(ctx, grant)) return { ok: false, reason: 'revoked' };
  if (ctx.clock.now() >= issued.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, grant, record, clientId: issued.clientId };
}

/** Revokes every grant of a user (optionally only one kind, or one region of Seller Central). */
export function revokeGrants(
  ctx: MockContext,
  email: string,
  kind?: Grant['kind'],
  region?: AmazonRegion,
): number {
  let count = 0;
  for (const grant of ctx.state.grants.values()) {
    if (grant.email !== email.toLowerCase() || grant.revoked) continue;
    if (kind && grant.kind !== kind) continue;
    if (region && grant.region !== region) continue;
    grant.revoked = true;
    count += 1;
  }
  return count;
}
