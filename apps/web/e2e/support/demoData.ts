import type { Candle, Timeframe } from '@warden/core/domain/market';
import type { Side } from '@warden/core/domain/orders';
import type { NewApproval, Store } from '@warden/core/ports/store';

const TF_MS: Partial<Record<Timeframe, number>> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000 };

/** A deterministic random walk, so screenshots look the same run after run. */
function walk(count: number, start: number, tfMs: number, end: number, seed: number): Candle[] {
  let s = seed;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const candles: Candle[] = [];
  let price = start;
  const first = Math.floor(end / tfMs) * tfMs - count * tfMs;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open * (1 + (rand() - 0.5) * 0.01);
    const high = Math.max(open, close) * (1 + rand() * 0.003);
    const low = Math.min(open, close) * (1 - rand() * 0.003);
    candles.push({ openTime: first + i * tfMs, open, high, low, close, volume: 1 + rand() * 10 });
    price = close;
  }
  return candles;
}

export interface DemoData {
  readonly fills: number;
  readonly lastClose: number;
}

/**
 * Fills a store with one pair's candles, a few round trips, snapshots and approvals, for screenshots
 * and for browser tests that must not wait for the market to produce trades. Call it once per pair
 * for a portfolio (`startPrice` sets the pair's price level, `seed` varies its walk).
 */
export function seedDemoData(
  store: Store,
  opts: { symbol: string; timeframes: readonly Timeframe[]; now: number; strategy: string; startPrice?: number; seed?: number },
): DemoData {
  const { symbol, now } = opts;
  const start = opts.startPrice ?? 60_000;
  const base = symbol.split('/')[0] ?? 'BTC';
  // About 600 quote per trade whatever the price level.
  const quantity = Number((600 / start).toPrecision(2));
  let primary: Candle[] = [];
  opts.timeframes.forEach((tf, i) => {
    const candles = walk(200, start, TF_MS[tf] ?? 300_000, now, (opts.seed ?? 42) + i);
    store.candles.upsertMany(symbol, tf, candles);
    if (i === 0) primary = candles;
  });
  const trades: Array<{ at: number; side: Side }> = [
    { at: 40, side: 'BUY' },
    { at: 70, side: 'SELL' },
    { at: 110, side: 'BUY' },
    { at: 150, side: 'SELL' },
    { at: 185, side: 'BUY' },
  ];
  store.transaction(() => {
    trades.forEach((t, n) => {
      const c = primary[t.at];
      if (!c) return;
      const price = c.close.toFixed(2);
      const clientOrderId = `demo-${base}-${n + 1}`;
      const time = c.openTime + 1000;
      store.orders.insert({
        clientOrderId,
        exchangeOrderId: String(1000 + n),
        symbol,
        side: t.side,
        type: 'MARKET',
        status: 'FILLED',
        quantity: String(quantity),
        price: null,
        filledQuantity: String(quantity),
        avgFillPrice: price,
        mode: 'paper',
        cycleId: `c${n}`,
        reason: `grid level crossed (${t.side.toLowerCase()})`,
        tag: null,
        createdAt: time,
        updatedAt: time,
      });
      store.fills.insert({
        tradeId: `t-${base}-${n + 1}`,
        clientOrderId,
        symbol,
        side: t.side,
        price,
        quantity: String(quantity),
        quoteQuantity: (Number(price) * quantity).toFixed(2),
        fee: String(quantity / 1000),
        feeAsset: base,
        liquidity: 'taker',
        time,
      });
    });
    store.positions.upsert({
      symbol,
      quantity: String(quantity),
      avgEntryPrice: primary[185]?.close.toFixed(2) ?? '0',
      realizedPnl: '4.12',
      updatedAt: now,
    });
    primary.forEach((c, i) => {
      if (i % 4) return;
      const equity = 10_000 + (c.close - start) * quantity + i * 0.03;
      store.equity.insert({
        time: c.openTime,
        cycleId: `c${i}`,
        symbol,
        equity: equity.toFixed(2),
        quoteBalance: '9400',
        baseBalance: String(quantity),
        price: c.close.toFixed(2),
        unrealizedPnl: '1.50',
        realizedPnl: '4.12',
      });
    });
    store.metrics.insert({
      time: now,
      cycleId: 'c-last',
      symbol,
      totalReturnPct: 0.056,
      maxDrawdownPct: 1.8,
      winRate: 0.5,
      profitFactor: 1.4,
      sharpe: 0.9,
      feesPaid: 3.1,
      tradeCount: trades.length,
      exposurePct: 6,
    });
  });
  return { fills: trades.length, lastClose: primary[primary.length - 1]?.close ?? 0 };
}

/** A pending advisor proposal that expires in an hour, with a what-if comparison and a walk-forward score that does not favour it. */
export function demoApproval(now: number, strategy: string, before: Record<string, number>, after: Record<string, number>): NewApproval {
  return {
    createdAt: now,
    expiresAt: now + 3_600_000,
    change: { kind: 'params', strategy, before, after },
    reason: 'win rate fell below 40% over the last 50 cycles; wider spacing should cut fee drag',
    source: 'rules',
    whatIf: {
      candles: 500,
      current: { returnPct: 1.2, maxDrawdownPct: 3.4, trades: 18 },
      proposed: { returnPct: 1.9, maxDrawdownPct: 2.8, trades: 12 },
    },
    walkForward: {
      candles: 500,
      inSampleCandles: 350,
      outOfSampleCandles: 150,
      current: {
        inSample: { returnPct: 0.9, maxDrawdownPct: 3.1, score: 0.29, trades: 13 },
        outOfSample: { returnPct: 0.3, maxDrawdownPct: 1.2, score: 0.25, trades: 5 },
      },
      proposed: {
        inSample: { returnPct: 1.5, maxDrawdownPct: 2.5, score: 0.6, trades: 9 },
        outOfSample: { returnPct: -0.2, maxDrawdownPct: 1.0, score: -0.2, trades: 3 },
      },
      proposedBeatsCurrent: false,
    },
  };
}

/** The demo portfolio: three pairs at their own price levels and random walks (the first is the single-pair demo's). */
export const DEMO_PAIRS: ReadonlyArray<{ readonly symbol: string; readonly startPrice: number; readonly seed: number }> = [
  { symbol: 'BTC/USDT', startPrice: 60_000, seed: 42 },
  { symbol: 'ETH/USDT', startPrice: 3_000, seed: 7 },
  { symbol: 'SOL/USDT', startPrice: 100, seed: 1234 },
];
