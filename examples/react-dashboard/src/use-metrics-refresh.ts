import { useConnection, useMetrics } from '@smart-ads/react';
import { useEffect } from 'react';
import { useAppServices } from './app-context';

/**
 * Reloads the figures every `metricsPollMs` while an Advertising account is connected. `useMetrics` loads them on
 * every connection change; the server half, though, only moves Amazon's report jobs forward when figures are asked
 * for, and only notices a password change when it calls Amazon again. Asking regularly is what makes populating
 * figures arrive and a stale connection show.
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
