import { describe, expect, it } from 'vitest';
import type { SymbolFilters } from '../domain/market.js';
import type { TradeSignal } from '../domain/signal.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { RiskEngine } from './riskEngine.js';
import { buildRiskInput, buildRiskLimits } from './riskInput.fixture.js';

// A RISK_MAX_ORDER_NOTIONAL far above the exchange's bounds, so only the exchange's NOTIONAL filter can cap.
const engine = new RiskEngine(buildRiskLimits({ maxOrderNotional: 1_000_000, maxPositionPct: 100 }));
const buy = (extra: Partial<TradeSignal>): TradeSignal => ({ action: 'BUY', reason: 'test', inputs: {}, ...extra });

function decide(filters: SymbolFilters, signal: TradeSignal) {
  return engine.evaluate(buildRiskInput({ filters, signal, freeQuote: '100000', equity: 100_000 }));
}

describe('risk sizing applies the exchange maximum notional to MARKET orders only with applyMaxToMarket', () => {
  const wanted = buy({ quoteAmount: 2_000 }); // 0.1 BTC at 20 000, above a 1 500 maximum

  it('applyMaxToMarket=false: a market buy is not capped at maxNotional (Binance does not apply it)', () => {
    const d = decide(buildSymbolFilters({ maxNotional: '1500', applyMaxToMarket: false }), wanted);
    expect(d).toMatchObject({ decision: 'ALLOW', type: 'MARKET', quantity: '0.1', notional: '2000' });
  });

  it('applyMaxToMarket=true: the market buy is capped at maxNotional', () => {
    const d = decide(buildSymbolFilters({ maxNotional: '1500', applyMaxToMarket: true }), wanted);
    expect(d).toMatchObject({ decision: 'ALLOW', type: 'MARKET', quantity: '0.075', notional: '1500' });
  });

  it('a limit buy is capped at maxNotional whatever the flags say', () => {
    const d = decide(buildSymbolFilters({ maxNotional: '1500', applyMaxToMarket: false }), buy({ quoteAmount: 2_000, limitPrice: 20_000 }));
    expect(d).toMatchObject({ decision: 'ALLOW', type: 'LIMIT', quantity: '0.075' });
  });
});

describe('risk sizing applies the exchange minimum notional to MARKET orders only with applyMinToMarket', () => {
  const small = buy({ quoteAmount: 3 }); // 0.00015 BTC: 3 USDT, below a 5 minimum

  it('applyMinToMarket=false: a 3 USDT market buy is allowed', () => {
    const d = decide(buildSymbolFilters({ minNotional: '5', applyMinToMarket: false }), small);
    expect(d).toMatchObject({ decision: 'ALLOW', type: 'MARKET', quantity: '0.00015' });
  });

  it('applyMinToMarket=true (and a limit order always): blocked BELOW_MIN_NOTIONAL', () => {
    expect(decide(buildSymbolFilters({ minNotional: '5', applyMinToMarket: true }), small)).toMatchObject({
      decision: 'BLOCK',
      reasons: ['BELOW_MIN_NOTIONAL'],
    });
    expect(
      decide(buildSymbolFilters({ minNotional: '5', applyMinToMarket: false }), buy({ quoteAmount: 3, limitPrice: 20_000 })),
    ).toMatchObject({
      decision: 'BLOCK',
      reasons: ['BELOW_MIN_NOTIONAL'],
    });
  });

  it('disabled limits (minimum 0, no maximum) bind neither order type', () => {
    const f = buildSymbolFilters({ minNotional: '0', maxNotional: '0' });
    expect(decide(f, buy({ quoteAmount: 3 }))).toMatchObject({ decision: 'ALLOW', quantity: '0.00015' });
    expect(decide(f, buy({ quoteAmount: 20_000, limitPrice: 20_000 }))).toMatchObject({ decision: 'ALLOW', quantity: '1' });
  });
});
