import type { ConnectionCondition } from '@smart-ads/core';

/** How a connection's condition is written in the top bar and on the connections page. */
export function conditionLabel(condition: ConnectionCondition | null): string {
  switch (condition) {
    case 'ready':
      return 'Connected';
    case 'populating':
      return 'Connected, data populating';
    case 'stale':
      return 'Stopped working: reconnect';
    case 'disconnected':
      return 'Not connected';
    default:
      return 'Loading…';
  }
}
