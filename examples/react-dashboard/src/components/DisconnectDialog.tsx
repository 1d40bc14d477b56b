import { useDisconnect } from '@smart-ads/react';
import { useEffect, useId, useRef } from 'react';

/**
 * The confirmation prompt of the full Amazon Advertising disconnect (rule 4). A modal `<dialog>`: the page behind
 * it is inert, so focus stays inside; Escape cancels; nothing happens until Disconnect is pressed.
 */
export function DisconnectDialog() {
  const disconnect = useDisconnect('advertising');
  const { confirmation } = disconnect;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) dialog.showModal();
    if (!confirmation && dialog.open) dialog.close();
  }, [confirmation]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        disconnect.cancel();
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
