import { randomToken } from '../tokens/base64url';

/**
 * An OAuth `state` value: `selector.verifier`. The selector finds the transaction (it is not secret); the
 * verifier is the secret half, stored only as a SHA-256 hash and compared in constant time. The selector starts
 * with the transaction's expiry (epoch seconds, 7 base-36 digits), so a state that comes back after its expiry
 * is answered `transaction_expired` whether or not housekeeping has deleted the transaction yet.
 */
export interface OAuthState {
  readonly state: string;
  readonly selector: string;
  readonly verifier: string;
}

const expiryDigits = 7;
const shape = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/;

/**
 * A new random state for a transaction expiring at `expiresAt` (epoch ms).
 *
 * @example
 * ```ts
 * const { state, selector, verifier } = newOAuthState(Date.now() + 600_000);
 * ```
 */
export function newOAuthState(expiresAt: number): OAuthState {
  const expiry = Math.ceil(expiresAt / 1000)
    .toString(36)
    .padStart(expiryDigits, '0');
  const selector = `${expiry}${randomToken(16)}`;
  const verifier = randomToken(32);
  return { state: `${selector}.${verifier}`, selector, verifier };
}

/**
 * Splits a presented state; `null` when it does not have the shape of one. `expiresAt` is read from the
 * selector (epoch ms), `null` for states made before the expiry was part of it.
 *
 * @example
 * ```ts
 * parseOAuthState(state)?.selector;
 * ```
 */
export function parseOAuthState(
  state: string,
): { selector: string; verifier: string; expiresAt: number | null } | null {
  const match = shape.exec(state);
  const selector = match?.[1];
  const verifier = match?.[2];
  if (selector === undefined || verifier === undefined) return null;
  const expiry = selector.slice(0, expiryDigits);
  const seconds = /^[0-9a-z]+$/.test(expiry) ? Number.parseInt(expiry, 36) : Number.NaN;
  return { selector, verifier, expiresAt: Number.isFinite(seconds) ? seconds * 1000 : null };
}
