import { useConnection, useMetrics } from '@smart-ads/react';
import { useEffect } from 'react';
import { useAppServices } from './app-context';

/**
 * Reloads the figures every `metricsPollMs` while an Advertising account is connected and working. `useMetrics`
 * loads them on every connection change and polls while data is populating; once the data is ready nothing asks
 * again, and the server half only notices a password change on Amazon's side when it calls Amazon. Asking
 * regularly is what makes a stale connection show on its own (rule 6).
 */
export function useMetricsRefresh(): void {
  const { config } = useAppServices();
  const { condition } = useConnection('advertising');
  const { reload } = useMetrics();
  const connected = condition === 'ready' || condition === 'populating';
  useEffect(() => {
    if (!connected) return;
    const timer = setInterval(reload, config.metricsPollMs);
    return () => clearInterval(timer);
  }, [connected, reload, config.metricsPollMs]);
}
