// The example's optimiser on the server: Apply (a route) and Rules (a job on a schedule), both built on the
// connections server's Amazon access and feature gate, so neither reaches Amazon once Advertising is
// disconnected or stale.
import type { MetricsResponse } from '@smart-ads/core';
import {
  type AmazonConnectionClient,
  ConnectionsError,
  type ConnectionsServer,
  checkRequestOrigin,
} from '@smart-ads/core/server';
import { subscriptionFromCookieHeader } from './subscription-cookie.ts';

/**
 * Where the optimiser's routes are mounted.
 *
 * @example
 * ```ts
 * if (path.startsWith(`${optimiserBasePath}/`)) void optimiser(request, response);
 * ```
 */
export const optimiserBasePath = '/api/optimiser';

const PRODUCT_AD = 'application/vnd.spProductAd.v3+json';

/** The two bid-bearing SP v3 resources: keywords (manual campaigns) and product targets (auto and manual). */
const resources = [
  {
    path: '/sp/keywords',
    mediaType: 'application/vnd.spKeyword.v3+json',
    items: 'keywords',
    id: 'keywordId',
  },
  {
    path: '/sp/targets',
    mediaType: 'application/vnd.spTargetingClause.v3+json',
    items: 'targetingClauses',
    id: 'targetId',
  },
] as const;

/**
 * One changed bid.
 *
 * @example
 * ```ts
 * const change: BidChange = { id: '4120000000001', from: 1.2, to: 1.08 };
 * ```
 */
export interface BidChange {
  readonly id: string;
  readonly from: number;
  readonly to: number;
}

async function v3(
  ads: AmazonConnectionClient,
  path: string,
  mediaType: string,
  body: unknown,
  method = 'POST',
) {
  const response = await ads.fetch(path, {
    method,
    headers: { 'content-type': mediaType, accept: mediaType },
    body: JSON.stringify(body),
  });
  if (response.status !== 200 && response.status !== 207) {
    throw new ConnectionsError('amazon_unavailable', {
      detail: `Amazon answered ${response.status} on ${path}.`,
    });
  }
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Multiplies by `factor` the bids of the enabled keywords and product targets in every campaign that advertises
 * `asin` (Ads API v3: product ads, then keywords and targets, then a multi-status update).
 *
 * @example
 * ```ts
 * const changes = await changeBidsOfAsin(server, 'sub_1', 'B0H5S2DU09', 0.9); // 10% lower
 * ```
 */
export async function changeBidsOfAsin(
  server: ConnectionsServer,
  subscriptionId: string,
  asin: string,
  factor: number,
): Promise<BidChange[]> {
  const ads = await server.amazon.connect(subscriptionId, 'advertising');
  const listed = (await v3(ads, '/sp/productAds/list', PRODUCT_AD, {
    stateFilter: { include: ['ENABLED'] },
  })) as { productAds: { campaignId: string; asin: string }[] };
  const campaignIds = [
    ...new Set(listed.productAds.filter((ad) => ad.asin === asin).map((ad) => ad.campaignId)),
  ];
  if (campaignIds.length === 0) return [];
  const changed: BidChange[] = [];
  for (const resource of resources) {
    const found = (await v3(ads, `${resource.path}/list`, resource.mediaType, {
      campaignIdFilter: { include: campaignIds },
      stateFilter: { include: ['ENABLED'] },
    })) as Record<string, Record<string, unknown>[]>;
    const changes = (found[resource.items] ?? [])
      .filter((item) => typeof item.bid === 'number')
      .map((item) => {
        const from = item.bid as number;
        return {
          id: String(item[resource.id]),
          from,
          to: Math.max(0.02, Math.round(from * factor * 100) / 100),
        };
      })
      .filter((change) => change.to !== change.from);
    if (changes.length === 0) continue;
    const answer = (await v3(
      ads,
      resource.path,
      resource.mediaType,
      { [resource.items]: changes.map((change) => ({ [resource.id]: change.id, bid: change.to })) },
      'PUT',
    )) as Record<string, { success: Record<string, unknown>[] }>;
    const done = new Set((answer[resource.items]?.success ?? []).map((item) => String(item[resource.id])));
    changed.push(...changes.filter((change) => done.has(change.id)));
  }
  return changed;
}

/**
 * One rule of the example, evaluated on the last 7 days of report data.
 *
 * @example
 * ```ts
 * const rule: Rule = { id: 'x', text: 'Lower bids when ACoS > 50%', fires: (m) => (m.metrics.acos?.value ?? 0) > 50, factor: 0.9 };
 * ```
 */
export interface Rule {
  readonly id: string;
  readonly text: string;
  /** Whether the rule fires on these figures. */
  readonly fires: (metrics: MetricsResponse) => boolean;
  /** The bid factor applied to the top-spending product's campaigns. */
  readonly factor: number;
}

/**
 * The example's two rules.
 *
 * @example
 * ```ts
 * exampleRules.map((rule) => rule.text);
 * ```
 */
export const exampleRules: readonly Rule[] = [
  {
    id: 'lower-bids-acos',
    text: 'Lower the bids of the top-spending product by 10% when ACoS is above 20% over the last 7 days',
    fires: (m) => (m.metrics.acos?.value ?? 0) > 20,
    factor: 0.9,
  },
  {
    id: 'raise-bids-roas',
    text: 'Raise the bids of the top-spending product by 10% when ROAS is above 8x over the last 7 days',
    fires: (m) => (m.metrics.roas?.value ?? 0) > 8,
    factor: 1.1,
  },
];

/**
 * What a subscription's rules did last.
 *
 * @example
 * ```ts
 * const state: RulesState = { state: 'stopped', message: 'Connect Amazon Advertising to see Rules.', fired: [] };
 * ```
 */
export interface RulesState {
  readonly state: 'active' | 'stopped' | 'waiting';
  /** Why they are stopped (the help article's sentence), or what they wait for. */
  readonly message: string | null;
  /** Rules that fired since the connection was made, with the bids they changed. */
  readonly fired: readonly { readonly rule: string; readonly at: string; readonly changes: number }[];
}

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The Rules job: every `intervalMs`, for each subscription whose Advertising account was connected, asks the gate
 * whether Rules may run (not when disconnected or stale), evaluates the rules on the last 7 days of figures and
 * applies the bid changes of each rule that fires, once per connection (a reconnect starts afresh).
 *
 * @example
 * ```ts
 * const rules = startRulesJob(connections, { intervalMs: 15_000 });
 * rules.state('sub_1'); // { state: 'active', message: null, fired: [...] }
 * ```
 */
export function startRulesJob(
  server: ConnectionsServer,
  options: { intervalMs: number; rules?: readonly Rule[]; now?: () => number },
): { runOnce(): Promise<void>; state(subscriptionId: string): RulesState; stop(): void } {
  const rules = options.rules ?? exampleRules;
  const now = options.now ?? Date.now;
  const subscriptions = new Set<string>();
  const states = new Map<string, RulesState>();
  const track = (event: { type: string; kind: string; subscriptionId: string }) => {
    if (event.kind !== 'advertising') return;
    if (event.type === 'connected' || event.type === 'reconnected' || event.type === 'account_chosen') {
      subscriptions.add(event.subscriptionId);
      states.delete(event.subscriptionId); // a fresh connection: every rule may fire again
    }
  };
  const unsubscribe = server.events.subscribe(track);
  // catch up with connections made before this process started, from the outbox
  const caughtUp = (async () => {
    for (let after = 0; ; ) {
      const page = await server.events.read({ after, limit: 500 });
      if (page.events.length === 0) return;
      for (const event of page.events) track(event);
      after = page.cursor;
    }
  })();

  async function runFor(subscriptionId: string): Promise<void> {
    const previous = states.get(subscriptionId);
    const decision = await server.gate.check(subscriptionId, 'rules');
    if (!decision.allowed) {
      states.set(subscriptionId, {
        state: 'stopped',
        message: decision.message,
        fired: previous?.fired ?? [],
      });
      return;
    }
    const today = now();
    const metrics = await server.metrics(subscriptionId, {
      from: isoDay(today - 7 * day),
      to: isoDay(today - day),
    });
    const top = metrics.asins
      .filter((row) => row.adSpend.value !== null)
      .sort((a, b) => (b.adSpend.value ?? 0) - (a.adSpend.value ?? 0))[0];
    if (metrics.metrics.acos?.value === null || !top) {
      states.set(subscriptionId, {
        state: 'waiting',
        message: 'Waiting for report data from Amazon.',
        fired: previous?.fired ?? [],
      });
      return;
    }
    const fired = [...(previous?.fired ?? [])];
    for (const rule of rules) {
      if (fired.some((f) => f.rule === rule.id) || !rule.fires(metrics)) continue;
      const changes = await changeBidsOfAsin(server, subscriptionId, top.asin, rule.factor);
      fired.push({ rule: rule.id, at: new Date(now()).toISOString(), changes: changes.length });
    }
    states.set(subscriptionId, { state: 'active', message: null, fired });
  }

  let running: Promise<void> | null = null;
  const runOnce = () => {
    running ??= (async () => {
      await caughtUp;
      for (const subscriptionId of subscriptions) {
        await runFor(subscriptionId).catch((error: unknown) => {
          // stale (401 after a retry), throttled or unavailable: the next run tries again
          if (!(error instanceof ConnectionsError)) throw error;
        });
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    options.intervalMs > 0
      ? setInterval(() => void runOnce().catch(() => undefined), options.intervalMs)
      : null;
  timer?.unref();
  return {
    runOnce,
    state: (subscriptionId) => states.get(subscriptionId) ?? { state: 'waiting', message: null, fired: [] },
    stop() {
      if (timer) clearInterval(timer);
      unsubscribe();
    },
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const statusOf: Partial<Record<string, number>> = {
  origin_not_allowed: 403,
  not_connected: 409,
  connection_stale: 409,
  advertising_required: 409,
  rate_limited: 429,
  amazon_unavailable: 502,
  invalid_request: 400,
};

/**
 * The optimiser's routes: `POST /api/optimiser/apply` `{ asin }` (Apply a suggestion: lower that product's bids by
 * 10%) and `GET /api/optimiser/rules` (the rules and what they did). Refusals are `{ code, detail }` with the
 * connections error's code.
 *
 * @example
 * ```ts
 * const optimiser = toNodeListener(optimiserHandler(connections, rules));
 * ```
 */
export function optimiserHandler(
  server: ConnectionsServer,
  rules: ReturnType<typeof startRulesJob>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const subscriptionId = subscriptionFromCookieHeader(request.headers.get('cookie'));
    if (!subscriptionId) return json({ code: 'unauthorized', detail: 'No demo subscription.' }, 401);
    const path = new URL(request.url).pathname.slice(optimiserBasePath.length);
    try {
      if (path === '/rules' && request.method === 'GET') {
        const state = rules.state(subscriptionId);
        return json({ rules: exampleRules.map(({ id, text }) => ({ id, text })), ...state });
      }
      if (path === '/apply' && request.method === 'POST') {
        // The server half's own check: a page of another origin may not Apply (behind a proxy, X-Forwarded-Host).
        checkRequestOrigin(request, undefined);
        const body = (await request.json().catch(() => null)) as { asin?: unknown } | null;
        if (typeof body?.asin !== 'string' || !/^[A-Z0-9]{10}$/.test(body.asin)) {
          throw new ConnectionsError('invalid_request', { detail: 'asin must be an ASIN.' });
        }
        // The article's gate first: no Amazon call at all when Apply actions may not run now.
        await server.gate.require(subscriptionId, 'applyActions');
        return json({ changes: await changeBidsOfAsin(server, subscriptionId, body.asin, 0.9) });
      }
      return json({ code: 'not_found', detail: 'No such route.' }, 404);
    } catch (error) {
      if (!(error instanceof ConnectionsError)) throw error;
      return json({ code: error.code, detail: error.detail ?? error.message }, statusOf[error.code] ?? 500);
    }
  };
}
