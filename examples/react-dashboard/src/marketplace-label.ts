import type { AccountMarketplace } from '@smart-ads/react';

/**
 * A marketplace as the switcher names it: the country without the sentence's article, and its currency.
 *
 * @example
 * ```ts
 * marketplaceLabel({ name: 'the United Kingdom', currency: 'GBP', ... }); // 'United Kingdom (GBP)'
 * ```
 */
export function marketplaceLabel(marketplace: Pick<AccountMarketplace, 'name' | 'currency'>): string {
  const country = marketplace.name.replace(/^the /, '');
  return marketplace.currency ? `${country} (${marketplace.currency})` : country;
}
