import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import type { Order } from '../domain/orders.js';
import type { TradeSignal } from '../domain/signal.js';
import { type RiskDecision, RiskEngine } from './riskEngine.js';
import { buildRiskInput, buildRiskLimits, NOW } from './riskInput.fixture.js';
import { restingBuyQuantity } from './riskInput.js';
import { riskLimitsFromConfig } from './riskLimits.js';

const engine = new RiskEngine(buildRiskLimits());
const buy = (extra: Partial<TradeSignal> = {}): TradeSignal => ({ action: 'BUY', reason: 'test', inputs: {}, ...extra });
const sell = (extra: Partial<TradeSignal> = {}): TradeSignal => ({ action: 'SELL', reason: 'test', inputs: {}, ...extra });

function reasons(decision: RiskDecision): readonly string[] {
  return decision.decision === 'BLOCK' ? decision.reasons : [];
}

describe('RiskEngine allows', () => {
  it('sizes a market buy at RISK_ORDER_SIZE_PCT of equity at the latest price', () => {
    const decision = engine.evaluate(buildRiskInput());
    expect(decision).toMatchObject({
      decision: 'ALLOW',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.05',
      price: '20000',
      notional: '1000',
      shrunkBy: [],
    });
  });

  it('puts a limit buy on the tick below and a limit sell on the tick above the signal price', () => {
    const b = engine.evaluate(buildRiskInput({ signal: buy({ limitPrice: 19_999.999, quoteAmount: 100 }) }));
    const s = engine.evaluate(
      buildRiskInput({ signal: sell({ limitPrice: 20_000.001, baseQuantity: 0.01 }), freeBase: '1', positionQuantity: '1' }),
    );
    expect(b).toMatchObject({ decision: 'ALLOW', type: 'LIMIT', price: '19999.99' });
    expect(s).toMatchObject({ decision: 'ALLOW', type: 'LIMIT', price: '20000.01', quantity: '0.01' });
  });

  it('truncates the quantity to the lot step', () => {
    const decision = engine.evaluate(buildRiskInput({ signal: buy({ baseQuantity: 0.0123456789 }) }));
    expect(decision).toMatchObject({ decision: 'ALLOW', quantity: '0.01234' });
  });

  it('shrinks a default-sized sell to the base actually held', () => {
    const decision = engine.evaluate(buildRiskInput({ signal: sell(), freeBase: '0.02', positionQuantity: '0.02' }));
    expect(decision).toMatchObject({ decision: 'ALLOW', quantity: '0.02', shrunkBy: ['INSUFFICIENT_BASE'] });
  });

  it('shrinks a buy to the room left under the position limit', () => {
    // 0.24 BTC = 4800 of a 5000 limit: 200 USDT of room at the slipped buy price.
    const decision = engine.evaluate(buildRiskInput({ positionQuantity: '0.24' }));
    expect(decision).toMatchObject({ decision: 'ALLOW', quantity: '0.00999', shrunkBy: ['MAX_POSITION'] });
  });

  it('shrinks an order to RISK_MAX_ORDER_NOTIONAL', () => {
    const decision = engine.evaluate(buildRiskInput({ signal: buy({ quoteAmount: 3_000 }) }));
    expect(decision).toMatchObject({ decision: 'ALLOW', quantity: '0.05', notional: '1000', shrunkBy: ['MAX_ORDER_NOTIONAL'] });
  });

  it('keeps selling allowed under the daily loss limit', () => {
    const decision = engine.evaluate(buildRiskInput({ signal: sell({ baseQuantity: 0.01 }), freeBase: '0.1', dayStartEquity: 11_000 }));
    expect(decision.decision).toBe('ALLOW');
  });
});

describe('RiskEngine blocks, one reason code each', () => {
  it('NOT_RUNNING when the bot is paused or stopped', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ state: 'PAUSED' })))).toEqual(['NOT_RUNNING']);
    expect(reasons(engine.evaluate(buildRiskInput({ state: 'EMERGENCY_STOP' })))).toEqual(['NOT_RUNNING']);
  });

  it('STALE_MARKET_DATA when the last candle closed more than two primary candles ago (auto)', () => {
    const fresh = buildRiskInput({ now: NOW + 600_000 });
    const stale = buildRiskInput({ now: NOW + 600_001 });
    expect(engine.evaluate(fresh).decision).toBe('ALLOW');
    expect(reasons(engine.evaluate(stale))).toEqual(['STALE_MARKET_DATA']);
  });

  it('STALE_MARKET_DATA after RISK_MAX_DATA_AGE_SECONDS when it is set', () => {
    const strict = new RiskEngine(buildRiskLimits({ maxDataAgeSeconds: 30 }));
    expect(reasons(strict.evaluate(buildRiskInput({ now: NOW + 31_000 })))).toEqual(['STALE_MARKET_DATA']);
  });

  it('INVALID_PRICE when there is no usable price', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ price: 0 })))).toEqual(['INVALID_PRICE']);
    expect(reasons(engine.evaluate(buildRiskInput({ signal: buy({ limitPrice: Number.NaN }) })))).toEqual(['INVALID_PRICE']);
  });

  it('BELOW_MIN_NOTIONAL when the order is worth less than the minimum notional', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ signal: buy({ quoteAmount: 4 }) })))).toEqual(['BELOW_MIN_NOTIONAL']);
  });

  it('BELOW_MIN_QTY when the quantity truncates below the minimum quantity', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ signal: buy({ baseQuantity: 0.000009 }) })))).toEqual([
      'BELOW_MIN_QTY',
      'BELOW_MIN_NOTIONAL',
    ]);
  });

  it('MAX_POSITION when the position already fills the limit', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ positionQuantity: '0.25', freeBase: '0.25' })))).toEqual(['MAX_POSITION']);
  });

  it('MAX_POSITION counts what resting buys may still buy, as if they had filled', () => {
    // 0.1 held + 0.15 resting = 0.25 BTC = the whole 5000 USDT limit at 20 000.
    const full = engine.evaluate(buildRiskInput({ positionQuantity: '0.1', restingBuyQuantity: '0.15' }));
    expect(reasons(full)).toEqual(['MAX_POSITION']);
    expect(full.inputs).toMatchObject({ restingBuyQuantity: '0.15' });
    // 0.1 held + 0.14 resting leaves 200 USDT of room: the buy is shrunk to it, as with a position of 0.24.
    const room = engine.evaluate(buildRiskInput({ positionQuantity: '0.1', restingBuyQuantity: '0.14' }));
    expect(room).toMatchObject({ decision: 'ALLOW', quantity: '0.00999', shrunkBy: ['MAX_POSITION'] });
  });

  it('MAX_ORDER_NOTIONAL when the cap leaves less than the exchange minimum', () => {
    const tiny = new RiskEngine(buildRiskLimits({ maxOrderNotional: 4 }));
    expect(reasons(tiny.evaluate(buildRiskInput()))).toEqual(['MAX_ORDER_NOTIONAL']);
  });

  it('INSUFFICIENT_QUOTE when free quote cannot pay the minimum order plus fee', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ freeQuote: '5.0049' })))).toEqual(['INSUFFICIENT_QUOTE']);
  });

  it('INSUFFICIENT_BASE when selling without holding base (no borrowing)', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ signal: sell() })))).toEqual(['INSUFFICIENT_BASE']);
  });

  it('MAX_OPEN_ORDERS when a limit order would exceed the resting-order limit', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ signal: buy({ limitPrice: 19_000 }), openOrders: 10 })))).toEqual(['MAX_OPEN_ORDERS']);
  });

  it('DAILY_LOSS_LIMIT blocks buys once equity is the limit below the UTC day start', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ dayStartEquity: 10_527 })))).toEqual(['DAILY_LOSS_LIMIT']);
  });

  it('MAX_DRAWDOWN blocks and asks for an emergency stop', () => {
    const decision = engine.evaluate(buildRiskInput({ peakEquity: 12_500, signal: sell({ baseQuantity: 0.01 }), freeBase: '1' }));
    expect(decision).toMatchObject({ decision: 'BLOCK', reasons: ['MAX_DRAWDOWN'], emergencyStop: true });
  });

  it('FILTER_VIOLATION when the limit price is outside the price filter', () => {
    expect(reasons(engine.evaluate(buildRiskInput({ signal: buy({ limitPrice: 2_000_000, baseQuantity: 0.00001 }) })))).toEqual([
      'FILTER_VIOLATION',
    ]);
  });

  it('reports every gate that fails at once, with its inputs', () => {
    const decision = engine.evaluate(buildRiskInput({ state: 'PAUSED', now: NOW + 3_600_000 }));
    expect(decision).toMatchObject({ decision: 'BLOCK', reasons: ['NOT_RUNNING', 'STALE_MARKET_DATA'], emergencyStop: false });
    expect(decision.inputs).toMatchObject({ state: 'PAUSED', dataAgeMs: 3_600_000 });
  });
});

describe('RiskEngine.checkAccount', () => {
  it('asks for an emergency stop at the drawdown limit and blocks buys at the daily loss limit', () => {
    expect(engine.checkAccount({ equity: 8_000, peakEquity: 10_000, dayStartEquity: 8_000 })).toMatchObject({
      emergencyStop: true,
      blockBuys: false,
      reasons: ['MAX_DRAWDOWN'],
    });
    expect(engine.checkAccount({ equity: 9_500, peakEquity: 10_000, dayStartEquity: 10_000 })).toMatchObject({
      emergencyStop: false,
      blockBuys: true,
      reasons: ['DAILY_LOSS_LIMIT'],
    });
    expect(engine.checkAccount({ equity: 9_600, peakEquity: 10_000, dayStartEquity: 10_000 }).reasons).toEqual([]);
  });

  it('treats a limit of 0 as switched off', () => {
    const off = new RiskEngine(buildRiskLimits({ maxDrawdownPct: 0, dailyLossLimitPct: 0 }));
    expect(off.checkAccount({ equity: 1, peakEquity: 10_000, dayStartEquity: 10_000 })).toMatchObject({
      emergencyStop: false,
      blockBuys: false,
    });
  });
});

describe('riskLimitsFromConfig', () => {
  it('takes the documented defaults from the environment schema', () => {
    expect(riskLimitsFromConfig(parseConfig({}))).toEqual(buildRiskLimits());
  });
});

describe('resting buy quantity', () => {
  const order = (side: 'BUY' | 'SELL', status: Order['status'], quantity: string, filledQuantity = '0'): Order => ({
    clientOrderId: `${side}-${status}-${quantity}`,
    exchangeOrderId: null,
    symbol: 'BTC/USDT',
    side,
    type: 'LIMIT',
    status,
    quantity,
    price: '19000',
    filledQuantity,
    avgFillPrice: null,
    mode: 'paper',
    cycleId: null,
    reason: 'test',
    tag: null,
    createdAt: 0,
    updatedAt: 0,
  });

  it('sums what open BUY orders may still buy, ignoring sells and closed orders', () => {
    expect(restingBuyQuantity([])).toBe('0');
    expect(
      restingBuyQuantity([
        order('BUY', 'NEW', '0.1'),
        order('BUY', 'PARTIALLY_FILLED', '0.3', '0.1'),
        order('SELL', 'NEW', '5'),
        order('BUY', 'FILLED', '7', '7'),
        order('BUY', 'CANCELED', '9'),
      ]),
    ).toBe('0.3');
  });
});

describe('the total exposure cap (several pairs, one budget)', () => {
  it('shrinks a buy to what RISK_MAX_TOTAL_EXPOSURE_PCT leaves after the other pairs, and blocks it when nothing is left', () => {
    const engine = new RiskEngine(buildRiskLimits({ maxTotalExposurePct: 60, maxOrderNotional: 0 }));
    // Equity 10 000 USDT: the other pairs hold 5 000, so 1 000 is left under the 60 % cap.
    const shrunk = engine.evaluate(
      buildRiskInput({ signal: { action: 'BUY', reason: 't', inputs: {}, quoteAmount: 3000 }, otherPairsExposure: 5000 }),
    );
    expect(shrunk.decision).toBe('ALLOW');
    if (shrunk.decision !== 'ALLOW') return;
    expect(shrunk.shrunkBy).toContain('MAX_TOTAL_EXPOSURE');
    expect(Number(shrunk.notional)).toBeLessThanOrEqual(1000);
    expect(Number(shrunk.notional)).toBeGreaterThan(990);
    const blocked = engine.evaluate(
      buildRiskInput({ signal: { action: 'BUY', reason: 't', inputs: {}, quoteAmount: 3000 }, otherPairsExposure: 6000 }),
    );
    expect(blocked).toMatchObject({ decision: 'BLOCK', reasons: ['MAX_TOTAL_EXPOSURE'] });
  });

  it('never binds a single pair at the default of 100 %', () => {
    const engine = new RiskEngine(buildRiskLimits());
    const d = engine.evaluate(buildRiskInput({ signal: { action: 'BUY', reason: 't', inputs: {}, quoteAmount: 900 } }));
    expect(d.decision === 'ALLOW' && d.shrunkBy).toEqual([]);
  });
});

describe('prices that round to zero on the tick', () => {
  it('blocks a limit buy whose price is below half a tick as INVALID_PRICE (zero is not a price)', () => {
    const engine = new RiskEngine(buildRiskLimits());
    const d = engine.evaluate(buildRiskInput({ signal: { action: 'BUY', reason: 't', inputs: {}, quoteAmount: 100, limitPrice: 0.004 } }));
    expect(d).toMatchObject({ decision: 'BLOCK', reasons: ['INVALID_PRICE'] });
  });
});
