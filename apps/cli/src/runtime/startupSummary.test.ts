import { parseConfig } from '@warden/core/config/parseConfig';
import { describe, expect, it } from 'vitest';
import { headline } from './startupSummary.js';

describe('headline', () => {
  it('names every pair with its strategy when several pairs trade, and the first of TRADING_SYMBOLS otherwise', () => {
    const several = parseConfig({ TRADING_SYMBOLS: 'ETH/USDT,SOL/USDT', TRADING_TIMEFRAMES: '4h', TRADING_CYCLE_SECONDS: '60' });
    const pairs = [
      { symbol: 'ETH/USDT', strategy: 'grid' },
      { symbol: 'SOL/USDT', strategy: 'ema_crossover' },
    ];
    expect(headline({ version: '1', config: several, panel: true, strategy: 'grid', state: 'RUNNING', pairs })).toBe(
      'Warden 1: paper trading 2 pairs (ETH/USDT grid, SOL/USDT ema_crossover) on 4h, a cycle every 60 s; trading state RUNNING',
    );
    const one = parseConfig({ TRADING_SYMBOLS: 'ETH/USDT', TRADING_TIMEFRAMES: '4h', TRADING_CYCLE_SECONDS: '60' });
    expect(headline({ version: '1', config: one, panel: true, strategy: 'grid', state: 'PAUSED', pairs: pairs.slice(0, 1) })).toBe(
      'Warden 1: paper trading ETH/USDT with grid on 4h, a cycle every 60 s; trading state PAUSED',
    );
  });
});
