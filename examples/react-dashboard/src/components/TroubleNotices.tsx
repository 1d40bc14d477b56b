import { type Advice, type ErrorCode, useTroubleshooting } from '@smart-ads/react';
import { useAppServices } from '../app-context';
import { pagePaths } from '../router';

const signInTrouble: readonly ErrorCode[] = [
  'oauth_refused',
  'reconnect_loop',
  'no_advertising_access',
  'no_seller_central_access',
  'state_mismatch',
  'transaction_expired',
  'authorization_code_rejected',
  'callback_malformed',
];

/** The help article's troubleshooting heading for a trouble. */
function heading(code: ErrorCode): string {
  if (signInTrouble.includes(code)) return 'The reconnection fails or loops back to the sign-in page';
  if (code === 'data_slow' || code === 'data_still_slow')
    return 'Metrics still show a dash after reconnecting';
  return 'Something went wrong';
}

function AdviceNotice({ advice, onDismiss }: { advice: Advice; onDismiss: (() => void) | null }) {
  const { router } = useAppServices();
  const { trouble } = advice;
  return (
    <div role="alert" className="notice notice-trouble" data-code={trouble.code}>
      <p className="notice-title">
        {advice.label}: {heading(trouble.code)}
      </p>
      <p>{trouble.message}</p>
      <div className="notice-actions">
        {(trouble.nextStep === 'disconnect_and_reconnect' ||
          trouble.nextStep === 'disconnect_current_first') && (
          <button type="button" className="secondary" onClick={() => router.navigate(pagePaths.connections)}>
            Manage connections
          </button>
        )}
        {trouble.nextStep === 'contact_support' && trouble.supportUrl && (
          <a href={trouble.supportUrl}>Contact support</a>
        )}
        {onDismiss && (
          <button type="button" className="secondary" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

/** The built-in troubleshooting (rule 7): each connection's trouble with the help article's advice. */
export function TroubleNotices() {
  const help = useTroubleshooting();
  return (
    <>
      {help.loadTrouble && (
        <div role="alert" className="notice notice-trouble" data-code={help.loadTrouble.code}>
          <p>{help.loadTrouble.message}</p>
          <button type="button" onClick={help.retryLoad}>
            Try again
          </button>
        </div>
      )}
      {help.advice.map((advice) => (
        <AdviceNotice
          key={advice.kind}
          advice={advice}
          onDismiss={advice.trouble.code.startsWith('data_') ? null : () => help.dismiss(advice.kind)}
        />
      ))}
    </>
  );
}
