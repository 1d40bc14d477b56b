import { describe, expect, it } from 'vitest';
import { acme, globex } from '../../test/fake-backend';
import { pendingTransaction } from '../../test/transactions';
import { createMemoryStorage } from '../environment/memory-storage';
import { createTransactionStore } from './transaction.store';

const advertising = pendingTransaction('advertising');
const sellerCentral = pendingTransaction('sellerCentral', { mode: 'popup' });

function setUp() {
  const storage = createMemoryStorage();
  let clock = 1_000;
  const store = createTransactionStore(storage, () => clock);
  return { storage, store, advance: (ms: number) => (clock += ms) };
}

describe('createTransactionStore', () => {
  it('keeps one pending transaction per kind, finds it by state and forgets it', () => {
    const { store } = setUp();
    store.save(advertising);
    store.save(sellerCentral);
    expect(store.pending('advertising')).toEqual(advertising);
    expect(store.pending('sellerCentral')).toEqual(sellerCentral);
    expect(store.findByState(sellerCentral.state)).toEqual(sellerCentral);
    expect(store.findByState('another-state-0123456789')).toBeNull();
    store.save({ ...advertising, state: 'state-advertising-second', attempt: 2 });
    expect(store.pending('advertising')?.attempt).toBe(2);
    store.clear('advertising');
    expect(store.pending('advertising')).toBeNull();
    expect(store.pending('sellerCentral')).toEqual(sellerCentral);
  });

  it('reads an unreadable or foreign stored value as nothing pending', () => {
    const { storage, store } = setUp();
    storage.setItem('smart-ads:oauth:pending:advertising', '{not json');
    expect(store.pending('advertising')).toBeNull();
    storage.setItem(
      'smart-ads:oauth:pending:advertising',
      JSON.stringify({ ...advertising, returnTo: 'https://evil.example' }),
    );
    expect(store.pending('advertising')).toBeNull();
    // A transaction stored under the other kind's key is not that kind's.
    storage.setItem('smart-ads:oauth:pending:advertising', JSON.stringify(sellerCentral));
    expect(store.pending('advertising')).toBeNull();
  });

  it('spends a state once: the second spend (StrictMode, a reload, Back) is refused', () => {
    const { store } = setUp();
    expect(store.spent(advertising.state)).toBeNull();
    expect(store.spend(advertising.state)).toBe(true);
    expect(store.spend(advertising.state)).toBe(false);
    expect(store.spent(advertising.state)).toEqual({ at: 1_000, outcome: 'pending' });
  });

  it('records what the backend answered for a spent state, with the accounts to choose from', () => {
    const { store, advance } = setUp();
    store.spend(advertising.state);
    advance(500);
    const accounts = [acme, globex];
    store.settle(advertising.state, 'choose_account', accounts);
    expect(store.spent(advertising.state)).toEqual({ at: 1_500, outcome: 'choose_account', accounts });
    store.settle(advertising.state, 'connected');
    expect(store.spent(advertising.state)).toEqual({ at: 1_500, outcome: 'connected' });
  });

  it('forgets spent states after an hour, far longer than a code lives', () => {
    const { store, advance } = setUp();
    store.spend(advertising.state);
    advance(60 * 60 * 1000 + 1);
    store.spend(sellerCentral.state); // writing prunes what is older than an hour
    expect(store.spent(advertising.state)).toBeNull();
    expect(store.spent(sellerCentral.state)?.outcome).toBe('pending');
  });

  it('counts failed sign-ins per kind until one succeeds', () => {
    const { storage, store } = setUp();
    expect(store.failures('advertising')).toBe(0);
    expect(store.recordFailure('advertising')).toBe(1);
    expect(store.recordFailure('advertising')).toBe(2);
    expect(store.failures('sellerCentral')).toBe(0);
    store.resetFailures('advertising');
    expect(store.failures('advertising')).toBe(0);
    storage.setItem('smart-ads:oauth:failures:sellerCentral', '"three"');
    expect(store.failures('sellerCentral')).toBe(0);
  });

  it('keeps its keys under the prefix it is given', () => {
    const storage = createMemoryStorage();
    const store = createTransactionStore(storage, () => 0, 'host:oauth');
    store.save(advertising);
    expect(storage.getItem('host:oauth:pending:advertising')).not.toBeNull();
    expect(storage.getItem('smart-ads:oauth:pending:advertising')).toBeNull();
  });
});
