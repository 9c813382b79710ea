import { describe, expect, it } from 'vitest';
import { buildFill } from './fill.fixture.js';
import { applyFill, unrealizedPnl } from './position.js';

const fill = buildFill;

describe('applyFill', () => {
  it('averages the entry price over buys', () => {
    const first = applyFill(null, fill({ price: '100', quantity: '1', quoteQuantity: '100' }));
    const second = applyFill(first.position, fill({ price: '130', quantity: '2', quoteQuantity: '260', time: 2 }));
    expect(second.position).toMatchObject({ quantity: '3', avgEntryPrice: '120', realizedPnl: '0', updatedAt: 2 });
    expect(second.realizedPnl).toBe('0');
  });

  it('folds a buy fee paid in base into the entry price', () => {
    // 1 BTC bought for 100 USDT, 0.001 BTC kept by the venue: 0.999 BTC cost 100.
    const { position } = applyFill(null, fill({ fee: '0.001', feeAsset: 'BTC' }));
    expect(position.quantity).toBe('0.999');
    expect(position.avgEntryPrice).toBe('100.1001001001');
  });

  it('realizes PnL on a sell net of the entry and exit fees', () => {
    const bought = applyFill(null, fill({ quantity: '2', quoteQuantity: '200', fee: '0.2', feeAsset: 'USDT' }));
    expect(bought.position.avgEntryPrice).toBe('100.1');
    const sold = applyFill(
      bought.position,
      fill({ side: 'SELL', price: '110', quantity: '1', quoteQuantity: '110', fee: '0.11', feeAsset: 'USDT', time: 3 }),
    );
    // 110 − 0.11 exit fee − 100.1 entry = 9.79
    expect(sold.realizedPnl).toBe('9.79');
    expect(sold.position).toMatchObject({ quantity: '1', avgEntryPrice: '100.1', realizedPnl: '9.79' });
  });

  it('closes the position to zero and resets the entry', () => {
    const bought = applyFill(null, fill({}));
    const sold = applyFill(bought.position, fill({ side: 'SELL', price: '90', quoteQuantity: '90', fee: '0.09', feeAsset: 'USDT' }));
    expect(sold.realizedPnl).toBe('-10.09');
    expect(sold.position).toMatchObject({ quantity: '0', avgEntryPrice: '0' });
  });

  it('a sell beyond the position takes it below zero instead of dropping the surplus', () => {
    const bought = applyFill(null, fill({ quantity: '1', quoteQuantity: '100' }));
    const sold = applyFill(bought.position, fill({ side: 'SELL', price: '120', quantity: '2', quoteQuantity: '240' }));
    // The covered unit realizes 120 − 100; the uncovered one waits for its buy, entered at its sale price.
    expect(sold.realizedPnl).toBe('20');
    expect(sold.position).toMatchObject({ quantity: '-1', avgEntryPrice: '120', realizedPnl: '20' });
  });

  it('a buy that arrives after its sell closes the units sold ahead and realizes the gain then', () => {
    // On the exchange: BUY 1 @ 100, then SELL 1 @ 120. Recorded the other way round.
    const sold = applyFill(null, fill({ side: 'SELL', price: '120', quantity: '1', quoteQuantity: '120', time: 2 }));
    expect(sold).toMatchObject({ realizedPnl: '0', position: { quantity: '-1', avgEntryPrice: '120' } });
    const bought = applyFill(sold.position, fill({ price: '100', quantity: '1', quoteQuantity: '100', time: 3 }));
    expect(bought).toMatchObject({ realizedPnl: '20', position: { quantity: '0', avgEntryPrice: '0', realizedPnl: '20' } });
  });

  it('a buy larger than the units sold ahead closes them and opens the rest at its own price', () => {
    const sold = applyFill(null, fill({ side: 'SELL', price: '120', quantity: '1', quoteQuantity: '120' }));
    const bought = applyFill(sold.position, fill({ price: '100', quantity: '3', quoteQuantity: '300' }));
    expect(bought).toMatchObject({ realizedPnl: '20', position: { quantity: '2', avgEntryPrice: '100', realizedPnl: '20' } });
  });
});

describe('unrealizedPnl', () => {
  it('marks the open quantity at the price', () => {
    const { position } = applyFill(null, fill({ quantity: '2', quoteQuantity: '200' }));
    expect(unrealizedPnl(position, 105)).toBe(10);
    expect(unrealizedPnl(null, 105)).toBe(0);
  });

  it('below zero, the units sold ahead gain when the price falls', () => {
    const { position } = applyFill(null, fill({ side: 'SELL', price: '120', quantity: '2', quoteQuantity: '240' }));
    expect(unrealizedPnl(position, 110)).toBe(20);
  });
});
