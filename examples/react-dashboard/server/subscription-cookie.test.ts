import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { pageSubscription, subscriptionFromCookieHeader } from './subscription-cookie.ts';

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: encrypted ? { encrypted: true } : {} }) as unknown as IncomingMessage;

describe('the demo subscription cookie', () => {
  it('is HttpOnly and SameSite=Lax, and Secure only when the page came over https', () => {
    expect(pageSubscription(request({})).setCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(pageSubscription(request({}, true)).setCookie).toMatch(/; SameSite=Lax; Secure$/);
    expect(pageSubscription(request({ 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure$/);
    expect(pageSubscription(request({ 'x-forwarded-proto': 'http' })).setCookie).not.toContain('Secure');
  });

  it('keeps an existing subscription and ignores a malformed one', () => {
    expect(pageSubscription(request({ cookie: 'demo_subscription=demo-1234abcd' }))).toEqual({
      id: 'demo-1234abcd',
      setCookie: null,
    });
    expect(subscriptionFromCookieHeader('demo_subscription=<script>')).toBeNull();
  });
});
