import { useMarketplace } from '@smart-ads/react';
import { useId } from 'react';
import { marketplaceLabel } from '../marketplace-label';

/**
 * The marketplace switcher of the top bar: a labelled native `<select>` (keyboard and screen readers know it), one
 * option per marketplace of the connected account, home first, and "All marketplaces". Hidden while the account
 * has a single marketplace or none is listed.
 */
export function MarketplaceSwitcher() {
  const { marketplaces, selected, select } = useMarketplace();
  const id = useId();
  if (marketplaces.length < 2 || selected === null) return null;
  return (
    <div className="marketplace-switcher">
      <label htmlFor={id}>Marketplace</label>
      <select id={id} value={selected} onChange={(event) => select(event.target.value)}>
        {marketplaces.map((marketplace) => (
          <option key={marketplace.marketplaceId} value={marketplace.marketplaceId}>
            {marketplaceLabel(marketplace)}
          </option>
        ))}
        <option value="all">All marketplaces</option>
      </select>
    </div>
  );
}
