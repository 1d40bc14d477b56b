import type { MetricValue } from '../contract/types';
import type { MetricAvailability } from './metrics.availability';
import { type MetricKey, metricCatalogue } from './metrics.catalogue';

/**
 * The dash shown for a figure that cannot be computed (U+2013 EN DASH, as in the help article).
 *
 * @example
 * ```ts
 * displayMetric('sessions', view.metrics.sessions) === metricDash; // true while Seller Central is disconnected
 * ```
 */
export const metricDash = '\u2013';

/**
 * Options of {@link displayMetric}.
 *
 * @example
 * ```ts
 * displayMetric('adSpend', availability, value, { locale: 'de-DE', currency: 'EUR' });
 * ```
 */
export interface DisplayMetricOptions {
  /**
   * The locale for numbers.
   * @default undefined (the runtime's default locale)
   */
  readonly locale?: string;
  /**
   * The ISO currency of money figures; without it money is written as a plain number.
   * @default undefined
   */
  readonly currency?: string | null;
  /**
   * What a populating figure shows: never a dash and never zero (rule 5).
   * @default 'Populating…'
   */
  readonly populatingLabel?: string;
}

/**
 * Writes a figure for the dashboard: `–` when it is unavailable (a missing or stale connection), the populating
 * label while data has not arrived, otherwise the number in its format. A value is never invented: a figure the
 * server has no number for is shown as populating or as a dash, never as 0.
 *
 * @example
 * ```ts
 * displayMetric('totalSales', { state: 'unavailable', reason: 'disconnected', connections: ['sellerCentral'], message: '…' });
 * // '–'
 * displayMetric('acos', { state: 'available' }, { value: 25, reason: null }, { locale: 'en-US' }); // '25%'
 * ```
 */
export function displayMetric(
  key: MetricKey,
  availability: MetricAvailability,
  value?: MetricValue | null,
  options: DisplayMetricOptions = {},
): string {
  const populating = options.populatingLabel ?? 'Populating…';
  if (availability.state === 'unavailable') return metricDash;
  if (availability.state === 'populating') return populating;
  if (!value || value.value === null) {
    // Only a figure still on its way is populating; every other reason (disconnected, stale, not covered in this
    // marketplace, mixed currencies) is the dash.
    return value && value.reason !== 'populating' ? metricDash : populating;
  }
  const number = value.value;
  const formatted = (settings: Intl.NumberFormatOptions, shown = number) =>
    new Intl.NumberFormat(options.locale, settings).format(shown);
  switch (metricCatalogue[key].format) {
    case 'currency':
      return formatted(
        options.currency ? { style: 'currency', currency: options.currency } : { maximumFractionDigits: 2 },
      );
    case 'percent':
    case 'table': // the per-ASIN TACoS table's cells are TACoS figures
      // The contract carries percentages in points, as Amazon does (ACoS 38.8 means 38.8 %).
      return formatted({ style: 'percent', maximumFractionDigits: 1 }, number / 100);
    case 'ratio':
      return `${formatted({ maximumFractionDigits: 2 })}x`;
    default:
      return formatted({ maximumFractionDigits: 0 });
  }
}
