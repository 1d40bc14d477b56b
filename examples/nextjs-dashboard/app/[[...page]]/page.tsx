import { defaultAppConfig } from '@smart-ads/example-react-dashboard/src/app-config';
import { lastDays } from '@smart-ads/example-react-dashboard/src/date-range';
import { headers } from 'next/headers';
import { appConfig } from '../../lib/app-config';
import { DashboardApp } from '../dashboard-app';
import { serverStatus } from '../server-status';

export const dynamic = 'force-dynamic';

/**
 * Every page of the dashboard (`/`, `/connections`, `/support`, and Amazon's return at `/amazon/return`): the
 * shell and the subscription's connections are rendered on the server, the rest hydrates.
 */
export default async function DashboardPage() {
  const [status, path] = await Promise.all([serverStatus(), requestPath()]);
  return (
    <DashboardApp path={path} config={appConfig() ?? defaultAppConfig} range={lastDays(7)} status={status} />
  );
}

/** The path of the request being rendered (set by `proxy.ts`). */
async function requestPath(): Promise<string> {
  return (await headers()).get('x-request-path') ?? '/';
}
