import { ATR, EMA, MACD } from 'trading-signals';
import type { Candle } from '../../domain/market.js';

/** MACD(12, 26, 9) and ATR(14) on the 4h timeframe. */
export const REGIME_TIMEFRAME = '4h';
export const REGIME_MACD = { short: 12, long: 26, signal: 9 } as const;
export const REGIME_ATR_PERIOD = 14;
/** 4h candles before the regime measure is defined (MACD's long EMA plus its signal EMA). */
export const REGIME_WARMUP = REGIME_MACD.long + REGIME_MACD.signal;

export interface RegimeIndicators {
  readonly macd: MACD;
  readonly atr: ATR;
}

export function createRegimeIndicators(): RegimeIndicators {
  return {
    macd: new MACD(new EMA(REGIME_MACD.short), new EMA(REGIME_MACD.long), new EMA(REGIME_MACD.signal)),
    atr: new ATR(REGIME_ATR_PERIOD),
  };
}

export function feedRegime(indicators: RegimeIndicators, candle: Candle): void {
  indicators.macd.add(candle.close);
  indicators.atr.add(candle);
}

/** The 4h regime and what it was computed from (nulls while the indicators warm up). */
export interface RegimeReading {
  /** tanh(MACD line / ATR), in (−1, 1); 0 while not ready. */
  readonly regime: number;
  /** EMA(12) − EMA(26) of 4h closes, in quote. */
  readonly macdLine: number | null;
  readonly histogram: number | null;
  readonly atr4h: number | null;
}

export const NEUTRAL_REGIME: RegimeReading = Object.freeze({ regime: 0, macdLine: null, histogram: null, atr4h: null });

/**
 * The regime: tanh(MACD line / ATR) on 4h candles, in (−1, 1). The MACD line (fast EMA − slow EMA)
 * is the trend itself: in a steady move it is about 7 candles' worth of the slope (the lag between
 * a 12- and a 26-candle EMA), so dividing by ATR gives the trend in units of a typical 4h range,
 * comparable across prices and volatility; tanh bounds it. Positive = rising market, negative =
 * falling, 0 = no view yet. The histogram (line − signal) is reported but not used: it measures
 * whether the trend is accelerating, reads ~0 in a steady trend, and on the recorded 4h series it
 * carried no information about the next day's return (correlation 0.00, against 0.06 for the line).
 */
export function regimeOf(indicators: RegimeIndicators): RegimeReading {
  // isStable first: trading-signals' getResult() throws and catches internally during warm-up, which is slow.
  const macd = indicators.macd.isStable ? indicators.macd.getResultOrThrow() : null;
  const atr = indicators.atr.isStable ? indicators.atr.getResultOrThrow() : null;
  if (!macd || atr === null || !(atr > 0))
    return { regime: 0, macdLine: macd?.macd ?? null, histogram: macd?.histogram ?? null, atr4h: atr };
  return { regime: Math.tanh(macd.macd / atr), macdLine: macd.macd, histogram: macd.histogram, atr4h: atr };
}

export interface Tilt {
  readonly tilt: number;
  readonly buyStep: number;
  readonly sellStep: number;
  readonly centreShift: number;
}

/**
 * tilt = tilt_strength × regime. The centre moves with the trend by tilt × step, and the side that
 * trades against the trend is widened by |tilt| × step: in a falling market buy levels sit farther
 * apart (buy less eagerly), in a rising one sell levels do (sell less eagerly). Only widening, never
 * narrowing, so no step ever drops below the fee floor.
 */
export function applyTilt(step: number, regime: number, tiltStrength: number): Tilt {
  const tilt = tiltStrength * regime;
  return {
    tilt,
    buyStep: step * (1 + Math.max(0, -tilt)),
    sellStep: step * (1 + Math.max(0, tilt)),
    centreShift: tilt * step,
  };
}
