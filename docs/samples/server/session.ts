import type { SubscriptionInfo } from '@smart-ads/core/server';

/**
 * Stands for the host's own authentication in the samples: a bearer token of a signed-in user, mapped to their
 * subscription. A real host reads its session cookie or JWT here.
 */
const sessions = new Map<string, SubscriptionInfo>([
  ['token-of-a-signed-in-user', { id: 'subscription-1', accountLimit: 1 }],
]);

/** The subscription of the request's signed-in user, or `null` (the handler then answers 401). */
export async function subscriptionOf(request: Request): Promise<SubscriptionInfo | null> {
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  return (token && sessions.get(token)) || null;
}
