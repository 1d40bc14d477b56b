'use client';
import {
  type AmazonRegion,
  type ConnectionKind,
  ConnectionsCallback,
  ConnectionsProvider,
  MetricValue,
  metricCatalogue,
  regionNames,
  type SellerCentralRegionView,
  useConnection,
  useDisconnect,
  useFeature,
  useMarketplace,
  useSignIn,
  useTroubleshooting,
} from '@smart-ads/react';

const options = { baseUrl: '/api/amazon', mode: 'popup', supportUrl: '/support' } as const;
const day = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const last30Days = { from: isoDay(Date.now() - 30 * day), to: isoDay(Date.now() - day) };

export function App() {
  return (
    <ConnectionsProvider options={options} metricsRange={last30Days}>
      <TopBar />
      <Cards />
      <Troubles />
    </ConnectionsProvider>
  );
}

// The account dropdown: "choose the option to connect the account type you need".
function ConnectItem({ kind }: { kind: ConnectionKind }) {
  const signIn = useSignIn(kind); // in popup mode the sign-in URL is prepared before the click
  const { label, condition } = useConnection(kind);
  return (
    <button
      type="button"
      role="menuitem"
      disabled={!signIn.action.allowed}
      title={signIn.action.allowed ? undefined : signIn.action.message}
      onClick={signIn.start} // synchronous: window.open runs inside the click
    >
      {condition === 'stale' ? 'Reconnect' : 'Connect'} {label}
    </button>
  );
}

// Seller Central is authorised per Amazon region: a marketplace in a region without it (Germany while only North
// America is authorised) offers "Connect Seller Central for Europe" (not prepared ahead by default: a prepared
// sign-in would hold Seller Central busy, its disconnect waiting until the sign-in is used or cancelled).
function ConnectRegionItem({ region }: { region: AmazonRegion }) {
  const signIn = useSignIn('sellerCentral', { region });
  if (!signIn.action.allowed) return null;
  return (
    <button type="button" role="menuitem" onClick={signIn.start}>
      Connect Seller Central for {regionNames[region]}
    </button>
  );
}

function TopBar() {
  const { marketplaces } = useMarketplace();
  const regions = [...new Set(marketplaces.map((marketplace) => marketplace.region))];
  return (
    <details>
      <summary>Amazon accounts</summary>
      <div role="menu">
        <ConnectItem kind="advertising" />
        <ConnectItem kind="sellerCentral" />
        {regions.map((region) => (
          <ConnectRegionItem key={region} region={region} />
        ))}
      </div>
    </details>
  );
}

// Disconnect: Seller Central at once; Amazon Advertising after the confirmation prompt.
function ConnectionCard({ kind }: { kind: ConnectionKind }) {
  const connection = useConnection(kind);
  const disconnect = useDisconnect(kind);
  return (
    <section aria-label={connection.label}>
      <h2>{connection.label}</h2>
      <p>
        {connection.condition}
        {kind === 'advertising' && connection.accountName ? `: ${connection.accountName}` : ''}
        {connection.marketplaces.length > 0 ? ` (${connection.marketplaces.join(', ')})` : ''}
      </p>
      {disconnect.confirmation ? (
        <div role="alertdialog" aria-label={disconnect.confirmation.title}>
          <p>{disconnect.confirmation.message}</p>
          <button type="button" onClick={disconnect.confirm}>
            {disconnect.confirmation.confirmLabel}
          </button>
          <button type="button" onClick={disconnect.cancel}>
            {disconnect.confirmation.cancelLabel}
          </button>
        </div>
      ) : (
        <button type="button" disabled={!disconnect.action.allowed} onClick={disconnect.request}>
          Disconnect
        </button>
      )}
      {connection.regions.length > 1 && (
        <ul aria-label="Regions">
          {connection.regions.map((region) => (
            <RegionItem key={region.region} region={region} />
          ))}
        </ul>
      )}
    </section>
  );
}

// One Seller Central region, "Europe (GB, DE)", and its own disconnect: the other regions stay.
function RegionItem({ region }: { region: SellerCentralRegionView }) {
  const disconnect = useDisconnect('sellerCentral', { region: region.region });
  return (
    <li>
      {region.name} ({region.marketplaces.join(', ')}){' '}
      <button
        type="button"
        disabled={!disconnect.action.allowed || disconnect.pending}
        onClick={disconnect.request}
      >
        Disconnect {region.name}
      </button>
    </li>
  );
}

// A metric card: the value, "Populating…" while data arrives, or "–" (U+2013) with the reason as its title.
function MetricCard({ metric }: { metric: 'totalSales' | 'adSpend' | 'tacos' }) {
  return (
    <figure>
      <figcaption>{metricCatalogue[metric].label}</figcaption>
      <MetricValue metric={metric} locale="en-US" />
    </figure>
  );
}

function RulesPanel() {
  const rules = useFeature('rules');
  return rules.enabled ? <a href="/rules">Rules</a> : <p>{rules.message}</p>;
}

function Cards() {
  return (
    <>
      <ConnectionCard kind="advertising" />
      <ConnectionCard kind="sellerCentral" />
      <MetricCard metric="adSpend" />
      <MetricCard metric="totalSales" />
      <MetricCard metric="tacos" />
      <RulesPanel />
    </>
  );
}

function Troubles() {
  const help = useTroubleshooting();
  return help.advice.map(({ kind, label, trouble }) => (
    <p key={kind} role="alert">
      {label}: {trouble.message}
      {trouble.supportUrl && <a href={trouble.supportUrl}>Contact support</a>}
    </p>
  ));
}

// The redirect-URI route (/amazon/return): completes the callback once, lets the user pick an account when the
// sign-in sees several, shows a typed error, then sends the user back where they started.
export function AmazonReturnPage({ navigate }: { navigate: (path: string) => void }) {
  return (
    <ConnectionsProvider options={options}>
      <ConnectionsCallback onReturn={navigate} />
    </ConnectionsProvider>
  );
}
