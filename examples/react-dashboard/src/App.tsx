import { AccountChooser } from './components/AccountChooser';
import { ActivityNotice } from './components/ActivityNotice';
import { ConnectionsPage } from './components/ConnectionsPage';
import { DashboardPage } from './components/DashboardPage';
import { DisconnectDialog } from './components/DisconnectDialog';
import { RefusalNotice } from './components/RefusalNotice';
import { SoftDisconnectNotice } from './components/SoftDisconnectNotice';
import { SupportPage } from './components/SupportPage';
import { TopBar } from './components/TopBar';
import { TroubleNotices } from './components/TroubleNotices';
import { pageOf } from './router';
import { usePath } from './use-path';

/** The Smart Ads dashboard: top bar, notices, and the current page. */
export function App() {
  const page = pageOf(usePath());
  return (
    <>
      <TopBar page={page} />
      <div className="notices">
        <ActivityNotice />
        <RefusalNotice />
        <SoftDisconnectNotice />
        <TroubleNotices />
        <AccountChooser />
      </div>
      {page === 'connections' && <ConnectionsPage />}
      {page === 'support' && <SupportPage />}
      {page === 'dashboard' && <DashboardPage />}
      <DisconnectDialog />
    </>
  );
}
