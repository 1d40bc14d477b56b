import type { ConnectionsStatus } from '@smart-ads/core';
import { cookies } from 'next/headers';
import { amazonServer, apiBasePath } from '../lib/amazon-server';
import { subscriptionCookie } from '../lib/demo-subscription';

/** The connection status of this request's subscription, read on the server (no HTTP round trip to itself). */
export async function serverStatus(): Promise<ConnectionsStatus | null> {
  const { handler } = (await amazonServer()).connections;
  const cookie = (await cookies()).get(subscriptionCookie);
  const response = await handler(
    new Request(`http://server.local${apiBasePath}/status`, {
      headers: cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {},
    }),
  );
  return response.ok ? ((await response.json()) as ConnectionsStatus) : null;
}
