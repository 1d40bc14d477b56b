import { useDisconnect } from '@smart-ads/react';
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';

/**
 * The confirmation prompt of the full Amazon Advertising disconnect (rule 4). A modal `<dialog>` with the
 * alertdialog role: the page behind it is inert, so focus stays inside; Escape cancels; closing it any other way
 * while the engine still waits for the answer cancels too; nothing happens until Disconnect is pressed. After
 * Disconnect, the connections page moves focus to the Connect button that replaces the Disconnect one.
 */
export function DisconnectDialog() {
  const disconnect = useDisconnect('advertising');
  const { confirmation } = disconnect;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  // Whether the engine still waits for an answer, read by `onClose` (which may run after a newer render).
  const waiting = useRef(false);

  useEffect(() => {
    waiting.current = confirmation !== null;
    const dialog = ref.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) dialog.showModal();
    if (!confirmation && dialog.open) dialog.close();
  }, [confirmation]);

  // A modal dialog makes the page inert, but Tab can still leave it for the browser's own UI: wrap around instead.
  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const first = buttons[0];
    const last = buttons.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      onKeyDown={keepFocusInside}
      className="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        disconnect.cancel();
      }}
      onClose={() => {
        if (waiting.current) disconnect.cancel();
      }}
    >
      {confirmation && (
        <>
          <h2 id={titleId}>{confirmation.title}</h2>
          <p id={messageId}>{confirmation.message}</p>
          <div className="dialog-actions">
            {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes the focus when the prompt opens */}
            <button type="button" autoFocus onClick={disconnect.cancel}>
              {confirmation.cancelLabel}
            </button>
            <button type="button" className="danger" onClick={disconnect.confirm}>
              {confirmation.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
