import * as z from 'zod/mini';
import { integerFrom, text } from '../contract/schema-parts';
import { advertisingAccountSchema, connectionKindSchema, returnPathSchema } from '../contract/schemas';
import type { AdvertisingAccount, ConnectionKind } from '../contract/types';
import type { KeyValueStorage } from '../environment/environment.types';
import { constantTimeEqual } from './constant-time';
import type { PendingTransaction } from './transaction.types';

const pendingSchema = /* @__PURE__ */ z.object({
  kind: connectionKindSchema,
  state: /* @__PURE__ */ text(1, 256),
  returnTo: returnPathSchema,
  attempt: /* @__PURE__ */ integerFrom(1),
  startedAt: /* @__PURE__ */ z.number(),
  expiresAt: /* @__PURE__ */ z.number(),
  mode: /* @__PURE__ */ z.enum(['redirect', 'popup']),
  afterDataSlow: /* @__PURE__ */ z.boolean(),
});

// State -> what became of it (a catchall object: the same check as a string-keyed `z.record`, with less zod).
const spentSchema = /* @__PURE__ */ z.catchall(
  /* @__PURE__ */ z.object({}),
  /* @__PURE__ */ z.object({
    at: /* @__PURE__ */ z.number(),
    outcome: /* @__PURE__ */ z.enum(['pending', 'connected', 'failed', 'choose_account']),
    accounts: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(advertisingAccountSchema)),
  }),
);
type SpentRecords = z.infer<typeof spentSchema>;

/**
 * What is known about a `state` whose code was handed to the backend.
 *
 * @example
 * ```ts
 * store.spent(state)?.outcome; // 'pending' while the first attempt runs
 * ```
 */
export interface SpentRecord {
  /** When it was spent. */
  readonly at: number;
  /** `pending` while the request runs; then what the backend answered. */
  readonly outcome: 'pending' | 'connected' | 'failed' | 'choose_account';
  /** The accounts to choose from, for `choose_account`. */
  readonly accounts?: readonly AdvertisingAccount[];
}

/** How long a spent `state` is remembered: far longer than an authorization code lives (5 minutes). */
const spentMemoryMs = 60 * 60 * 1000;

/**
 * Reads and writes pending transactions, spent states and failure counts in a {@link KeyValueStorage}.
 *
 * @example
 * ```ts
 * const store: TransactionStore = createTransactionStore(sessionStorage, Date.now);
 * store.pending('advertising');
 * ```
 */
export interface TransactionStore {
  /** Saves the pending transaction of its kind (one per kind). */
  save(transaction: PendingTransaction): void;
  /** The pending transaction of `kind`, or `null` (also when the stored value is unreadable). */
  pending(kind: ConnectionKind): PendingTransaction | null;
  /** The pending transaction whose state equals `state` (constant-time comparison), or `null`. */
  findByState(state: string): PendingTransaction | null;
  /** Forgets the pending transaction of `kind`. */
  clear(kind: ConnectionKind): void;
  /**
   * Marks `state` as spent, before its code is sent. True when this call spent it; false when it was spent
   * already (StrictMode's second effect, a reload, the Back button): the caller must not send the code.
   */
  spend(state: string): boolean;
  /** Records what the backend answered for a spent `state`. */
  settle(state: string, outcome: SpentRecord['outcome'], accounts?: readonly AdvertisingAccount[]): void;
  /** What is known about a spent `state`, or `null` when it was never spent here. */
  spent(state: string): SpentRecord | null;
  /** Consecutive failed sign-ins of `kind`. */
  failures(kind: ConnectionKind): number;
  /** Adds one failed sign-in and returns the new count. */
  recordFailure(kind: ConnectionKind): number;
  /** A sign-in succeeded: start counting again. */
  resetFailures(kind: ConnectionKind): void;
}

function readJson(storage: KeyValueStorage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/**
 * Creates the store of OAuth transactions over `storage`, under keys starting with `prefix`.
 *
 * @example
 * ```ts
 * const store = createTransactionStore(sessionStorage);
 * if (store.spend(state)) await transport.callback({ kind: 'advertising', state, code });
 * ```
 */
export function createTransactionStore(
  storage: KeyValueStorage,
  now: () => number,
  prefix = 'smart-ads:oauth',
): TransactionStore {
  const pendingKey = (kind: ConnectionKind) => `${prefix}:pending:${kind}`;
  const failuresKey = (kind: ConnectionKind) => `${prefix}:failures:${kind}`;
  const spentKey = `${prefix}:spent`;

  const readSpent = (): SpentRecords => {
    const parsed = spentSchema.safeParse(readJson(storage, spentKey));
    return parsed.success ? parsed.data : {};
  };
  const writeSpent = (records: SpentRecords) => {
    const cutoff = now() - spentMemoryMs;
    const kept: SpentRecords = {};
    for (const [state, record] of Object.entries(records)) if (record.at >= cutoff) kept[state] = record;
    storage.setItem(spentKey, JSON.stringify(kept));
  };
  const findSpent = (records: SpentRecords, state: string): string | null => {
    let found: string | null = null;
    for (const key of Object.keys(records)) if (constantTimeEqual(key, state)) found = key;
    return found;
  };

  const pending = (kind: ConnectionKind): PendingTransaction | null => {
    const parsed = pendingSchema.safeParse(readJson(storage, pendingKey(kind)));
    return parsed.success && parsed.data.kind === kind ? parsed.data : null;
  };

  return {
    save(transaction) {
      storage.setItem(pendingKey(transaction.kind), JSON.stringify(transaction));
    },
    pending,
    findByState(state) {
      let found: PendingTransaction | null = null;
      for (const kind of ['advertising', 'sellerCentral'] as const) {
        const transaction = pending(kind);
        if (transaction && constantTimeEqual(transaction.state, state)) found = transaction;
      }
      return found;
    },
    clear(kind) {
      storage.removeItem(pendingKey(kind));
    },
    spend(state) {
      const records = readSpent();
      if (findSpent(records, state) !== null) return false;
      records[state] = { at: now(), outcome: 'pending' };
      writeSpent(records);
      return true;
    },
    settle(state, outcome, accounts) {
      const records = readSpent();
      const key = findSpent(records, state) ?? state;
      records[key] = accounts ? { at: now(), outcome, accounts: [...accounts] } : { at: now(), outcome };
      writeSpent(records);
    },
    spent(state) {
      const records = readSpent();
      const key = findSpent(records, state);
      const record = key === null ? undefined : records[key];
      if (!record) return null;
      return record.accounts
        ? { at: record.at, outcome: record.outcome, accounts: record.accounts }
        : { at: record.at, outcome: record.outcome };
    },
    failures(kind) {
      const value = readJson(storage, failuresKey(kind));
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
    },
    recordFailure(kind) {
      const count = this.failures(kind) + 1;
      storage.setItem(failuresKey(kind), JSON.stringify(count));
      return count;
    },
    resetFailures(kind) {
      storage.removeItem(failuresKey(kind));
    },
  };
}
