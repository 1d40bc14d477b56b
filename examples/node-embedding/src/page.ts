import {
  type Connections,
  type ConnectionsView,
  createConnections,
  createMemoryEnvironment,
  type KeyValueStorage,
  type MemoryEnvironment,
  type Transport,
} from '@smart-ads/core';

/** One "page load" of the engine in Node: an in-memory window at `url` and the engine running in it. */
export interface EnginePage {
  readonly environment: MemoryEnvironment;
  readonly connections: Connections;
}

/**
 * Opens a page: what a browser tab does on every load, including Amazon's return (the engine completes the
 * callback in the URL on start). `storage` stands for the tab's `sessionStorage`: it carries the pending sign-in
 * across the trip to Amazon, so pass the same one to the page that comes back.
 */
export function openPage(url: string, transport: Transport, storage: KeyValueStorage): EnginePage {
  const environment = createMemoryEnvironment({ url, storage });
  // While data populates, the engine reloads the status this often (30 s in a browser by default).
  const connections = createConnections({ transport, environment, statusPollMs: 1_000 });
  return { environment, connections };
}

/**
 * Resolves with the first view that satisfies `ready` (the current one included); rejects after `timeoutMs` with
 * what the view said last.
 */
export function waitForView(
  connections: Connections,
  ready: (view: ConnectionsView) => boolean,
  timeoutMs = 15_000,
): Promise<ConnectionsView> {
  return new Promise((resolve, reject) => {
    let done = false;
    let stop = () => {};
    const timer = setTimeout(() => {
      done = true;
      stop();
      const view = connections.getView();
      const state = (kind: 'advertising' | 'sellerCentral') =>
        `${kind} ${view[kind].condition}/${view[kind].activity}${view[kind].trouble ? ` (${view[kind].trouble?.code})` : ''}`;
      reject(
        new Error(
          `waited ${timeoutMs} ms: ${view.phase}, ${state('advertising')}, ${state('sellerCentral')}`,
        ),
      );
    }, timeoutMs);
    const check = (view: ConnectionsView) => {
      if (done || !ready(view)) return;
      done = true;
      clearTimeout(timer);
      stop();
      resolve(view);
    };
    stop = connections.subscribe(check);
    if (done) stop();
    check(connections.getView());
  });
}

/** Nothing in flight: loaded, and neither connection busy with a sign-in or a disconnect. */
export const settled = (view: ConnectionsView): boolean =>
  view.phase === 'ready' &&
  [view.advertising, view.sellerCentral].every((c) => ['idle', 'failed'].includes(c.activity));
