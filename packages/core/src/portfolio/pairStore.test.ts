import { describe, expect, it } from 'vitest';
import { InMemoryStore } from '../backtest/inMemoryStore.js';
import { migrateLegacyPairKeys, pairStore } from './pairStore.js';

describe('pairStore', () => {
  it('keeps each pair’s strategy keys apart and shares the account’s keys', () => {
    const store = new InMemoryStore();
    const a = pairStore(store, 'AAA/USDT');
    const b = pairStore(store, 'BBB/USDT');
    a.config.set('strategy.active', 'grid', 'test', 1);
    b.config.set('strategy.active', 'ema_crossover', 'test', 1);
    a.config.set('system.state', 'PAUSED', 'test', 1);
    expect(a.config.get('strategy.active')).toBe('grid');
    expect(b.config.get('strategy.active')).toBe('ema_crossover');
    expect(b.config.get('system.state')).toBe('PAUSED');
    expect(store.config.get('pair.AAA/USDT.strategy.active')).toBe('grid');
    expect(
      a.config
        .all()
        .map((e) => e.key)
        .sort(),
    ).toEqual(['strategy.active', 'system.state']);
  });

  it('moves a single-pair database’s strategy keys under its pair once', () => {
    const store = new InMemoryStore();
    store.config.set('strategy.params.grid', { grid_levels: 7 }, 'user:alice', 1);
    store.config.set('cycle.last_decided_open_time', 42, 'system', 1);
    expect(migrateLegacyPairKeys(store, 'BTC/USDT', 2).sort()).toEqual(['cycle.last_decided_open_time', 'strategy.params.grid']);
    expect(pairStore(store, 'BTC/USDT').config.get('strategy.params.grid')).toEqual({ grid_levels: 7 });
    expect(pairStore(store, 'BTC/USDT').config.entry('strategy.params.grid')?.updatedBy).toBe('user:alice');
    expect(migrateLegacyPairKeys(store, 'BTC/USDT', 3)).toEqual([]);
  });
});
