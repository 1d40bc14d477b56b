import type { ErrorCode } from '../contract/error-codes';
import type { CallbackRequest, ConnectionKind } from '../contract/types';
import type { ParsedCallback } from './callback.parse';
import { constantTimeEqual } from './constant-time';
import type { TransactionStore } from './transaction.store';
import type { PendingTransaction } from './transaction.types';

/** What to do with a callback, decided from the URL and the stored transaction. */
export type CallbackPlan =
  | {
      readonly type: 'exchange';
      readonly kind: ConnectionKind;
      readonly request: CallbackRequest;
      readonly transaction: PendingTransaction;
    }
  | {
      /** The code was handed to the backend already: reload status instead of spending it twice. */
      readonly type: 'resume';
      readonly kind: ConnectionKind;
      readonly state: string;
    }
  | {
      readonly type: 'fail';
      readonly kind: ConnectionKind;
      readonly code: ErrorCode;
      readonly transaction: PendingTransaction | null;
    };

/**
 * Which connection a callback is for: a code says it; a refusal is matched to a pending transaction by `state`.
 *
 * @example
 * ```ts
 * callbackKind(parseCallbackUrl(location.href)!, store); // 'advertising'
 * ```
 */
export function callbackKind(parsed: ParsedCallback, store: TransactionStore): ConnectionKind {
  if (parsed.type === 'code' || parsed.type === 'malformed') {
    if (parsed.type === 'malformed' && parsed.state !== null) {
      return store.findByState(parsed.state)?.kind ?? parsed.kind;
    }
    return parsed.kind;
  }
  if (parsed.state === null) return 'advertising';
  return store.findByState(parsed.state)?.kind ?? 'advertising';
}

/**
 * Decides what to do with a callback: exchange the code, resume (it was spent already), or fail with a code
 * (`oauth_refused`, `callback_malformed`, `state_mismatch`, `transaction_expired`). Reads storage, writes nothing.
 *
 * @example
 * ```ts
 * const plan = resolveCallback(parsed, store, Date.now());
 * if (plan.type === 'exchange' && store.spend(plan.request.state)) await transport.callback(plan.request);
 * ```
 */
export function resolveCallback(parsed: ParsedCallback, store: TransactionStore, now: number): CallbackPlan {
  const kind = callbackKind(parsed, store);
  const transaction = store.pending(kind);
  const matches =
    transaction !== null && parsed.state !== null && constantTimeEqual(transaction.state, parsed.state);
  if (parsed.type === 'refused') {
    return { type: 'fail', kind, code: 'oauth_refused', transaction: matches ? transaction : null };
  }
  if (parsed.type === 'malformed') {
    return { type: 'fail', kind, code: 'callback_malformed', transaction: matches ? transaction : null };
  }
  if (store.spent(parsed.state) !== null) return { type: 'resume', kind, state: parsed.state };
  if (!transaction || !matches) return { type: 'fail', kind, code: 'state_mismatch', transaction: null };
  if (transaction.expiresAt <= now) return { type: 'fail', kind, code: 'transaction_expired', transaction };
  const request: CallbackRequest =
    parsed.kind === 'advertising'
      ? { kind: 'advertising', state: parsed.state, code: parsed.code }
      : {
          kind: 'sellerCentral',
          state: parsed.state,
          code: parsed.code,
          sellingPartnerId: parsed.sellingPartnerId,
        };
  return { type: 'exchange', kind, request, transaction };
}
