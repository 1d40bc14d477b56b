import { type ReactNode, useEffect, useRef } from 'react';
import { type CallbackProgress, useConnectionsCallback } from './use-connections-callback';

/** Props of {@link ConnectionsCallback}. */
export interface ConnectionsCallbackProps {
  /**
   * Called once with the saved return path after the sign-in completed, e.g. your router's `replace`. The
   * address bar is already updated by then (the engine's `onReturn` setting).
   */
  readonly onReturn?: (path: string) => void;
  /** Your own rendering of the progress; without it a minimal unstyled one is rendered. */
  readonly children?: (progress: CallbackProgress) => ReactNode;
}

function DefaultProgress({ progress }: { readonly progress: CallbackProgress }): ReactNode {
  const { phase, connection, trouble } = progress;
  if (phase === 'none' || !connection) return null;
  if (phase === 'failed' && trouble) {
    return (
      <div role="alert">
        <p>{trouble.message}</p>
        {trouble.supportUrl && <a href={trouble.supportUrl}>Contact support</a>}
      </div>
    );
  }
  if (phase === 'choosing_account') {
    return (
      <fieldset>
        <legend>Choose the Amazon Advertising account to connect</legend>
        {connection.accounts.map((account) => (
          <button key={account.id} type="button" onClick={() => connection.selectAccount(account.id)}>
            {account.name}
          </button>
        ))}
        <button type="button" onClick={connection.cancel}>
          Cancel
        </button>
      </fieldset>
    );
  }
  if (phase === 'cancelled') return <p role="status">Nothing was connected to {connection.label}.</p>;
  return (
    <p role="status">
      {phase === 'done' ? `${connection.label} is connected.` : `Connecting ${connection.label}…`}
    </p>
  );
}

/**
 * The redirect-URI route: shows the progress of the Amazon callback the engine completes on start, the account
 * choice when the sign-in sees several advertising accounts, or the typed error; then sends the user back
 * (`onReturn`). Render it inside the {@link ConnectionsProvider} on the page registered as Amazon's return URL.
 *
 * @example
 * ```tsx
 * // app/amazon/return/page.tsx
 * export default function AmazonReturn() {
 *   const router = useRouter();
 *   return (
 *     <ConnectionsProvider options={{ baseUrl: '/api/amazon' }}>
 *       <ConnectionsCallback onReturn={(path) => router.replace(path)} />
 *     </ConnectionsProvider>
 *   );
 * }
 * ```
 */
export function ConnectionsCallback({ onReturn, children }: ConnectionsCallbackProps): ReactNode {
  const progress = useConnectionsCallback();
  const latest = useRef(onReturn);
  const returnedTo = useRef<string | null>(null);
  useEffect(() => {
    latest.current = onReturn;
  });
  useEffect(() => {
    const path = progress.returnTo;
    if (path === null || returnedTo.current === path) return;
    returnedTo.current = path;
    latest.current?.(path);
  }, [progress.returnTo]);
  return children ? children(progress) : <DefaultProgress progress={progress} />;
}
