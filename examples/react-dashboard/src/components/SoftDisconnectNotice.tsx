import { type ConnectionCondition, metricCatalogue, useConnection, useSignIn } from '@smart-ads/react';
import { useEffect, useRef, useState } from 'react';

/** The six figures the soft disconnect turns into a dash (help article, "What stops working"). */
const sellerCentralFigures = [
  'totalSales',
  'totalOrders',
  'sessions',
  'buyBoxPercentage',
  'listingConversionRate',
  'tacos',
] as const;

const figureList = (() => {
  const labels = sellerCentralFigures.map((key) => metricCatalogue[key].label);
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
})();

const isConnected = (condition: ConnectionCondition | null) =>
  condition !== null && condition !== 'disconnected';

/**
 * Says what the soft Seller Central disconnect just did (rule 3), in the help article's words: the Ads Optimiser
 * keeps working, the six figures show a dash, and no data is deleted. Shown from the moment Seller Central goes
 * from connected to disconnected while Amazon Advertising stays connected, until it is reconnected or dismissed.
 */
export function SoftDisconnectNotice() {
  const advertising = useConnection('advertising');
  const sellerCentral = useConnection('sellerCentral');
  const signIn = useSignIn('sellerCentral');
  const [shown, setShown] = useState(false);
  const previous = useRef(sellerCentral.condition);
  const adsConnected = isConnected(advertising.condition);

  useEffect(() => {
    const before = previous.current;
    previous.current = sellerCentral.condition;
    if (isConnected(before) && sellerCentral.condition === 'disconnected' && adsConnected) setShown(true);
    if (isConnected(sellerCentral.condition) || !adsConnected) setShown(false);
  }, [sellerCentral.condition, adsConnected]);

  return (
    <div role="status" className="soft-disconnect">
      {shown && (
        <div className="notice notice-done">
          <p className="notice-title">Seller Central disconnected</p>
          <p>
            Everything in the Ads Optimiser keeps working. {figureList} show a dash (–) until you reconnect
            Seller Central.
          </p>
          <p>No data is deleted. Once you reconnect, these fields begin populating again.</p>
          <div className="notice-actions">
            {signIn.action.allowed && (
              <button type="button" onClick={signIn.start}>
                Connect Seller Central
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setShown(false)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
