import type { CommandResult, ConnectionsView, MarketplaceView } from '@smart-ads/core';
import { useCallback, useMemo } from 'react';
import { useConnectionsContext } from './connections-context';
import { sameData } from './same-data';
import { useConnectionsSelector } from './use-connections-selector';

/**
 * The marketplaces of the connected account, the one shown, and how to show another.
 *
 * @example
 * ```ts
 * const { marketplaces, selected, current, select }: Marketplace = useMarketplace();
 * current?.sellerCentral.covered; // false in Germany while Seller Central is authorised for North America only
 * current?.actions.connectSellerCentral.allowed; // true there: "Connect Seller Central for Europe"
 * ```
 */
export interface Marketplace {
  /**
   * The account's marketplaces, home first, with what each connection covers there and whether Seller Central can
   * be signed in for the marketplace's region (`[]` until loaded).
   */
  readonly marketplaces: readonly MarketplaceView[];
  /** The `marketplaceId` shown, `'all'` for the all-marketplaces view, or `null` while none is listed. */
  readonly selected: string | null;
  /** The selected marketplace's entry; `null` for `'all'` and while none is listed. */
  readonly current: MarketplaceView | null;
  /**
   * Shows another marketplace (a `marketplaceId` or `'all'`): the figures follow, from the cache when they were
   * loaded before. The choice survives reloads and the sign-in round trip. Refused with `unknown_marketplace` for
   * anything that is not the account's.
   */
  select(marketplace: string): CommandResult;
}

const pick = (view: ConnectionsView) => ({
  marketplaces: view.marketplaces,
  selected: view.selectedMarketplace,
});

/**
 * The marketplace switcher's hook: the account's marketplaces, the selected one (the home marketplace until the
 * seller chooses, `'all'` for every marketplace with per-currency totals) and `select`. Re-renders only when the
 * list or the selection changes; `useMetrics`, `useMetric` and `<MetricValue>` follow the selection.
 *
 * @example
 * ```tsx
 * function MarketplaceSwitcher() {
 *   const { marketplaces, selected, select } = useMarketplace();
 *   if (marketplaces.length < 2) return null;
 *   return (
 *     <label>
 *       Marketplace
 *       <select value={selected ?? ''} onChange={(event) => select(event.target.value)}>
 *         {marketplaces.map((m) => <option key={m.marketplaceId} value={m.marketplaceId}>{m.name}</option>)}
 *         <option value="all">All marketplaces</option>
 *       </select>
 *     </label>
 *   );
 * }
 * ```
 */
export function useMarketplace(): Marketplace {
  const { connections } = useConnectionsContext();
  const { marketplaces, selected } = useConnectionsSelector(pick, sameData);
  const select = useCallback(
    (marketplace: string) => connections.getView().selectMarketplace(marketplace),
    [connections],
  );
  return useMemo(
    () => ({
      marketplaces,
      selected,
      current: marketplaces.find((marketplace) => marketplace.marketplaceId === selected) ?? null,
      select,
    }),
    [marketplaces, selected, select],
  );
}
