import type { MetricKey } from '@smart-ads/core';
import type { ReactNode } from 'react';
import { type MetricOptions, useMetric } from './use-metric';

/** Props of {@link MetricValue}. */
export interface MetricValueProps extends MetricOptions {
  /** The figure to show. */
  readonly metric: MetricKey;
  readonly className?: string;
}

/**
 * An unstyled `<span>` with one figure: the number, the populating label, or `–` (U+2013) when it cannot be
 * computed, with the reason as its `title`. `data-state` is `available`, `populating` or `unavailable`, for CSS.
 *
 * @example
 * ```tsx
 * <dl>
 *   <dt>Total Sales</dt>
 *   <dd><MetricValue metric="totalSales" locale="en-US" /></dd>
 * </dl>
 * ```
 */
export function MetricValue({ metric, className, ...options }: MetricValueProps): ReactNode {
  const { availability, display, loading } = useMetric(metric, options);
  return (
    <span
      className={className}
      data-metric={metric}
      data-state={availability.state}
      aria-busy={loading || undefined}
      title={availability.state === 'unavailable' ? availability.message : undefined}
    >
      {display}
    </span>
  );
}
