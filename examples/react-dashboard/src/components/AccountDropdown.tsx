import { useConnection } from '@smart-ads/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useAppServices } from '../app-context';
import { conditionLabel } from '../condition-label';
import { connectionSummary } from '../connection-summary';
import { pagePaths } from '../router';
import { ConnectMenuItem } from './ConnectMenuItem';
import { SellerCentralRegions } from './SellerCentralRegions';

/**
 * The account dropdown of the top bar (help article: "Look for the account dropdown in the top bar"): the
 * connected account's name and status, and the options to connect Amazon Advertising or Seller Central. Choosing
 * an item, Escape, a click outside or focus leaving it closes the menu; choosing an item or Escape puts the focus
 * back on the menu button.
 */
export function AccountDropdown() {
  const advertising = useConnection('advertising');
  const sellerCentral = useConnection('sellerCentral');
  const { router } = useAppServices();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const choose = () => {
    buttonRef.current?.focus();
    setOpen(false);
  };

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && root?.contains(event.relatedTarget)) return;
      setOpen(false);
    };
    const root = rootRef.current;
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    root?.addEventListener('focusout', onFocusOut);
    return () => {
      root?.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="account-dropdown" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="visually-hidden">Amazon accounts menu: </span>
        <span className="account-name">{advertising.accountName ?? 'No Amazon account connected'}</span>
        <span className={`pill pill-${advertising.condition ?? 'loading'}`}>
          {conditionLabel(advertising.condition)}
        </span>
      </button>
      {/* Focusable (not in the tab order) so a click on its text keeps the focus, and the menu, inside. */}
      <div id={panelId} className="account-menu" hidden={!open} tabIndex={-1}>
        <dl className="account-facts">
          <dt>{advertising.label}</dt>
          <dd>{connectionSummary(advertising)}</dd>
          <dt>{sellerCentral.label}</dt>
          <dd>{connectionSummary(sellerCentral)}</dd>
        </dl>
        <ConnectMenuItem kind="advertising" onChosen={choose} />
        <ConnectMenuItem kind="sellerCentral" onChosen={choose} />
        <SellerCentralRegions onChosen={choose} />
        <a
          href={pagePaths.connections}
          onClick={(event) => {
            event.preventDefault();
            choose();
            router.navigate(pagePaths.connections);
          }}
        >
          Manage connections
        </a>
      </div>
    </div>
  );
}
