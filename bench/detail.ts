// `npm run bench -- detail`: in-process detail behind the figures of `npm run bench`: backtest
// throughput of each strategy beside a bare indicator loop, and the latency of each API read.
import { performance } from 'node:perf_hooks';
import { buildApiServer } from '@warden/api/server';
import { LiveUpdates } from '@warden/core/app/liveUpdates';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import { parseConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import type { Candle } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { ManualClock } from '@warden/core/ports/clock';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { RealizedVolatility } from '@warden/core/strategy/indicators/realizedVolatility';
import { REGIME_ATR_PERIOD, REGIME_MACD } from '@warden/core/strategy/smartGrid/regimeTilt';
import { BTC_FILTERS, paperCycleHarness } from '@warden/core/testing/cycleHarness';
import { openStore } from '@warden/storage/openStore';
import { randomWalkCandles } from '@warden/testkit/candles';
import { makeTempDir } from '@warden/testkit/tempDir';
import pino from 'pino';
import { ATR, EMA, MACD, RSI } from 'trading-signals';
import { benchServices } from './benchServices.js';

const MINUTES_PER_YEAR = 525_600;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

/** The same indicator updates smart_grid_ai makes, with nothing else: the floor a backtest can reach. */
function bareSmartGridIndicators(m1: readonly Candle[], h4: readonly Candle[]): number {
  const atr = new ATR(14);
  const vol = new RealizedVolatility(48);
  const macd = new MACD(new EMA(REGIME_MACD.short), new EMA(REGIME_MACD.long), new EMA(REGIME_MACD.signal));
  const atr4h = new ATR(REGIME_ATR_PERIOD);
  let sink = 0;
  let j = 0;
  for (const c of m1) {
    atr.update({ high: c.high, low: c.low, close: c.close }, false);
    vol.add(c.close);
    const close = c.openTime + 60_000;
    while (j < h4.length && (h4[j] as Candle).openTime + 14_400_000 <= close) {
      const b = h4[j++] as Candle;
      macd.update(b.close, false);
      atr4h.update({ high: b.high, low: b.low, close: b.close }, false);
    }
    sink += Number(atr.getResult() ?? 0);
  }
  return sink;
}

function bareEma(m1: readonly Candle[]): number {
  const fast = new EMA(12);
  const slow = new EMA(26);
  let sink = 0;
  for (const c of m1) {
    fast.update(c.close, false);
    slow.update(c.close, false);
    sink += Number(fast.getResult() ?? 0) - Number(slow.getResult() ?? 0);
  }
  return sink;
}

/** Issue 4's target: a year of 1m candles through strategy + risk + paper fills in under a second. */
const TARGET_MS = 1_000;
const TIMED_RUNS = 3;

function bareRsi(m1: readonly Candle[]): number {
  const rsi = new RSI(14);
  let sink = 0;
  for (const c of m1) {
    rsi.add(c.close);
    sink += Number(rsi.getResult() ?? 0);
  }
  return sink;
}

async function backtestThroughput(): Promise<void> {
  process.stdout.write(
    `\n== Backtest throughput: one year of 1m candles (random walk, 525,600 candles; drawdown stop off so the whole year trades; median of ${TIMED_RUNS} runs after a warm-up) ==\n`,
  );
  const m1 = randomWalkCandles({ count: MINUTES_PER_YEAR, stepMs: 60_000, volatility: 0.0015, seed: 42, start: Date.UTC(2023, 0, 1) });
  const h4 = aggregateCandles(m1, '1m', '4h');
  const medians: Array<{ strategy: string; ms: number }> = [];
  for (const strategy of ['smart_grid_ai', 'ema_crossover', 'rsi_mean_reversion', 'grid']) {
    // No drawdown stop: a stopped backtest only marks to market, and the figure should cover a year of trading.
    const config = parseConfig({ TRADING_ACTIVE_STRATEGY: strategy, TRADING_TIMEFRAMES: '1m,4h', RISK_MAX_DRAWDOWN_PCT: '0' });
    const input = {
      candles: { '1m': m1, '4h': h4 },
      settings: strategySettingsFromConfig(config),
      strategy,
      filters: BTC_FILTERS,
      startingEquity: 10_000,
      riskLimits: riskLimitsFromConfig(config),
      paper: paperBrokerOptionsFromConfig(config, BTC_FILTERS),
    };
    await runBacktest({ ...input, candles: { '1m': m1.slice(0, 20_000), '4h': h4.slice(0, 90) } }); // warm the JIT
    const runs: number[] = [];
    let fills = 0;
    for (let run = 0; run < TIMED_RUNS; run++) {
      const t0 = performance.now();
      const result = await runBacktest(input);
      runs.push(performance.now() - t0);
      fills = result.trades;
    }
    runs.sort((a, b) => a - b);
    const ms = runs[Math.floor(runs.length / 2)] as number;
    medians.push({ strategy, ms });
    const tb = performance.now();
    if (strategy === 'smart_grid_ai') bareSmartGridIndicators(m1, h4);
    else if (strategy === 'rsi_mean_reversion') bareRsi(m1);
    else bareEma(m1);
    const bareMs = performance.now() - tb;
    line(
      `${strategy}: full cycle (strategy + risk + paper fills)`,
      `${(ms / 1000).toFixed(2)} s  ${Math.round(m1.length / (ms / 1000)).toLocaleString('en')} candles/s  (${fills.toLocaleString('en')} fills; fastest ${((runs[0] as number) / 1000).toFixed(2)} s)`,
    );
    line(
      `${strategy}: bare indicator loop`,
      `${(bareMs / 1000).toFixed(2)} s  ${Math.round(m1.length / (bareMs / 1000)).toLocaleString('en')} candles/s  → cycle overhead ×${(ms / bareMs).toFixed(1)}`,
    );
  }
  const slow = medians.filter((m) => m.ms >= TARGET_MS).map((m) => m.strategy);
  line(
    `target: a year in under ${TARGET_MS / 1000} s`,
    slow.length === 0
      ? 'met by every strategy on this run'
      : `not met by ${slow.join(', ')} on this run (figures vary with the machine's load)`,
  );
}

async function apiLatency(): Promise<void> {
  process.stdout.write('\n== API latency (fastify on 127.0.0.1, auth off, real SQLite) ==\n');
  const tmp = makeTempDir('warden-bench-api-');
  const config = parseConfig({ DATABASE_PATH: `${tmp.dir}/api.db`, PORT: '0', LOG_LEVEL: 'silent' });
  const store = openStore(config.DATABASE_PATH);
  const m5 = randomWalkCandles({ count: 1_500, stepMs: 300_000, volatility: 0.004, seed: 5, start: Date.UTC(2023, 0, 1) });
  const h = paperCycleHarness(
    store,
    { '5m': m5, '4h': aggregateCandles(m5, '5m', '4h') },
    { TRADING_ACTIVE_STRATEGY: 'ema_crossover', TRADING_TIMEFRAMES: '5m,4h' },
  );
  for (let i = 0; i < m5.length; i++) await h.step(i);
  const clock = new ManualClock(Date.now());
  const liveUpdates = new LiveUpdates();
  const { control, approvals, advisor, strategyInfo } = benchServices(store, clock, h.broker, liveUpdates);
  const app = await buildApiServer({
    config,
    store,
    control,
    approvals,
    advisor,
    liveUpdates,
    clock,
    logger: pino({ level: 'silent' }),
    strategyInfo,
    webRoot: null,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  for (const path of ['/api/health', '/api/system/status', '/api/orders?limit=50', '/api/equity?limit=200', '/api/events?limit=50']) {
    const times: number[] = [];
    for (let i = 0; i < 600; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      times.push(performance.now() - t0);
    }
    const s = times.slice(100).sort((a, b) => a - b);
    line(`GET ${path}  p50 / p99`, `${percentile(s, 50).toFixed(2)} ms / ${percentile(s, 99).toFixed(2)} ms`);
  }
  await app.close();
  store.close();
  tmp.cleanup();
}

/** Runs the in-process detail sections. */
export async function detail(): Promise<void> {
  await backtestThroughput();
  await apiLatency();
}
