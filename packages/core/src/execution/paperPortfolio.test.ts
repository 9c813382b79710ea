import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { PaperBroker } from './paperBroker.js';
import { PaperPortfolio } from './paperPortfolio.js';
import { buildSymbolFilters } from './symbolFilters.fixture.js';

const opts = (symbol: string) => ({
  filters: buildSymbolFilters({ symbol, base: symbol.split('/')[0] as string, quote: symbol.split('/')[1] as string, maxNotional: null }),
  slippageBps: 0,
  makerFeePct: 0.1,
  takerFeePct: 0.1,
  maxFillSharePct: 10,
});
const tick = (price: number) => ({ now: 1, price, high: price, low: price, volume: 1_000_000 });
const buy = (symbol: string, quoteQty: string, id: string) => ({
  clientOrderId: id,
  symbol,
  side: 'BUY' as const,
  type: 'MARKET' as const,
  quantity: quoteQty,
  price: null,
  cycleId: null,
  reason: 'test',
  tag: null,
});

describe('PaperPortfolio', () => {
  it('shares one quote balance: what one pair spends the other cannot', () => {
    const p = PaperPortfolio.start([opts('AAA/USDT'), opts('BBB/USDT')], 1000);
    expect(p.broker('AAA/USDT').submit(buy('AAA/USDT', '6', 'a1'), tick(100)).orders[0]?.status).toBe('FILLED');
    expect(p.ledger.free.toString()).toBe('400');
    const second = p.broker('BBB/USDT').submit(buy('BBB/USDT', '5', 'b1'), tick(100)).orders[0];
    expect(second?.status).toBe('REJECTED');
    expect(second?.reason).toMatch(/insufficient USDT: needs 500, free 400/);
  });

  it('continues a single-pair account (version 1) as that pair, and starts a new pair flat', () => {
    const single = PaperBroker.start(opts('AAA/USDT'), 1000);
    single.submit(buy('AAA/USDT', '2', 'a1'), tick(100));
    const p = PaperPortfolio.restore(single.state(), [opts('AAA/USDT'), opts('BBB/USDT')]);
    expect(p.ledger.free.toString()).toBe('800');
    expect(p.broker('AAA/USDT').baseHeld()).toBeCloseTo(1.998, 9);
    expect(p.broker('BBB/USDT').baseHeld()).toBe(0);
    expect(p.state()).toMatchObject({ version: 2, quoteAsset: 'USDT', pairs: [{ symbol: 'AAA/USDT' }, { symbol: 'BBB/USDT' }] });
  });

  it('keeps a pair no longer traded in its snapshot instead of dropping its balance', () => {
    const p = PaperPortfolio.start([opts('AAA/USDT'), opts('BBB/USDT')], 1000);
    p.broker('BBB/USDT').submit(buy('BBB/USDT', '1', 'b1'), tick(100));
    const later = PaperPortfolio.restore(p.state(), [opts('AAA/USDT')]);
    expect(later.carriedPairs.map((c) => c.symbol)).toEqual(['BBB/USDT']);
    expect(later.state().pairs.map((c) => c.symbol)).toEqual(['AAA/USDT', 'BBB/USDT']);
  });

  it('refuses pairs in different quote assets, naming TRADING_SYMBOLS', () => {
    expect(() => PaperPortfolio.start([opts('AAA/USDT'), opts('AAA/BTC')], 1000)).toThrow(ValidationError);
    expect(() => PaperPortfolio.start([opts('AAA/USDT'), opts('AAA/BTC')], 1000)).toThrow(/same asset.*USDT, BTC/);
  });

  it('rewinds every pair and the shared quote to a checkpoint', () => {
    const p = PaperPortfolio.start([opts('AAA/USDT'), opts('BBB/USDT')], 1000);
    const checkpoint = p.state();
    p.broker('AAA/USDT').submit(buy('AAA/USDT', '3', 'a1'), tick(100));
    p.resetTo(checkpoint);
    expect(p.ledger.free.toString()).toBe('1000');
    expect(p.broker('AAA/USDT').baseHeld()).toBe(0);
  });
});
