import { defaultAppConfig } from '@smart-ads/example-react-dashboard/src/app-config';
import { lastDays } from '@smart-ads/example-react-dashboard/src/date-range';
import { appConfig } from '../../../lib/app-config';
import { serverStatus } from '../../server-status';
import { AmazonReturn } from './amazon-return';

export const dynamic = 'force-dynamic';

/**
 * Amazon sends the seller back here with the code in the query. Only the browser can complete it (the sign-in's
 * transaction is in its sessionStorage), so the server sends the shell and the dashboard starts in the browser,
 * completes the sign-in and returns to the page the seller started on.
 */
export default async function AmazonReturnPage() {
  const status = await serverStatus();
  return (
    <AmazonReturn
      path="/amazon/return"
      config={appConfig() ?? defaultAppConfig}
      range={lastDays(7)}
      status={status}
    />
  );
}
