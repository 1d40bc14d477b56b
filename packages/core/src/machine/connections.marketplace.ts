import { allMarketplaces } from '../contract/schemas';
import type { AccountMarketplace, ConnectionKind, ConnectionsStatus } from '../contract/types';
import type { KeyValueStorage } from '../environment/environment.types';
import type { MetricAvailability } from '../metrics/metrics.availability';
import { type MetricKey, metricCatalogue } from '../metrics/metrics.catalogue';

/**
 * Where the seller's marketplace choice is kept in the environment's storage (beside the OAuth transaction, so it
 * survives a reload and the redirect to Amazon and back).
 */
const choiceKey = 'smart-ads:marketplace';

/** Reads the saved choice (an id or `all`); `null` when there is none or the storage cannot be read. */
export function readMarketplaceChoice(storage: KeyValueStorage): string | null {
  try {
    const saved = storage.getItem(choiceKey);
    return saved && saved.length <= 64 ? saved : null;
  } catch {
    return null;
  }
}

/** Saves the choice; a storage that refuses (quota, private mode) only loses it on reload. */
export function saveMarketplaceChoice(storage: KeyValueStorage, choice: string): void {
  try {
    storage.setItem(choiceKey, choice);
  } catch {
    // Nothing to do: the choice still holds for this page.
  }
}

/** Whether `choice` is `all` or one of the account's marketplaces in `status`. */
export function isAccountMarketplace(status: ConnectionsStatus | null, choice: string): boolean {
  const listed = status?.marketplaces ?? [];
  return (
    listed.length > 0 &&
    (choice === allMarketplaces || listed.some((marketplace) => marketplace.marketplaceId === choice))
  );
}

/**
 * The marketplace shown: the choice while it is `all` or one of the account's marketplaces, else the home
 * marketplace (the first listed); `null` while none is listed (status not loaded, or a server before
 * marketplaces: it answers for the home marketplace).
 */
export function selectedMarketplace(status: ConnectionsStatus | null, choice: string | null): string | null {
  if (choice !== null && isAccountMarketplace(status, choice)) return choice;
  return status?.marketplaces?.[0]?.marketplaceId ?? null;
}

/**
 * The availability of each figure in one marketplace: a figure whose connection is connected but does not cover
 * that marketplace (Seller Central authorised for North America, Germany chosen) is unavailable, `not_covered`,
 * with the status's sentence. Figures already unavailable keep their reason (a disconnected or stale connection
 * comes first).
 */
export function marketplaceMetrics(
  metrics: { readonly [K in MetricKey]: MetricAvailability },
  marketplace: AccountMarketplace | undefined,
): { readonly [K in MetricKey]: MetricAvailability } {
  if (!marketplace) return metrics;
  const result = { ...metrics };
  for (const key of Object.keys(result) as MetricKey[]) {
    if (result[key].state === 'unavailable') continue;
    const uncovered = metricCatalogue[key].requires.flatMap((kind: ConnectionKind) => {
      const coverage = marketplace[kind];
      return coverage.covered || coverage.reason !== 'not_covered'
        ? []
        : [{ kind, message: coverage.message }];
    });
    if (uncovered.length > 0)
      result[key] = {
        state: 'unavailable',
        reason: 'not_covered',
        connections: uncovered.map((entry) => entry.kind),
        message: uncovered.map((entry) => entry.message).join(' '),
      };
  }
  return result;
}
