/**
 * Sponsored Products bid limits per marketplace, in its currency: [minimum, maximum]. From the Ads API v3 model's
 * `SponsoredProductsTargetingClause.bid` description ("Min / Max bid for SP": US, CA, UK, DE, FR, ES, IT
 * 0.02 / 1000; JP 2 / 100000; AU 0.10 / 1410; AE 0.24 / 184). Marketplaces the table leaves out fall back to
 * 0.02 / 1000 (UNCONFIRMED for MX, BR, NL, SG).
 */
export const spBidLimits: Record<string, readonly [min: number, max: number]> = {
  US: [0.02, 1000],
  CA: [0.02, 1000],
  UK: [0.02, 1000],
  DE: [0.02, 1000],
  FR: [0.02, 1000],
  ES: [0.02, 1000],
  IT: [0.02, 1000],
  JP: [2, 100_000],
  AU: [0.1, 1410],
  AE: [0.24, 184],
};

/** The [min, max] SP bid of a marketplace (by the Ads API's country code, e.g. `UK`). */
export function bidLimitsOf(countryCode: string): readonly [min: number, max: number] {
  return spBidLimits[countryCode] ?? [0.02, 1000];
}
