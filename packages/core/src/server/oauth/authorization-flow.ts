import type { AuthorizeRequest, AuthorizeResponse, CallbackRequest } from '../../contract/types';
import { advanceTransaction } from './advance-transaction';
import { findTransaction } from './find-transaction';
import type { FlowContext, FlowDeps, FlowResult, FlowSubscription } from './flow-context';
import { startAuthorization } from './start-authorization';

export type { FlowResult, FlowSubscription } from './flow-context';

/**
 * The OAuth half of the server: `/authorize` builds Amazon's URL with a random `state` bound to the
 * subscription (and PKCE S256 for Login with Amazon); `/callback` checks the state in constant time,
 * exchanges each code at most once, discovers the accounts and saves the connection under the rules;
 * `/advertising/account` finishes a sign-in that sees several advertising accounts.
 *
 * Every answer is true for a retry of the same request: a transient failure before Amazon gave tokens leaves
 * the transaction `pending` (the code may still be unspent, so a retry exchanges it); after, the tokens stay
 * sealed in the transaction (`granted`) and a retry resumes without spending the code again. A request's writes
 * are fenced by its claim; an exchange whose server crashed is taken over once its lease ends, resuming from the
 * sealed tokens, or ending in `exchange_interrupted` (sign in again) when Amazon's answer was lost with it.
 *
 * The steps live beside this file: `start-authorization.ts` (the URL and the pending transaction),
 * `find-transaction.ts` (the state check), `advance-transaction.ts` (claim, wait or take over) and
 * `exchange-steps.ts` (exchange, discover the accounts, seal and save, choose).
 *
 * @example
 * ```ts
 * const flow = createAuthorizationFlow({ store, cipher, lwa, ads, sp, amazon, baseUrls, now, transactionTtlMs: 600_000, exchangeLeaseMs: 10_000 });
 * const { authorizeUrl } = await flow.authorize(subscription, { kind: 'advertising', returnTo: '/dashboard' });
 * ```
 */
export interface AuthorizationFlow {
  authorize(subscription: FlowSubscription, request: AuthorizeRequest): Promise<AuthorizeResponse>;
  callback(subscription: FlowSubscription, request: CallbackRequest): Promise<FlowResult>;
  selectAccount(
    subscription: FlowSubscription,
    request: { state: string; accountId: string },
  ): Promise<FlowResult>;
}

/** Creates the {@link AuthorizationFlow}. */
export function createAuthorizationFlow(deps: FlowDeps): AuthorizationFlow {
  const ctx: FlowContext = {
    ...deps,
    regions: deps.amazon.regions ?? ['na', 'eu', 'fe'],
    pollMs: deps.pollMs ?? 25,
  };
  let lastCleanup = 0;

  /** Deletes expired transactions at most once a minute (a failure here never fails a sign-in). */
  async function housekeeping(): Promise<void> {
    const now = ctx.now();
    if (now - lastCleanup <= 60_000) return;
    lastCleanup = now;
    await ctx.store.deleteExpiredTransactions(now).catch(() => 0);
  }

  return {
    async authorize(subscription, request) {
      await housekeeping();
      return startAuthorization(ctx, subscription, request);
    },
    async callback(subscription, request) {
      const transaction = await findTransaction(ctx, subscription, request.state, request.kind);
      return advanceTransaction(ctx, subscription, transaction, { type: 'callback', request });
    },
    async selectAccount(subscription, request) {
      const transaction = await findTransaction(ctx, subscription, request.state, 'advertising');
      return advanceTransaction(ctx, subscription, transaction, {
        type: 'select',
        accountId: request.accountId,
      });
    },
  };
}
