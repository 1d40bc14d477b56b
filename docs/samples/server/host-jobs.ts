import { type ConnectionEventRecord, createConnectionsServer } from '@smart-ads/core/server';
import { amazonOptions } from './amazon-handler';

// #region server
/** The browser's routes (`amazonServer.handler`) and, on the same engine, what your own jobs and routes use. */
export const amazonServer = createConnectionsServer(amazonOptions);
// #endregion server

// #region apply
const KEYWORD = 'application/vnd.spKeyword.v3+json'; // the Ads API's media type for SP keywords (v3)

/** Applies a suggestion: a new bid for one keyword, if this subscription may Apply actions now. */
export async function applyKeywordBid(
  subscriptionId: string,
  keywordId: string,
  bid: number,
): Promise<boolean> {
  // Refused with the help article's reason ("Connect Amazon Advertising to see Apply actions.") when it may not.
  await amazonServer.gate.require(subscriptionId, 'applyActions');
  // The regional host, a fresh token and the Ads API headers; refused before any call once disconnected or stale.
  const ads = await amazonServer.amazon.connect(subscriptionId, 'advertising');
  const response = await ads.fetch('/sp/keywords', {
    method: 'PUT',
    headers: { 'content-type': KEYWORD, accept: KEYWORD },
    body: JSON.stringify({ keywords: [{ keywordId, bid }] }),
  });
  const { keywords } = (await response.json()) as { keywords: { error: unknown[] } };
  return keywords.error.length === 0; // 207: each item succeeds or fails on its own
}
// #endregion apply

// #region events
/** Where your host keeps how far it has read the outbox (a row in your database). */
export interface EventCursor {
  load(): Promise<number>;
  save(position: number): Promise<void>;
}

/**
 * Follows connection events: new ones in-process, and whatever was recorded while this server was down, from the
 * outbox. Delivery is at least once: `handle` must be idempotent (use `event.id`).
 */
export async function followConnectionEvents(
  cursor: EventCursor,
  handle: (event: ConnectionEventRecord) => Promise<void>,
): Promise<() => void> {
  const stop = amazonServer.events.subscribe(async (event) => {
    await handle(event);
    await cursor.save(event.position);
  });
  for (let after = await cursor.load(); ; ) {
    const page = await amazonServer.events.read({ after });
    if (page.events.length === 0) return stop;
    for (const event of page.events) await handle(event);
    after = page.cursor;
    await cursor.save(after);
  }
}
// #endregion events

// #region health
/** Every 15 minutes, tells sellers whose Amazon connection stopped working (via the `stale_detected` event). */
export function scheduleHealthChecks(): NodeJS.Timeout {
  return setInterval(() => {
    amazonServer.healthChecks.run({ concurrency: 2 }).catch((error: unknown) => {
      console.error('Amazon health checks failed:', error instanceof Error ? error.message : error);
    });
  }, 15 * 60_000);
}
// #endregion health
