import type { SymbolFilters } from '@warden/core/domain/market';
import { RiskEngine } from '@warden/core/risk/riskEngine';
import { buildRiskInput, buildRiskLimits } from '@warden/core/risk/riskInput.fixture';
import { DEFAULT_SYMBOLS, type FakeNotionalFilter } from '@warden/testkit/fakeBinance/exchangeInfo';
import { afterEach, describe, expect, it } from 'vitest';
import { intent, type LiveRig, startLiveRig, TICK } from './liveTestRig.js';

const BTC = DEFAULT_SYMBOLS[0];
let rig: LiveRig | undefined;
afterEach(async () => rig?.close());

/**
 * A live broker against a fake exchange whose BTCUSDT has this NOTIONAL filter, given the filters
 * Warden reads from that exchange's exchangeInfo (the real path). BTC trades at 50 000.
 */
async function liveWith(notional: FakeNotionalFilter, balances: Record<string, string>): Promise<{ rig: LiveRig; filters: SymbolFilters }> {
  if (!BTC) throw new Error('no BTCUSDT spec');
  rig = await startLiveRig({ symbols: [{ ...BTC, notional }], balances, filters: 'fromExchangeInfo', flattenOnEmergency: true });
  return { rig, filters: rig.filters };
}

const notional = (applyMinToMarket: boolean, applyMaxToMarket: boolean): FakeNotionalFilter => ({
  filterType: 'NOTIONAL',
  minNotional: '5.00000000',
  maxNotional: '1000.00000000',
  applyMinToMarket,
  applyMaxToMarket,
});

describe('NOTIONAL and MARKET orders in live trading (fake exchange)', () => {
  it('applyMaxToMarket=false: risk no longer caps a market buy at maxNotional, and the exchange fills it', async () => {
    const { rig: r, filters } = await liveWith(notional(true, false), { USDT: '10000', BTC: '0' });
    const decision = new RiskEngine(buildRiskLimits({ maxOrderNotional: 100_000, maxPositionPct: 100 })).evaluate(
      buildRiskInput({ filters, price: 50_000, signal: { action: 'BUY', reason: 'test', inputs: {}, quoteAmount: 2_500 } }),
    );
    expect(decision).toMatchObject({ decision: 'ALLOW', type: 'MARKET', quantity: '0.05' });
    const update = await r.broker.submit(intent({ quantity: decision.decision === 'ALLOW' ? decision.quantity : '0' }), TICK);
    expect(update.orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: '0.05' });
  });

  it('applyMaxToMarket=true: the emergency flatten sells at most maxNotional and reports what is left', async () => {
    const { rig: r } = await liveWith(notional(true, true), { USDT: '0', BTC: '0.05' });
    r.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.05', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    const report = await r.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    // 1000 USDT at the exchange's average price of 50 000: 0.02 BTC.
    expect(r.venue.engine.orders.map((o) => `${o.side} ${o.type} ${o.origQty.toFixed()} ${o.status}`)).toEqual(['SELL MARKET 0.02 FILLED']);
    expect(report.failed).toEqual([
      { clientOrderId: expect.stringMatching(/^wdflat/), error: expect.stringContaining('0.03 BTC left to sell') },
    ]);
  });

  it('applyMaxToMarket=false: the flatten sells the whole position, above maxNotional', async () => {
    const { rig: r } = await liveWith(notional(true, false), { USDT: '0', BTC: '0.05' });
    r.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.05', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    const report = await r.broker.cancelAll('BTC/USDT', 1_700_000_000_000);
    expect(report.failed).toEqual([]);
    expect(r.venue.engine.orders.map((o) => `${o.side} ${o.origQty.toFixed()} ${o.status}`)).toEqual(['SELL 0.05 FILLED']);
  });

  it('a position worth less than the minimum is sold only where the minimum does not bind market orders', async () => {
    // 0.00005 BTC at 50 000 is 2.5 USDT: above minQty, below the 5 USDT minimum.
    const { rig: free } = await liveWith(notional(false, false), { USDT: '0', BTC: '0.00005' });
    free.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.00005', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    expect(await free.broker.cancelAll('BTC/USDT', 1_700_000_000_000)).toEqual({ canceled: [], failed: [] });
    expect(free.venue.engine.orders.map((o) => `${o.side} ${o.origQty.toFixed()} ${o.status}`)).toEqual(['SELL 0.00005 FILLED']);
    await free.close();
    rig = undefined;

    const { rig: bound } = await liveWith(notional(true, false), { USDT: '0', BTC: '0.00005' });
    bound.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.00005', avgEntryPrice: '48000', realizedPnl: '0', updatedAt: 0 });
    expect(await bound.broker.cancelAll('BTC/USDT', 1_700_000_000_000)).toEqual({ canceled: [], failed: [] });
    expect(bound.venue.engine.orders).toHaveLength(0);
  });
});
