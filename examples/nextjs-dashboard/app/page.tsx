import { Dashboard } from './dashboard';
import { serverStatus } from './server-status';

export const dynamic = 'force-dynamic';

/** The dashboard: the shell and the connections' state come with the first HTML, the rest hydrates. */
export default async function DashboardPage() {
  const status = await serverStatus();
  return (
    <>
      <h1>Ads Optimiser</h1>
      <p data-testid="server-status">
        Amazon Advertising: {status?.advertising ? status.advertising.account.name : 'not connected'}; Seller
        Central: {status?.sellerCentral ? 'connected' : 'not connected'}
      </p>
      <Dashboard />
    </>
  );
}
