/**
 * Test support (not exported by the package): a simulated browser tab running `createConnections` against the
 * fake backend, with full-page redirects that reload the page and keep sessionStorage.
 */
import {
  createMemoryEnvironment,
  type MemoryBusHub,
  type MemoryEnvironment,
} from '../src/environment/environment.memory';
import type { KeyValueStorage } from '../src/environment/environment.types';
import { createMemoryStorage } from '../src/environment/memory-storage';
import type { ConnectionsView } from '../src/machine/connections.connect';
import { type Connections, createConnections } from '../src/machine/connections.create';
import type { ConnectionsSettings } from '../src/machine/connections.types';
import type { FakeBackend } from './fake-backend';

export interface Tab {
  readonly environment: MemoryEnvironment;
  readonly connections: Connections;
  view(): ConnectionsView;
  /** Waits until no request is in flight (the machine has settled). */
  settle(): Promise<ConnectionsView>;
}

export interface Browser {
  readonly storage: KeyValueStorage;
  /** Opens the page at `url` (a reload when it is the same page). */
  open(url?: string): Promise<Tab>;
}

export async function flush(times = 20): Promise<void> {
  for (let index = 0; index < times; index++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const busy = new Set(['preparing', 'exchanging', 'selecting_account', 'disconnecting']);

export function createBrowser(
  backend: FakeBackend,
  settings: Partial<ConnectionsSettings> = {},
  options: {
    hub?: MemoryBusHub;
    storage?: KeyValueStorage;
    popups?: 'open' | 'blocked';
    now?: () => number;
  } = {},
): Browser {
  const storage = options.storage ?? createMemoryStorage();
  return {
    storage,
    async open(url = 'https://app.example/dashboard?tab=ads') {
      const environment = createMemoryEnvironment({
        url,
        storage,
        ...(options.hub ? { hub: options.hub } : {}),
        ...(options.popups ? { popups: options.popups } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const connections = createConnections({ transport: backend, environment, ...settings });
      const tab: Tab = {
        environment,
        connections,
        view: () => connections.getView(),
        async settle() {
          for (let round = 0; round < 400; round++) {
            await flush();
            if (round > 0) await new Promise<void>((resolve) => setTimeout(resolve, 5));
            const view = connections.getView();
            if (
              view.phase !== 'loading' &&
              !busy.has(view.advertising.activity) &&
              !busy.has(view.sellerCentral.activity) &&
              !connections.getSnapshot().matches({ ready: { sync: 'refreshing' } })
            ) {
              return view;
            }
          }
          return connections.getView();
        },
      };
      await tab.settle();
      return tab;
    },
  };
}

/** Follows the last redirect to Amazon and comes back with Amazon's answer: a full page load. */
export async function signInOnAmazon(
  browser: Browser,
  tab: Tab,
  backend: FakeBackend,
  outcome: 'granted' | 'refused' = 'granted',
): Promise<{ tab: Tab; callbackUrl: string }> {
  const authorizeUrl = tab.environment.redirects.at(-1);
  if (!authorizeUrl) throw new Error('the page did not go to Amazon');
  tab.connections.stop();
  const callbackUrl = backend.amazonReturn(authorizeUrl, outcome);
  const next = await browser.open(callbackUrl);
  return { tab: next, callbackUrl };
}
