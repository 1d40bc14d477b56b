import type { ConnectionKind } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import { constantTimeEqual } from '../../oauth/constant-time';
import type { OAuthTransactionRecord } from '../storage/connection-store';
import { type FlowContext, type FlowSubscription, sha256 } from './flow-context';
import { parseOAuthState } from './oauth-state';

/**
 * Finds the transaction of `state` for this subscription and kind, comparing the secret in constant time. A
 * state whose transaction is gone is `transaction_expired` when its selector says it expired, else
 * `state_mismatch`.
 */
export async function findTransaction(
  ctx: FlowContext,
  subscription: FlowSubscription,
  state: string,
  kind: ConnectionKind,
): Promise<OAuthTransactionRecord> {
  const parsed = parseOAuthState(state);
  const found = parsed ? await ctx.store.getTransaction(parsed.selector) : null;
  // Hash even when nothing was found, so timing does not tell a known selector from an unknown one.
  const presented = await sha256(parsed?.verifier ?? '');
  if (!found) {
    const expired = parsed?.expiresAt != null && parsed.expiresAt <= ctx.now();
    throw new ConnectionsError(expired ? 'transaction_expired' : 'state_mismatch');
  }
  const verified = constantTimeEqual(presented, found.verifierHash);
  if (!verified || found.subscriptionId !== subscription.id || found.kind !== kind) {
    throw new ConnectionsError('state_mismatch');
  }
  return found;
}
