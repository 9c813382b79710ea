import type { Candle } from '../domain/market.js';
import type { MetricsSnapshot } from '../domain/orders.js';
import { type AdvisorContext, type AdvisorInput, buildAdvisorContext } from './context.js';
import { registryCatalog } from './registryCatalog.js';

/** Test builders for the advisor (used by core's and the adapters' tests). */

export function buildCandles(
  count: number,
  opts: { start?: number; startPrice?: number; drift?: number; swing?: number; stepMs?: number } = {},
): Candle[] {
  const { start = Date.UTC(2024, 0, 1), startPrice = 40_000, drift = 0, swing = 0.004, stepMs = 300_000 } = opts;
  return Array.from({ length: count }, (_, i) => {
    const mid = startPrice * (1 + drift * i) * (1 + swing * Math.sin(i / 2));
    return {
      openTime: start + i * stepMs,
      open: mid,
      high: mid * 1.002,
      low: mid * 0.998,
      close: mid * (1 + swing / 4),
      volume: 10 + (i % 5),
    };
  });
}

export function buildMetrics(overrides: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    time: Date.UTC(2024, 0, 2),
    cycleId: null,
    totalReturnPct: 1.2,
    maxDrawdownPct: 2,
    winRate: 0.5,
    profitFactor: 1.1,
    sharpe: null,
    feesPaid: 3,
    tradeCount: 20,
    exposurePct: 30,
    ...overrides,
  };
}

export function buildAdvisorInput(overrides: Partial<AdvisorInput> = {}): AdvisorInput {
  const definition = registryCatalog.definition(overrides.activeStrategy ?? 'smart_grid_ai');
  return {
    now: Date.UTC(2024, 0, 2),
    symbol: 'BTC/USDT',
    timeframe: '5m',
    candles: buildCandles(60),
    metrics: buildMetrics(),
    equitySeries: [
      { time: 1, equity: 10_000 },
      { time: 2, equity: 10_100 },
      { time: 3, equity: 10_050 },
    ],
    startingEquity: 10_000,
    activeStrategy: 'smart_grid_ai',
    params: { ...(definition?.defaults ?? {}) },
    recentApprovals: [],
    ...overrides,
  };
}

export function buildContext(overrides: Partial<AdvisorInput> = {}): AdvisorContext {
  return buildAdvisorContext(buildAdvisorInput(overrides), registryCatalog);
}
