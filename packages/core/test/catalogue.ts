/**
 * Test support: lists the tests read from the metric catalogue rather than write out again.
 */
import type { ConnectionKind } from '../src/contract/types';
import { type MetricKey, metricCatalogue, metricKeys } from '../src/metrics/metrics.catalogue';

/** The figures (not the per-ASIN table) that need `kind`: for Seller Central, the six of rule 3. */
export function figuresNeeding(kind: ConnectionKind): readonly MetricKey[] {
  return metricKeys.filter(
    (key) => metricCatalogue[key].format !== 'table' && metricCatalogue[key].requires.includes(kind),
  );
}

/** The six Seller Central figures that show a dash while it is disconnected (rule 3). */
export const sellerCentralFigures = figuresNeeding('sellerCentral');
