// Amazon calls for a seller switching the dashboard through Acme's four marketplaces (US, CA, UK, DE) and back,
// twice, then opening the all-marketplaces view: with reports cached per source, marketplace and period, the
// figure is one report per source, marketplace and period, however often the seller switches; with Seller Central
// authorised in North America only, and in North America and Europe.
// Run: pnpm --filter @smart-ads/core --filter @smart-ads/mock-amazon build && node packages/core/bench/marketplace-switching.mjs
import { marketplaces } from '@smart-ads/mock-amazon';
import { createConnectionsHandler, createSqliteStore } from '../dist/server/index.js';
import { countCalls, onMockAmazon, range } from './support/on-mock-amazon.mjs';

const setUp = (store, options) => onMockAmazon(createConnectionsHandler, store, options);

/**
 * One seller's tour with Seller Central authorised in `regions` (North America only: UK and DE say Seller Central
 * is not covered there; North America and Europe: all four covered, each from its region's host and token).
 */
async function tour(regions, expected) {
  const store = await createSqliteStore({ filename: ':memory:' });
  const { amazon, call, connect } = await setUp(store, {
    currencyConversion: () => ({
      currency: 'USD',
      rateDate: '2026-11-30',
      rates: { CAD: 0.71, GBP: 1.27, EUR: 1.08 },
    }),
  });
  await connect('advertising');
  for (const region of regions) await connect('sellerCentral', 'sub_bench', region);

  const four = ['US', 'CA', 'UK', 'DE'].map((country) => marketplaces[country].id);
  const switches = [...four, ...[...four].reverse(), ...four, ...[...four].reverse()];
  let loads = 0;
  for (const id of switches) {
    // The seller looks at each marketplace for 6 s (mock time): the pending reports move on meanwhile.
    const answer = await call('GET', `/metrics?${range}&marketplace=${id}`);
    if (answer.status !== 200) throw new Error(`metrics for ${id} failed: ${JSON.stringify(answer.body)}`);
    loads++;
    amazon.clock.advance(6_000);
  }
  const all = await call('GET', `/metrics?${range}&marketplace=all`);
  if (all.status !== 200) throw new Error('all-marketplaces metrics failed');
  loads++;

  const calls = countCalls(amazon);
  console.log(
    `\nSeller Central in ${regions.join(' + ').toUpperCase()}: Amazon calls for ${loads} dashboard loads: four marketplaces and back, twice (${switches.length} switches), then all marketplaces`,
  );
  console.table({
    [`reports created (Ads: 2 per profile × 4; SP-API: 1 per covered marketplace × ${expected.spApi})`]: {
      ads: calls.adsReportCreates,
      spApi: calls.spReportCreates,
      orderMetrics: calls.orderMetrics,
    },
    'report status polls': { ads: calls.adsReportPolls, spApi: calls.spReportPolls, orderMetrics: 0 },
    'SP-API calls per region': {
      ads: 0,
      spApi: `na ${amazon.calls('spapi', { region: 'na' })} · eu ${amazon.calls('spapi', { region: 'eu' })}`,
      orderMetrics: 0,
    },
  });
  const { totals, metrics, currency, conversion } = all.body;
  console.log(
    `all marketplaces, ad spend per currency: ${totals.map((t) => `${t.currency} ${t.metrics.adSpend.value}`).join(' · ')}; converted: ${currency} ${metrics.adSpend.value} (rates of ${conversion.rateDate})`,
  );
  if (
    calls.adsReportCreates !== expected.ads ||
    calls.spReportCreates !== expected.spApi ||
    calls.orderMetrics !== expected.orderMetrics ||
    amazon.calls('spapi', { status: 403 }) !== 0
  ) {
    throw new Error(`more than one report per source, marketplace and period: ${JSON.stringify(calls)}`);
  }
  await store.close();
}

await tour(['na'], { ads: 8, spApi: 2, orderMetrics: 2 });
await tour(['na', 'eu'], { ads: 8, spApi: 4, orderMetrics: 4 });
