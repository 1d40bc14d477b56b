import { type NextRequest, NextResponse } from 'next/server';
import { subscriptionCookie, subscriptionFromCookie } from './lib/demo-subscription';

/**
 * Gives every browser its own demo subscription in an HttpOnly cookie (Secure over https), before any page or the
 * server half sees the request, so the server components and the route handler read the same subscription.
 * (Next.js 16 names this file `proxy.ts`; earlier versions called it middleware.)
 */
export function proxy(request: NextRequest): NextResponse {
  // The pages render the dashboard for the path asked (its router is the example's own, over window.history).
  const headers = new Headers(request.headers);
  headers.set('x-request-path', request.nextUrl.pathname);
  if (subscriptionFromCookie(request.cookies.get(subscriptionCookie)?.value)) {
    return NextResponse.next({ request: { headers } });
  }
  const id = `demo-${crypto.randomUUID()}`;
  // The page rendered for this very request must see the new cookie too.
  headers.set(
    'cookie',
    `${request.headers.get('cookie') ?? ''}; ${subscriptionCookie}=${id}`.replace(/^; /, ''),
  );
  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(subscriptionCookie, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
  });
  return response;
}

export const config = { matcher: ['/((?!_next/|favicon.ico).*)'] };
