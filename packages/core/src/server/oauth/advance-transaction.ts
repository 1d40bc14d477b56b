import type { CallbackRequest } from '../../contract/types';
import { ConnectionsError } from '../../errors/connections-error';
import type { OAuthTransactionRecord, TransactionOutcome } from '../storage/connection-store';
import { chooseAccount, claimTransaction, exchangeCode, resumeGranted } from './exchange-steps';
import type { FlowContext, FlowResult, FlowSubscription, StepResult } from './flow-context';

/** What one request asks of a transaction: complete Amazon's callback, or pick one of the offered accounts. */
export type Step =
  | { readonly type: 'callback'; readonly request: CallbackRequest }
  | { readonly type: 'select'; readonly accountId: string };

/** The answer a settled transaction gives every request that comes after (its outcome, failures included). */
function replay(outcome: TransactionOutcome | null): FlowResult {
  if (outcome === null) throw new ConnectionsError('server_error');
  if (outcome.type === 'failed') throw new ConnectionsError(outcome.code);
  if (outcome.type === 'choose_account') return { outcome: 'choose_account', accounts: outcome.accounts };
  return { outcome: 'connected' };
}

const sellingPartnerOf = (step: Step) =>
  step.type === 'callback' && step.request.kind === 'sellerCentral' ? step.request.sellingPartnerId : null;

/**
 * Moves the transaction of `first` on for one request until it has an answer: claims it where it can, waits
 * while another request holds a live claim, takes over a claim whose lease ended. A request that waited on
 * another answers with that request's outcome, failures included (its client may retry).
 */
export async function advanceTransaction(
  ctx: FlowContext,
  subscription: FlowSubscription,
  first: OAuthTransactionRecord,
  step: Step,
): Promise<FlowResult> {
  let transaction = first;
  let waited = false;
  for (;;) {
    const now = ctx.now();
    const live = transaction.phase !== 'done' && transaction.expiresAt <= now;
    if (live) throw new ConnectionsError('transaction_expired');
    let result: StepResult | null = null;
    switch (transaction.phase) {
      case 'done':
        return replay(transaction.outcome);
      case 'pending':
      case 'granted': {
        if (step.type === 'select') throw new ConnectionsError('state_mismatch');
        if (waited && transaction.outcome?.type === 'failed') return replay(transaction.outcome);
        const held = await claimTransaction(ctx, transaction, transaction.phase);
        if (held)
          result =
            transaction.phase === 'pending'
              ? await exchangeCode(ctx, subscription, held, step.request)
              : await resumeGranted(ctx, subscription, held, sellingPartnerOf(step));
        break;
      }
      case 'choosing': {
        if (step.type === 'callback') return replay(transaction.outcome);
        const offered = transaction.outcome?.type === 'choose_account' ? transaction.outcome.accounts : [];
        if (!offered.some((account) => account.id === step.accountId)) {
          throw new ConnectionsError('invalid_request', {
            detail: 'That account was not one of the choices.',
          });
        }
        const held = await claimTransaction(ctx, transaction, 'choosing');
        if (held) result = await chooseAccount(ctx, subscription, held, step.accountId);
        break;
      }
      case 'exchanging': {
        const leaseEnds = (transaction.claimedAt ?? 0) + ctx.exchangeLeaseMs;
        if (leaseEnds < now) {
          // Its server crashed or hung past every Amazon deadline: take over, from the sealed tokens if any.
          const held = await claimTransaction(ctx, transaction, 'exchanging');
          if (held) result = await resumeGranted(ctx, subscription, held, sellingPartnerOf(step));
        } else {
          waited = true;
          await new Promise((resolve) => setTimeout(resolve, ctx.pollMs));
        }
        break;
      }
    }
    if (result !== null && result !== 'claim_lost') return result;
    if (result === 'claim_lost') waited = true;
    const current = await ctx.store.getTransaction(transaction.selector);
    if (!current) throw new ConnectionsError('transaction_expired');
    transaction = current;
  }
}
