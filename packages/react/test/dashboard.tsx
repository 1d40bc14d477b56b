// The dashboard of the tests: the same components as the README's snippet.
import {
  type ConnectionKind,
  MetricValue,
  metricCatalogue,
  useConnection,
  useDisconnect,
  useFeatures,
  useSignIn,
  useTroubleshooting,
} from '@smart-ads/react';
import { useState } from 'react';

function ConnectItem({ kind }: { readonly kind: ConnectionKind }) {
  const signIn = useSignIn(kind);
  const { label, condition } = useConnection(kind);
  const verb = condition === 'stale' ? 'Reconnect' : 'Connect';
  return (
    <button
      type="button"
      role="menuitem"
      disabled={!signIn.action.allowed}
      title={signIn.action.allowed ? undefined : signIn.action.message}
      data-prepared={signIn.prepared}
      onClick={signIn.start}
    >
      {verb} {label}
    </button>
  );
}

export function AccountDropdown() {
  const [open, setOpen] = useState(false);
  return (
    <nav>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Amazon accounts
      </button>
      {/* Kept mounted so the popup's sign-in URL is prepared before the menu is even opened. */}
      <div role="menu" hidden={!open}>
        <ConnectItem kind="advertising" />
        <ConnectItem kind="sellerCentral" />
      </div>
    </nav>
  );
}

export function ConnectionCard({ kind }: { readonly kind: ConnectionKind }) {
  const connection = useConnection(kind);
  const disconnect = useDisconnect(kind);
  return (
    <section aria-label={connection.label}>
      <h2>{connection.label}</h2>
      <p>
        {connection.condition ?? 'loading'}
        {connection.accountName ? `: ${connection.accountName}` : ''}
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
          Disconnect {connection.label}
        </button>
      )}
    </section>
  );
}

export const shownMetrics = ['adSpend', 'acos', 'totalSales', 'totalOrders', 'tacos'] as const;

export function MetricCards() {
  return (
    <dl>
      {shownMetrics.map((key) => (
        <div key={key}>
          <dt>{metricCatalogue[key].label}</dt>
          <dd>
            <MetricValue metric={key} locale="en-US" />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function FeatureFlags() {
  const features = useFeatures();
  return (
    <ul aria-label="Features">
      {Object.entries(features).map(([id, feature]) => (
        <li key={id}>
          {id}: {feature.enabled ? 'on' : `off (${feature.message})`}
        </li>
      ))}
    </ul>
  );
}

export function Troubles() {
  const help = useTroubleshooting();
  return (
    <div>
      {help.advice.map(({ kind, label, trouble }) => (
        <p key={kind} role="alert">
          {label}: {trouble.message} [{trouble.nextStep}]
        </p>
      ))}
    </div>
  );
}

export function Dashboard() {
  return (
    <main>
      <AccountDropdown />
      <ConnectionCard kind="advertising" />
      <ConnectionCard kind="sellerCentral" />
      <MetricCards />
      <FeatureFlags />
      <Troubles />
    </main>
  );
}
