import { type Candle, type SymbolFilters, TIMEFRAME_MS, type Timeframe } from '../../domain/market.js';
import { buildSymbolFilters } from '../../execution/symbolFilters.fixture.js';
import type { StrategyContext, StrategySettings } from '../types.js';

/** Binance BTCUSDT spot filters (tick 0.01, step 0.00001, min notional 5), without a max notional. */
export const BTC_FILTERS: SymbolFilters = buildSymbolFilters({ maxNotional: null });

export function buildSettings(overrides: Partial<StrategySettings> = {}): StrategySettings {
  return {
    symbol: 'BTC/USDT',
    timeframes: ['1h', '4h'],
    primaryTimeframe: '1h',
    gridSpacingMode: 'geometric',
    gridCooldownSeconds: 0,
    gridAutoInventoryBootstrap: false,
    makerFee: 0.001,
    takerFee: 0.001,
    ...overrides,
  };
}

/** A context at the close of the last primary candle, priced at its close unless overridden. */
export function buildContext(
  candles: Partial<Record<Timeframe, readonly Candle[]>>,
  primary: Timeframe,
  overrides: Partial<StrategyContext> = {},
): StrategyContext {
  const series = candles[primary] ?? [];
  const last = series[series.length - 1];
  const price = last?.close ?? 100;
  const now = last ? last.openTime + TIMEFRAME_MS[primary] : 0;
  return {
    now,
    symbol: 'BTC/USDT',
    candles,
    price,
    filters: BTC_FILTERS,
    baseBalance: 0,
    quoteBalance: 10_000,
    equity: 10_000,
    position: { quantity: 0, avgEntryPrice: 0 },
    explainHolds: true,
    ...overrides,
  };
}

/** Synthetic candles around a close path with a fixed relative range (high/low = close × (1 ± range)). */
export function candlesFromCloses(closes: readonly number[], range: number, start = 0, stepMs = 3_600_000): Candle[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return {
      openTime: start + i * stepMs,
      open,
      high: Math.max(open, close) * (1 + range),
      low: Math.min(open, close) * (1 - range),
      close,
      volume: 1,
    };
  });
}
