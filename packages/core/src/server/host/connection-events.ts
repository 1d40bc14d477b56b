import type { ConnectionsLogger } from '../http/connections-handler-options';
import type { ConnectionEventRecord, ConnectionStore } from '../storage/connection-store';

/**
 * Connection events for the host: in-process delivery (`subscribe`) of every event committed after the feed
 * started, and the durable outbox (`read`) a host that was down catches up from, with its own cursor. Delivery
 * is at least once: handle events idempotently by `id`.
 *
 * @example
 * ```ts
 * const stop = server.events.subscribe((event) => {
 *   if (event.type === 'stale_detected') void mailer.tellSeller(event.subscriptionId, 'Reconnect Amazon');
 * });
 * const { events, cursor } = await server.events.read({ after: await cursors.load('amazon') });
 * ```
 */
export interface ConnectionEvents {
  /** Calls `listener` for each new event, in order, after its change committed. Returns the unsubscribe. */
  subscribe(listener: (event: ConnectionEventRecord) => void | Promise<void>): () => void;
  /** Events after `after` (a position; 0 or omitted: from the start), oldest first; `cursor` is where to go on. */
  read(options?: {
    after?: number;
    limit?: number;
  }): Promise<{ events: ConnectionEventRecord[]; cursor: number }>;
  /** Delivers what the store holds beyond the last delivered event (runs after each change; call it to poll). */
  deliver(): Promise<void>;
  /** Stops the polling timer, if any. */
  close(): void;
}

/**
 * Creates the {@link ConnectionEvents} of a server. Internal.
 *
 * @example
 * ```ts
 * const events = createConnectionEvents({ store, logger, pollMs: 0 });
 * ```
 */
export function createConnectionEvents(deps: {
  store: ConnectionStore;
  logger: ConnectionsLogger;
  /** Also look for events of other servers this often (ms); 0: only after this server's own changes. */
  pollMs: number;
}): ConnectionEvents {
  const listeners = new Set<(event: ConnectionEventRecord) => void | Promise<void>>();
  let cursor: Promise<number> | undefined;
  const start = () => {
    cursor ??= deps.store.lastEventPosition();
    return cursor;
  };
  let running: Promise<void> | undefined;
  let again = false;

  async function drain(): Promise<void> {
    let after = await start();
    for (;;) {
      const batch = await deps.store.readEvents(after, 500);
      for (const event of batch) {
        for (const listener of [...listeners]) {
          try {
            await listener(event);
          } catch (error) {
            deps.logger.error(
              `connection event listener failed on ${event.type}: ${error instanceof Error ? error.name : 'error'}`,
            );
          }
        }
        after = event.position;
        cursor = Promise.resolve(after);
      }
      if (batch.length < 500) return;
    }
  }

  const events: ConnectionEvents = {
    subscribe(listener) {
      void start();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async read(options = {}) {
      const after = options.after ?? 0;
      const found = await deps.store.readEvents(after, Math.min(1_000, Math.max(1, options.limit ?? 100)));
      return { events: found, cursor: found.at(-1)?.position ?? after };
    },
    async deliver() {
      if (listeners.size === 0) return;
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await drain();
        } while (again);
      })().finally(() => {
        running = undefined;
      });
      return running;
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
  const timer =
    deps.pollMs > 0
      ? setInterval(() => {
          events.deliver().catch(() => undefined);
        }, deps.pollMs)
      : undefined;
  timer?.unref?.();
  return events;
}

const changing = new Set([
  'saveConnection',
  'deleteConnection',
  'disconnect',
  'markStale',
  'completeReport',
  'appendEvent',
  'eraseSubscription',
]);

/**
 * The store, telling `changed` after each call that can record an event. Internal.
 *
 * @example
 * ```ts
 * const store = notifyingStore(options.store, () => void events.deliver());
 * ```
 */
export function notifyingStore(store: ConnectionStore, changed: () => void): ConnectionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !changing.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } finally {
          changed();
        }
      };
    },
  });
}
