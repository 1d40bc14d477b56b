import { type Refusal, useTroubleshooting } from '@smart-ads/react';
import { useState } from 'react';
import { useAppServices } from '../app-context';
import { pagePaths } from '../router';

/** Why the last command could not run (the one-account rule, Seller Central before Advertising, …). */
export function RefusalNotice() {
  const { refusal } = useTroubleshooting();
  const { router } = useAppServices();
  const [dismissed, setDismissed] = useState<Refusal | null>(null);
  if (!refusal || refusal === dismissed || refusal.code === 'not_ready') return null;
  return (
    <div role="alert" className="notice notice-refusal" data-code={refusal.code}>
      <p>{refusal.message}</p>
      <div className="notice-actions">
        {(refusal.code === 'account_limit_reached' || refusal.code === 'already_connected') && (
          <button type="button" className="secondary" onClick={() => router.navigate(pagePaths.connections)}>
            Manage connections
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setDismissed(refusal)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
