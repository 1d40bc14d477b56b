import {
  type Advice,
  type NextStep,
  useConnection,
  useDisconnect,
  useSignIn,
  useTroubleshooting,
} from '@smart-ads/react';
import { useAppServices } from '../app-context';
import { pagePaths } from '../router';

/**
 * The help article's troubleshooting heading for a next step ("The reconnection fails or loops back to the
 * sign-in page", "Metrics still show a dash after reconnecting", the stale connection of "When you might need
 * to do this"), in words that fit the screen: a first connect is not a reconnection, and figures that are still
 * populating say "Populating…", not a dash.
 */
function headingFor(nextStep: NextStep, connected: boolean): string {
  switch (nextStep) {
    case 'retry':
      return `The ${connected ? 'reconnection' : 'connection'} fails or loops back to the sign-in page`;
    case 'reconnect':
      return 'The connection stopped working';
    case 'disconnect_and_reconnect':
      return 'Figures are still populating';
    case 'contact_support':
      return 'Figures are still populating after reconnecting once more';
    default:
      return 'Something went wrong';
  }
}

/** One connection's trouble: the view model's message and next step, and the button or link for that step. */
function AdviceNotice({ advice }: { advice: Advice }) {
  const { router } = useAppServices();
  const connection = useConnection(advice.kind);
  const signIn = useSignIn(advice.kind);
  const disconnect = useDisconnect(advice.kind);
  const { trouble, label } = advice;
  const { nextStep } = trouble;
  // A failed disconnect left the connection as it was: its retry is the disconnect, not a sign-in.
  const disconnectFailed = trouble.during === 'disconnect';
  return (
    <div role="alert" className="notice notice-trouble" data-code={trouble.code}>
      <p className="notice-title">
        {label}:{' '}
        {disconnectFailed
          ? 'The disconnect did not go through'
          : headingFor(nextStep, connection.condition !== null && connection.condition !== 'disconnected')}
      </p>
      <p>{trouble.message}</p>
      <div className="notice-actions">
        {disconnectFailed && trouble.retryable && (
          <button type="button" disabled={!disconnect.action.allowed} onClick={disconnect.request}>
            Disconnect {label} again
          </button>
        )}
        {!disconnectFailed && (nextStep === 'retry' || nextStep === 'reconnect') && (
          <button type="button" disabled={!signIn.action.allowed} onClick={signIn.start}>
            {nextStep === 'reconnect' ? 'Reconnect' : 'Connect'} {label}
            {nextStep === 'retry' ? ' again' : ''}
          </button>
        )}
        {(nextStep === 'disconnect_and_reconnect' || nextStep === 'disconnect_current_first') && (
          <button type="button" className="secondary" onClick={() => router.navigate(pagePaths.connections)}>
            Manage connections
          </button>
        )}
        {nextStep === 'contact_support' && trouble.supportUrl && (
          <a href={trouble.supportUrl}>Contact support</a>
        )}
        {connection.actions.dismiss.allowed && (
          <button type="button" className="secondary" onClick={connection.dismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The built-in troubleshooting (rules 6, 7): each connection's trouble (a failed sign-in or disconnect, data
 * still missing after the wait, a stale connection) with the help article's advice and its next step.
 */
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
        <AdviceNotice key={advice.kind} advice={advice} />
      ))}
    </>
  );
}
