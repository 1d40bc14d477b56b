import {
  type ConnectionsView,
  createHttpTransport,
  createMemoryStorage,
  displayMetric,
  type MetricId,
  type MetricsResponse,
  metricCatalogue,
} from '@smart-ads/core';
import { signInOverHttp } from '@smart-ads/mock-amazon/node';
import { type AmazonApp, startAmazonBackend } from './amazon-backend.ts';
import { type EnginePage, openPage, settled, waitForView } from './page.ts';

/** Options of {@link runWalkthrough}. */
export interface WalkthroughOptions {
  /** The standalone mock Amazon's origin (`mock-amazon serve`), e.g. `http://127.0.0.1:4010`. */
  readonly mockUrl: string;
  /** Where Amazon's services live: `mockAmazonBaseUrls(mockUrl)` from `@smart-ads/mock-amazon`. */
  readonly baseUrls: Parameters<typeof startAmazonBackend>[0]['baseUrls'];
  readonly app: AmazonApp;
  /** The backend's data folder (created when missing). */
  readonly dataDir: string;
  /** 32 bytes, or their base64, sealing the tokens. */
  readonly encryptionKey: Uint8Array | string;
  /** Where the story goes. @default console.log */
  readonly log?: (line: string) => void;
}

/** What the walkthrough saw, for its test. */
export interface WalkthroughResult {
  readonly accountName: string | null;
  readonly oneAccountRule: string | null;
  /** The figures (as the dashboard writes them) after each step. */
  readonly figures: {
    readonly connected: Readonly<Record<MetricId, string>>;
    readonly sellerCentralDisconnected: Readonly<Record<MetricId, string>>;
    readonly reconnected: Readonly<Record<MetricId, string>>;
    readonly advertisingDisconnected: Readonly<Record<MetricId, string>>;
  };
  readonly confirmation: string | null;
  readonly featuresAfterDisconnect: readonly string[];
}

const metricIds: readonly MetricId[] = [
  'adSpend',
  'acos',
  'roas',
  'totalSales',
  'totalOrders',
  'sessions',
  'buyBoxPercentage',
  'listingConversionRate',
  'tacos',
];

/** The last 7 full days (UTC), ending yesterday. */
function lastWeek(now = Date.now()) {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const yesterday = Math.floor(now / day) * day - day;
  return { from: iso(yesterday - 6 * day), to: iso(yesterday) };
}

/** Every figure written as the dashboard writes it: a number, `Populating…`, or `–`. */
function figures(view: ConnectionsView, metrics: MetricsResponse): Record<MetricId, string> {
  const written = {} as Record<MetricId, string>;
  for (const id of metricIds) {
    written[id] = displayMetric(id, view.metrics[id], metrics.metrics[id], {
      currency: metrics.currency,
      locale: 'en-US',
    });
  }
  return written;
}

/**
 * Reloads the figures until none is populating (the server half polls Amazon's reports meanwhile), then returns
 * them as the dashboard writes them.
 */
async function settledFigures(page: EnginePage, timeoutMs = 30_000): Promise<Record<MetricId, string>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = page.connections.getView();
    const metrics = await page.connections.loadMetrics(lastWeek());
    const written = figures(page.connections.getView(), metrics);
    const populating = metricIds.filter((id) => view.metrics[id].state === 'populating');
    const missing = metricIds.filter(
      (id) => view.metrics[id].state === 'available' && metrics.metrics[id]?.value == null,
    );
    if (populating.length === 0 && missing.length === 0) return written;
    if (Date.now() > until)
      throw new Error(`figures still populating: ${[...populating, ...missing].join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A host's first embedding, without React or a DOM: the server half on Node's `http` against the standalone mock
 * Amazon, the browser engine of `@smart-ads/core` driven from Node, and the mock's sign-in pages walked over HTTP
 * with `signInOverHttp`. It connects Amazon Advertising and Seller Central, reads the figures, shows the
 * one-account rule, the soft Seller Central disconnect and its reconnect, and the confirmed Advertising disconnect.
 */
export async function runWalkthrough(options: WalkthroughOptions): Promise<WalkthroughResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const backend = await startAmazonBackend({
    app: options.app,
    baseUrls: options.baseUrls,
    dataDir: options.dataDir,
    encryptionKey: options.encryptionKey,
    subscriptions: new Map([['demo-api-key', { id: 'subscription-1', accountLimit: 1 }]]),
  });
  const transport = createHttpTransport({
    baseUrl: backend.apiUrl,
    headers: { authorization: 'Bearer demo-api-key' },
  });
  const storage = createMemoryStorage(); // a browser tab's sessionStorage: survives the trip to Amazon
  const appUrl = new URL('/dashboard', backend.returnUrl).href;
  const pages: EnginePage[] = [];
  const open = (url: string) => {
    const page = openPage(url, transport, storage);
    pages.push(page);
    return page;
  };
  /** Starts a sign-in on `page`, walks Amazon's pages over HTTP, and opens the page Amazon sends the user back to. */
  const signIn = async (page: EnginePage, kind: 'advertising' | 'sellerCentral') => {
    const started = page.connections.getView()[kind].connect();
    if (!started.ok) throw new Error(`connect ${kind} refused: ${started.message}`);
    await waitForView(page.connections, () => page.environment.redirects.length > 0);
    const authorizeUrl = page.environment.redirects.at(-1) ?? '';
    page.connections.stop();
    log(`  -> Amazon: ${new URL(authorizeUrl).pathname}`);
    const callback = await signInOverHttp(authorizeUrl, { origin: options.mockUrl });
    log(`  <- back at ${callback.pathname} with ${[...callback.searchParams.keys()].join(', ')}`);
    const back = open(callback.href);
    await waitForView(back.connections, (view) => settled(view) && view[kind].condition !== 'disconnected');
    return back;
  };

  try {
    log(`Server half: ${backend.apiUrl} (Amazon: ${options.mockUrl})`);
    let page = open(appUrl);
    let view = await waitForView(page.connections, settled);
    log(
      `Loaded: Amazon Advertising ${view.advertising.condition}, Seller Central ${view.sellerCentral.condition}`,
    );

    log('Connect Amazon Advertising');
    page = await signIn(page, 'advertising');
    view = page.connections.getView();
    const accountName = view.advertising.accountName;
    log(
      `  connected: ${accountName} (${view.advertising.marketplaces.join(', ')}), ${view.advertising.condition}`,
    );

    const again = view.advertising.connect();
    const oneAccountRule = again.ok ? null : again.message;
    log(`A second Amazon Advertising account? ${oneAccountRule ?? 'allowed'}`);

    log('Connect Seller Central');
    page = await signIn(page, 'sellerCentral');
    const connected = await settledFigures(page);
    log(`  figures: ${describe(connected)}`);

    log('Disconnect Seller Central (immediate, no confirmation)');
    view = page.connections.getView();
    view.sellerCentral.disconnect();
    view = await waitForView(
      page.connections,
      (v) => settled(v) && v.sellerCentral.condition === 'disconnected',
    );
    const sellerCentralDisconnected = await settledFigures(page);
    log(`  figures: ${describe(sellerCentralDisconnected)}`);
    log(
      `  still running: ${Object.values(view.features).every((f) => f.enabled) ? 'every optimiser feature' : '?'}`,
    );
    log('  no data is deleted: reconnecting brings the figures back');

    log('Reconnect Seller Central');
    page = await signIn(page, 'sellerCentral');
    const reconnected = await settledFigures(page);
    log(`  figures: ${describe(reconnected)}`);

    log('Disconnect Amazon Advertising (asks to confirm first)');
    page.connections.getView().advertising.disconnect();
    view = await waitForView(page.connections, (v) => v.advertising.confirmation !== null);
    const confirmation = view.advertising.confirmation?.message ?? null;
    log(`  prompt: ${confirmation}`);
    view.advertising.confirmDisconnect();
    view = await waitForView(
      page.connections,
      (v) => settled(v) && v.advertising.condition === 'disconnected',
    );
    const advertisingDisconnected = figures(view, await page.connections.loadMetrics(lastWeek()));
    const featuresAfterDisconnect = Object.values(view.features).map((f) =>
      f.enabled ? 'enabled' : f.message,
    );
    log(`  Seller Central: ${view.sellerCentral.condition}; figures: ${describe(advertisingDisconnected)}`);
    log(`  features: ${featuresAfterDisconnect.join(' ')}`);

    return {
      accountName,
      oneAccountRule,
      figures: { connected, sellerCentralDisconnected, reconnected, advertisingDisconnected },
      confirmation,
      featuresAfterDisconnect,
    };
  } finally {
    for (const page of pages) page.connections.stop();
    await backend.close();
  }
}

function describe(written: Record<MetricId, string>): string {
  return metricIds.map((id) => `${metricCatalogue[id].label} ${written[id]}`).join(' · ');
}
