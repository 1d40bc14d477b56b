/**
 * Test support (not exported by the package): Acme's four marketplaces as the status lists them (Seller Central
 * authorised for North America only), and a fake `GET /metrics` that answers each marketplace in its currency.
 */
import type { AccountMarketplace, ConnectionsStatus, MetricsResponse } from '../src/contract/types';
import type { MetricsRange } from '../src/transport/transport.types';
import type { FakeBackend } from './fake-backend';

const covered = { covered: true } as const;
const notCovered = (country: string) =>
  ({
    covered: false,
    reason: 'not_covered',
    message: `Seller Central is not connected for ${country}: the connected Seller Central authorisation covers North America only.`,
  }) as const;

export const us = 'ATVPDKIKX0DER';
export const ca = 'A2EUQ1WTGCTBG2';
export const uk = 'A1F83G8C2ARO7P';
export const de = 'A1PA6795UKMFR9';

export const acmeMarketplaces: readonly AccountMarketplace[] = [
  {
    marketplaceId: us,
    countryCode: 'US',
    name: 'United States',
    region: 'na',
    currency: 'USD',
    advertising: covered,
    sellerCentral: covered,
  },
  {
    marketplaceId: ca,
    countryCode: 'CA',
    name: 'Canada',
    region: 'na',
    currency: 'CAD',
    advertising: covered,
    sellerCentral: covered,
  },
  {
    marketplaceId: uk,
    countryCode: 'GB',
    name: 'United Kingdom',
    region: 'eu',
    currency: 'GBP',
    advertising: covered,
    sellerCentral: notCovered('the United Kingdom'),
  },
  {
    marketplaceId: de,
    countryCode: 'DE',
    name: 'Germany',
    region: 'eu',
    currency: 'EUR',
    advertising: covered,
    sellerCentral: notCovered('Germany'),
  },
];

/** `status` with Acme's marketplaces (or `marketplaces`). */
export function withMarketplaces(
  status: ConnectionsStatus,
  marketplaces: readonly AccountMarketplace[] = acmeMarketplaces,
): ConnectionsStatus {
  return { ...status, marketplaces: [...marketplaces] };
}

/** Ad spend per marketplace, so a test can tell which marketplace's figures it sees. */
export const adSpendOf: Readonly<Record<string, number>> = { [us]: 1200, [ca]: 310, [uk]: 420, [de]: 530 };

/**
 * Makes `backend.getMetrics` answer per marketplace: each in its currency, Seller Central figures `not_covered`
 * where it does not cover the marketplace. `hold(id)` keeps that marketplace's answers until `release(id)`.
 */
export function answerPerMarketplace(backend: FakeBackend) {
  const answer = backend.getMetrics.bind(backend);
  const held = new Map<string, (() => void)[]>();
  const holding = new Set<string>();
  const asked: (string | undefined)[] = [];
  backend.getMetrics = async (range: MetricsRange) => {
    asked.push(range.marketplace);
    const id = range.marketplace ?? us;
    if (holding.has(id))
      await new Promise<void>((resolve) => held.set(id, [...(held.get(id) ?? []), resolve]));
    const response = await answer(range);
    const marketplace = acmeMarketplaces.find((entry) => entry.marketplaceId === id);
    if (!marketplace) return response;
    const metrics: MetricsResponse['metrics'] = {
      ...response.metrics,
      adSpend: { value: adSpendOf[id] ?? 0, reason: null },
    };
    if (!marketplace.sellerCentral.covered)
      for (const key of [
        'totalSales',
        'totalOrders',
        'sessions',
        'buyBoxPercentage',
        'listingConversionRate',
        'tacos',
      ] as const)
        metrics[key] = { value: null, reason: 'not_covered' };
    return { ...response, currency: marketplace.currency, metrics, marketplace };
  };
  return {
    asked,
    hold: (id: string) => holding.add(id),
    release(id: string) {
      holding.delete(id);
      for (const resolve of held.get(id) ?? []) resolve();
      held.delete(id);
    },
  };
}
