import { createRandom } from '../random.js';
import type { World } from '../world/seed-world.js';
import type { MockState, ReportBehaviour } from './types.js';

/** Default behaviour of Ads reports: PENDING on create and at the first status poll, COMPLETED at the second. */
export const defaultAdsReports: ReportBehaviour = {
  polls: 2,
  processingMs: 0,
  empty: false,
  fail: false,
  dataLatencyMs: 0,
};

/** Default behaviour of SP-API reports: IN_QUEUE, IN_PROGRESS, then DONE at the third poll. */
export const defaultSpReports: ReportBehaviour = {
  polls: 3,
  processingMs: 0,
  empty: false,
  fail: false,
  dataLatencyMs: 0,
};

/** How many entries the request log keeps (the counters behind `calls()` keep counting past it). */
export const LOG_LIMIT = 10_000;

/** A fresh state for the world: no grants, tokens, reports or scenarios. */
export function createState(world: World): MockState {
  return {
    random: createRandom(`${world.seed}:ids`),
    users: new Map(
      world.users.map((user) => [
        user.email.toLowerCase(),
        { user, password: user.password, passwordVersion: 0 },
      ]),
    ),
    transactions: new Map(),
    grants: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    adsReports: new Map(),
    spReports: new Map(),
    targetingEdits: new Map(),
    files: new Map(),
    buckets: new Map(),
    log: [],
    counts: new Map(),
    scenarios: {
      faults: [],
      rateLimits: false,
      reports: { ads: { ...defaultAdsReports }, spapi: { ...defaultSpReports } },
      salesDataLatencyMs: 0,
      autoSignIn: null,
    },
    counter: 0,
  };
}
