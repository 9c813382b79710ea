import { describe, expect, it } from 'vitest';
import type { Fill } from '../domain/orders.js';
import { buildFill } from './fill.fixture.js';
import { MetricsTracker } from './metricsTracker.js';
import { applyFill } from './position.js';

const PERIOD = 60_000;
const YEAR_MS = 365 * 86_400_000;

/** Fees here are charged in the quote asset unless a test says otherwise. */
const fill = (overrides: Partial<Fill>): Fill => buildFill({ feeAsset: 'USDT', ...overrides });

/** Feeds fills through applyFill, as the cycle does, and returns the tracker. */
function trackFills(fills: Fill[]): MetricsTracker {
  const tracker = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
  let position = null;
  for (const f of fills) {
    const result = applyFill(position, f);
    position = result.position;
    tracker.onFill(f, result.realizedPnl);
  }
  return tracker;
}

const roundTrips = [
  fill({ quantity: '1', quoteQuantity: '100', fee: '0.001', feeAsset: 'BTC' }),
  fill({ side: 'SELL', price: '120', quantity: '0.5', quoteQuantity: '60', fee: '0.06' }),
  fill({ side: 'SELL', price: '80', quantity: '0.499', quoteQuantity: '39.92', fee: '0.04' }),
];

describe('MetricsTracker', () => {
  it('measures total return from the starting equity and max drawdown from the running peak', () => {
    const t = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    for (const [i, e] of [110, 99, 121, 100].entries()) t.onEquity(i * PERIOD, e, 0);
    const s = t.snapshot(4 * PERIOD, 'c4');
    expect(s.totalReturnPct).toBeCloseTo(0, 10);
    // Peak 121 → 100 is deeper than 110 → 99.
    expect(s.maxDrawdownPct).toBeCloseTo((21 / 121) * 100, 10);
    expect(s).toMatchObject({ time: 4 * PERIOD, cycleId: 'c4' });
  });

  it('annualises Sharpe from one return per primary period, however many marks each period has', () => {
    const once = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    const often = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    for (const [i, e] of [110, 99, 121].entries()) {
      once.onEquity(i * PERIOD, e, 0);
      often.onEquity(i * PERIOD, 50, 0);
      often.onEquity(i * PERIOD + 30_000, e, 0);
    }
    const returns = [0.1, -0.1, 121 / 99 - 1];
    const mean = returns.reduce((a, b) => a + b) / 3;
    const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / 2);
    const expected = (mean / std) * Math.sqrt(YEAR_MS / PERIOD);
    expect(once.snapshot(0, null).sharpe).toBeCloseTo(expected, 6);
    expect(often.snapshot(0, null).sharpe).toBeCloseTo(expected, 6);
  });

  it('has no Sharpe before two returns or when equity never moved', () => {
    const t = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    t.onEquity(0, 101, 0);
    expect(t.snapshot(0, null).sharpe).toBeNull();
    const flat = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    for (let i = 0; i < 5; i++) flat.onEquity(i * PERIOD, 100, 0);
    expect(flat.snapshot(0, null).sharpe).toBeNull();
  });

  it('counts closed trades, win rate and profit factor from realized PnL net of fees', () => {
    // Entry 100 / 0.999 per BTC. Sell 1: 59.94 − 0.5 × 100.1001… = +9.889…; sell 2: 39.88 − 49.95 = −10.07.
    const s = trackFills(roundTrips).snapshot(0, null);
    expect(s.tradeCount).toBe(2);
    expect(s.winRate).toBe(0.5);
    const win = 59.94 - (0.5 * 100) / 0.999;
    const loss = 0.499 * (100 / 0.999) - 39.88;
    expect(s.profitFactor).toBeCloseTo(win / loss, 8);
  });

  it('has no profit factor without a losing trade', () => {
    expect(trackFills(roundTrips.slice(0, 2)).snapshot(0, null).profitFactor).toBeNull();
  });

  it('sums fees in quote, valuing base fees at the fill price', () => {
    // 0.001 BTC at 100 + 0.06 + 0.04 USDT.
    expect(trackFills(roundTrips).snapshot(0, null).feesPaid).toBeCloseTo(0.2, 10);
  });

  it('averages exposure over the equity marks', () => {
    const t = new MetricsTracker({ startingEquity: 100, periodMs: PERIOD });
    for (const [i, x] of [0, 0.5, 1, 0.5].entries()) t.onEquity(i * PERIOD, 100, x);
    expect(t.snapshot(0, null).exposurePct).toBe(50);
  });

  it('rebuilds the same metrics from the persisted equity series and fills', () => {
    const equity = [100, 104, 97, 99, 108].map((e, i) => ({ time: i * PERIOD, equity: e, exposureFraction: i / 10 }));
    const live = trackFills(roundTrips);
    for (const p of equity) live.onEquity(p.time, p.equity, p.exposureFraction);
    const rebuilt = MetricsTracker.fromHistory({ startingEquity: 100, periodMs: PERIOD }, equity, roundTrips);
    expect(rebuilt.snapshot(9, 'x')).toEqual(live.snapshot(9, 'x'));
  });
});
