import { ATR, EMA, MACD, RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { jesseCandles } from '../testing/candleFixtures.js';

/** The indicators the strategies rely on, checked against Jesse's published values (fixtures/indicators/README.md). */
describe('trading-signals against Jesse reference values', () => {
  it('RSI(14) of test_candles_14 is 57.84 (Wilder, SMA-seeded)', () => {
    const rsi = new RSI(14);
    for (const c of jesseCandles('test_candles_14')) rsi.add(c.close);
    expect(rsi.getResultOrThrow()).toBeCloseTo(57.84, 2);
  });

  it('ATR(14) of test_candles_2 is 2.8 (Wilder smoothing)', () => {
    const atr = new ATR(14);
    for (const c of jesseCandles('test_candles_2')) atr.add(c);
    expect(atr.getResultOrThrow()).toBeCloseTo(2.8459, 3);
  });

  it("MACD(12,26,9) of test_candles_19 converges to Jesse's -15.32 / -4.10 / -11.22", () => {
    const macd = new MACD(new EMA(12), new EMA(26), new EMA(9));
    for (const c of jesseCandles('test_candles_19')) macd.add(c.close);
    const result = macd.getResultOrThrow();
    // trading-signals seeds EMAs with the first price, Jesse with an SMA; after 239 bars they agree to 0.01.
    expect(result.macd).toBeCloseTo(-15.32, 1);
    expect(result.signal).toBeCloseTo(-4.1, 1);
    expect(result.histogram).toBeCloseTo(-11.22, 1);
  });
});
