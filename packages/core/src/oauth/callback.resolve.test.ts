import { describe, expect, it } from 'vitest';
import { pendingTransaction } from '../../test/transactions';
import { createMemoryStorage } from '../environment/memory-storage';
import type { ParsedCallback } from './callback.parse';
import { callbackKind, resolveCallback } from './callback.resolve';
import { createTransactionStore } from './transaction.store';
import type { PendingTransaction } from './transaction.types';

const now = 10_000;
const advertising = pendingTransaction('advertising');
const sellerCentral = pendingTransaction('sellerCentral');

function storeWith(...transactions: PendingTransaction[]) {
  const store = createTransactionStore(createMemoryStorage(), () => now);
  for (const transaction of transactions) store.save(transaction);
  return store;
}

const adsCode: ParsedCallback = {
  type: 'code',
  kind: 'advertising',
  code: 'code-1',
  state: advertising.state,
};
const sellerCode: ParsedCallback = {
  type: 'code',
  kind: 'sellerCentral',
  code: 'spapi-code-1',
  state: sellerCentral.state,
  sellingPartnerId: 'A2SELLER',
};

describe('callbackKind', () => {
  it('takes the kind a code names, and matches a refusal to its pending transaction by state', () => {
    const store = storeWith(advertising, sellerCentral);
    expect(callbackKind(sellerCode, store)).toBe('sellerCentral');
    const refused: ParsedCallback = {
      type: 'refused',
      error: 'access_denied',
      description: null,
      state: sellerCentral.state,
    };
    expect(callbackKind(refused, store)).toBe('sellerCentral');
    expect(callbackKind({ ...refused, state: null }, store)).toBe('advertising');
    expect(callbackKind({ ...refused, state: 'unknown-state-0123456789' }, store)).toBe('advertising');
    expect(callbackKind({ type: 'malformed', kind: 'advertising', state: sellerCentral.state }, store)).toBe(
      'sellerCentral',
    );
    expect(callbackKind({ type: 'malformed', kind: 'sellerCentral', state: null }, store)).toBe(
      'sellerCentral',
    );
  });
});

describe('resolveCallback', () => {
  it('exchanges a code whose state matches the pending transaction, with what each kind sends', () => {
    expect(resolveCallback(adsCode, storeWith(advertising), now)).toEqual({
      type: 'exchange',
      kind: 'advertising',
      request: { kind: 'advertising', state: advertising.state, code: 'code-1' },
      transaction: advertising,
    });
    expect(resolveCallback(sellerCode, storeWith(advertising, sellerCentral), now)).toEqual({
      type: 'exchange',
      kind: 'sellerCentral',
      request: {
        kind: 'sellerCentral',
        state: sellerCentral.state,
        code: 'spapi-code-1',
        sellingPartnerId: 'A2SELLER',
      },
      transaction: sellerCentral,
    });
  });

  it('resumes instead of spending a code twice', () => {
    const store = storeWith(advertising);
    store.spend(advertising.state);
    expect(resolveCallback(adsCode, store, now)).toEqual({
      type: 'resume',
      kind: 'advertising',
      state: advertising.state,
    });
  });

  it('fails with state_mismatch without a pending transaction or with another state', () => {
    expect(resolveCallback(adsCode, storeWith(), now)).toEqual({
      type: 'fail',
      kind: 'advertising',
      code: 'state_mismatch',
      transaction: null,
    });
    const other = { ...adsCode, state: 'state-from-elsewhere-0123' };
    expect(resolveCallback(other, storeWith(advertising), now)).toMatchObject({
      type: 'fail',
      code: 'state_mismatch',
    });
  });

  it('fails with transaction_expired once the transaction has expired, keeping it to clear', () => {
    expect(resolveCallback(adsCode, storeWith(advertising), advertising.expiresAt)).toEqual({
      type: 'fail',
      kind: 'advertising',
      code: 'transaction_expired',
      transaction: advertising,
    });
  });

  it('fails a refusal with oauth_refused and a broken URL with callback_malformed, naming the transaction only when the state matches', () => {
    const store = storeWith(advertising);
    const refused: ParsedCallback = {
      type: 'refused',
      error: 'access_denied',
      description: null,
      state: advertising.state,
    };
    expect(resolveCallback(refused, store, now)).toEqual({
      type: 'fail',
      kind: 'advertising',
      code: 'oauth_refused',
      transaction: advertising,
    });
    expect(resolveCallback({ ...refused, state: null }, store, now)).toMatchObject({
      code: 'oauth_refused',
      transaction: null,
    });
    const malformed: ParsedCallback = {
      type: 'malformed',
      kind: 'advertising',
      state: 'state-from-elsewhere-0123',
    };
    expect(resolveCallback(malformed, store, now)).toEqual({
      type: 'fail',
      kind: 'advertising',
      code: 'callback_malformed',
      transaction: null,
    });
  });

  it('reads storage and writes nothing', () => {
    const storage = createMemoryStorage();
    const store = createTransactionStore(storage, () => now);
    store.save(advertising);
    const before = storage.size;
    resolveCallback(adsCode, store, now);
    expect(storage.size).toBe(before);
    expect(store.spent(advertising.state)).toBeNull();
  });
});
