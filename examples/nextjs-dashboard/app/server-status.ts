import type { ConnectionsStatus } from '@smart-ads/core';
import { cookies } from 'next/headers';
import { amazonServer } from '../lib/amazon-server';
import { subscriptionCookie, subscriptionFromCookie } from '../lib/demo-subscription';

/**
 * The connection status of this request's subscription, read in-process by the server half (`status()`, no HTTP
 * round trip): the page renders it into its first HTML and hands it to the browser engine as `initialStatus`.
 */
export async function serverStatus(): Promise<ConnectionsStatus | null> {
  const id = subscriptionFromCookie((await cookies()).get(subscriptionCookie)?.value);
  if (!id) return null;
  const { connections } = await amazonServer();
  return connections.status(id, { accountLimit: 1 });
}
