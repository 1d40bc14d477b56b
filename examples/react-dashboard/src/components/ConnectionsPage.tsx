import { ConnectionActions } from './ConnectionActions';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionHistory } from './ConnectionHistory';

/**
 * The connection settings: both connections with their disconnect actions (the soft Seller Central disconnect,
 * the confirmed Amazon Advertising disconnect) and the connect options.
 */
export function ConnectionsPage() {
  return (
    <main className="page">
      <h1>Connections</h1>
      <p className="note">
        Your 1smart.link subscription supports one Amazon Advertising account at a time. To switch to a
        different account, you must disconnect the current one first, then connect the new one.
      </p>
      <ConnectionCard
        kind="advertising"
        powers="Ad spend, ACoS, ROAS, suggestions, Apply actions, AI Insights, and Rules — essentially the entire Ads Optimiser."
      >
        <ConnectionActions kind="advertising" />
      </ConnectionCard>
      <ConnectionCard
        kind="sellerCentral"
        powers="Organic and total-business metrics — Total Sales, Total Orders, Sessions, Buy Box %, Listing CVR, TACoS, and the per-ASIN TACoS table."
      >
        <ConnectionActions kind="sellerCentral" />
      </ConnectionCard>
      <p className="note">
        Tip: If you only need to refresh your Seller Central data feed (for example, after organic metrics
        stopped appearing), use the soft Seller Central disconnect rather than disconnecting the full
        Advertising account.
      </p>
      <ConnectionHistory />
    </main>
  );
}
