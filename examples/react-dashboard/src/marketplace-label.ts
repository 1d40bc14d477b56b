import type { AccountMarketplace } from '@smart-ads/react';

/**
 * A marketplace as the switcher names it: the country as a label writes it (the status's `countryName`, "United
 * Kingdom"; `name`, the sentence's "the United Kingdom", from a server before it), and its currency.
 *
 * @example
 * ```ts
 * marketplaceLabel({ name: 'the United Kingdom', countryName: 'United Kingdom', currency: 'GBP' }); // 'United Kingdom (GBP)'
 * ```
 */
export function marketplaceLabel(
  marketplace: Pick<AccountMarketplace, 'name' | 'countryName' | 'currency'>,
): string {
  const country = marketplace.countryName ?? marketplace.name;
  return marketplace.currency ? `${country} (${marketplace.currency})` : country;
}
