/** The cookie that ties a browser to its demo subscription (the example's stand-in for a real login). */
export const subscriptionCookie = 'demo_subscription';

const idShape = /^demo-[A-Za-z0-9-]{8,64}$/;

/** The demo subscription id in a cookie value, or `null` when it is missing or malformed. */
export function subscriptionFromCookie(value: string | undefined | null): string | null {
  return value && idShape.test(value) ? value : null;
}
