import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marketplaces } from './marketplaces.js';
import { seedWorld } from './seed-world.js';
import { asinDay } from './shop-metrics.js';

describe('the seeded world', () => {
  it('is the same for the same seed and different for another', () => {
    const ids = (seed: number) =>
      seedWorld(seed).users.flatMap((u) => [
        ...u.advertisingAccounts.flatMap((a) => [a.entityId, ...a.profiles.map((p) => p.profileId)]),
        ...u.sellingPartners.map((p) => p.sellingPartnerId),
      ]);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    expect(new Set(ids(7)).size).toBe(ids(7).length);
  });

  it('has the documented ready-made users', () => {
    const world = seedWorld(1);
    expect(world.byKey.default.email).toBe('user_good@example.com');
    expect(world.byKey.default.advertisingAccounts).toHaveLength(1);
    expect(world.byKey.default.sellingPartners.map((p) => p.marketplaces[0]!.region)).toEqual(['na', 'eu']);
    expect(world.byKey.noAdvertising.advertisingAccounts).toEqual([]);
    expect(world.byKey.noSellerCentral.sellingPartners).toEqual([]);
    expect(world.byKey.multipleAccounts.advertisingAccounts.length).toBeGreaterThan(1);
    expect(world.users.every((u) => u.password === 'pass_good')).toBe(true);
  });

  it('gives every ASIN-day figures that hang together like a real shop', () => {
    const world = seedWorld(1);
    const shop = world.byKey.default.advertisingAccounts[0]!.shop;
    const date = fc
      .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom(...shop.products),
        fc.constantFrom(marketplaces.US, marketplaces.DE),
        date,
        (product, marketplace, day) => {
          const figures = asinDay(1, shop, marketplace, product, day);
          expect(figures).toEqual(asinDay(1, shop, marketplace, product, day));
          expect(figures.orders).toBeLessThanOrEqual(figures.totalOrderItems);
          expect(figures.totalOrderItems).toBeLessThanOrEqual(figures.unitsOrdered);
          expect(figures.unitsOrdered).toBeLessThanOrEqual(figures.sessions);
          expect(figures.adUnits).toBeLessThanOrEqual(figures.unitsOrdered);
          expect(figures.adSales).toBeLessThanOrEqual(figures.sales);
          expect(figures.clicks).toBeGreaterThanOrEqual(figures.adUnits);
          expect(figures.buyBoxPercentage).toBeGreaterThan(80);
          expect(figures.buyBoxPercentage).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 200 },
    );
  });
});
