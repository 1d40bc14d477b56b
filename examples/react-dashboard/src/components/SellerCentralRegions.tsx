import type { SellerCentralRegionView } from '@smart-ads/react';
import { useConnection, useDisconnect, useMarketplace } from '@smart-ads/react';
import { regionSummary } from '../connection-summary';
import { ConnectRegionButton } from './ConnectRegionButton';

/**
 * The Seller Central part of the account dropdown: one line per authorised region with "Disconnect Europe" (while
 * there are several: the last one goes with "Disconnect Seller Central"), and "Connect Seller Central for …" for
 * the selected marketplace's region when it is not authorised yet.
 */
export function SellerCentralRegions({ onChosen }: { onChosen: () => void }) {
  const { regions } = useConnection('sellerCentral');
  const { current } = useMarketplace();
  const connectable = current?.actions.connectSellerCentral.allowed ? current : null;
  if (regions.length < 2 && !connectable) return null;
  return (
    <div className="seller-central-regions">
      {regions.length > 1 && (
        <ul aria-label="Seller Central regions">
          {regions.map((region) => (
            <RegionItem key={region.region} region={region} />
          ))}
        </ul>
      )}
      {connectable && (
        <div className="menu-item">
          <ConnectRegionButton region={connectable.region} onChosen={onChosen} />
          <p className="hint">{connectable.sellerCentral.covered ? '' : connectable.sellerCentral.message}</p>
        </div>
      )}
    </div>
  );
}

function RegionItem({ region }: { region: SellerCentralRegionView }) {
  const disconnect = useDisconnect('sellerCentral', { region: region.region });
  return (
    <li>
      <span>{regionSummary(region)}</span>{' '}
      <button
        type="button"
        aria-disabled={!disconnect.action.allowed || disconnect.pending || undefined}
        onClick={() => {
          if (disconnect.action.allowed) disconnect.request();
        }}
      >
        {disconnect.pending ? `Disconnecting ${region.name}…` : `Disconnect ${region.name}`}
      </button>
      {disconnect.trouble && (
        <p role="alert" className="hint">
          {disconnect.trouble.message}
        </p>
      )}
    </li>
  );
}
