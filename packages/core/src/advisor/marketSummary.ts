import { ATR } from 'trading-signals';
import type { Candle } from '../domain/market.js';

export type Regime = 'trending_up' | 'trending_down' | 'ranging' | 'unknown';

/** A compact, numeric picture of recent candles: what the model and the rules look at. */
export interface MarketSummary {
  readonly candles: number;
  readonly from: number | null;
  readonly to: number | null;
  readonly firstClose: number | null;
  readonly lastClose: number | null;
  readonly changePct: number | null;
  readonly high: number | null;
  readonly low: number | null;
  readonly avgVolume: number | null;
  readonly atr: number | null;
  /** ATR as a percentage of the last close: the volatility the grid spacing should follow. */
  readonly atrPct: number | null;
  /** Kaufman efficiency ratio (0 = pure noise, 1 = a straight line). */
  readonly efficiency: number | null;
  readonly regime: Regime;
}

export const ATR_PERIOD = 14;
/** Above this efficiency the market moves more than it oscillates: a grid's worst case. */
export const TREND_EFFICIENCY = 0.3;

const round = (value: number, digits = 6) => Number(value.toFixed(digits));

export function summarizeCandles(candles: readonly Candle[]): MarketSummary {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) {
    return {
      candles: 0,
      from: null,
      to: null,
      firstClose: null,
      lastClose: null,
      changePct: null,
      high: null,
      low: null,
      avgVolume: null,
      atr: null,
      atrPct: null,
      efficiency: null,
      regime: 'unknown',
    };
  }
  const atr = new ATR(ATR_PERIOD);
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let path = 0;
  let previous: Candle | null = null;
  for (const c of candles) {
    atr.add({ high: c.high, low: c.low, close: c.close });
    high = Math.max(high, c.high);
    low = Math.min(low, c.low);
    volume += c.volume;
    if (previous) path += Math.abs(c.close - previous.close);
    previous = c;
  }
  const atrValue = atr.isStable ? Number(atr.getResult()) : null;
  const net = last.close - first.close;
  const efficiency = path > 0 ? Math.abs(net) / path : null;
  const regime: Regime =
    efficiency === null || candles.length < ATR_PERIOD
      ? 'unknown'
      : efficiency < TREND_EFFICIENCY
        ? 'ranging'
        : net > 0
          ? 'trending_up'
          : 'trending_down';
  return {
    candles: candles.length,
    from: first.openTime,
    to: last.openTime,
    firstClose: first.close,
    lastClose: last.close,
    changePct: first.close > 0 ? round((net / first.close) * 100, 4) : null,
    high,
    low,
    avgVolume: round(volume / candles.length),
    atr: atrValue === null ? null : round(atrValue),
    atrPct: atrValue === null || last.close <= 0 ? null : round((atrValue / last.close) * 100, 4),
    efficiency: efficiency === null ? null : round(efficiency, 4),
    regime,
  };
}
