/**
 * Test support: a pending OAuth transaction as the browser stores it before going to Amazon.
 */
import type { ConnectionKind } from '../src/contract/types';
import type { PendingTransaction } from '../src/oauth/transaction.types';

/** A pending redirect sign-in of `kind`, started at 1 000 ms and expiring at 601 000 ms, with `overrides` applied. */
export function pendingTransaction(
  kind: ConnectionKind,
  overrides: Partial<PendingTransaction> = {},
): PendingTransaction {
  return {
    kind,
    state: `state-${kind}-0123456789`,
    returnTo: '/dashboard',
    attempt: 1,
    startedAt: 1_000,
    expiresAt: 601_000,
    mode: 'redirect',
    afterDataSlow: false,
    ...overrides,
  };
}
