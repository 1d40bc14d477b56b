import type { ConnectionView } from '@smart-ads/react';
import { conditionLabel } from './condition-label';

/**
 * What the dashboard names a connection by. Amazon Advertising: the advertising account's name. Seller Central:
 * nothing of its own yet. The status carries only the selling partner id (an opaque `A1B2…` code, not something
 * a seller recognises) and the marketplaces, so the dashboard shows the marketplaces instead of a made-up name.
 */
export function connectionName(connection: ConnectionView): string | null {
  return connection.kind === 'advertising' ? connection.accountName : null;
}

/**
 * One line for the account dropdown: `Acme Home & Kitchen: Connected` for Amazon Advertising,
 * `Connected · US, CA` for Seller Central.
 *
 * @example
 * ```ts
 * connectionSummary(view.sellerCentral); // 'Connected · US, CA'
 * ```
 */
export function connectionSummary(connection: ConnectionView): string {
  const name = connectionName(connection);
  const status = conditionLabel(connection.condition);
  const where =
    connection.kind === 'sellerCentral' && connection.marketplaces.length > 0
      ? ` · ${connection.marketplaces.join(', ')}`
      : '';
  return `${name ? `${name}: ` : ''}${status}${where}`;
}
