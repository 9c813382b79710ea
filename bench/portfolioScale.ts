// `npm run bench -- portfolio`: what several pairs cost in one process — 1, 10 and 100 pairs, in a
// backtest (in memory) and in the paper wiring with SQLite (every pair's cycle one transaction).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { ReplayFeed } from '@warden/core/backtest/replayFeed';
import { runPortfolioBacktest } from '@warden/core/backtest/runPortfolioBacktest';
import { parseConfig } from '@warden/core/config/parseConfig';
import { assemblePortfolio } from '@warden/core/cycle/portfolioAssembly';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { Candle } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { PaperPortfolio } from '@warden/core/execution/paperPortfolio';
import { buildSymbolFilters } from '@warden/core/execution/symbolFilters.fixture';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { silentNotifier } from '@warden/core/ports/notifier';
import { EquityWatermarks } from '@warden/core/risk/equityWatermarks';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { randomWalkCandles } from '@warden/core/strategy/testing/randomWalk';
import { openStore } from '@warden/storage/openStore';
import { makeTempDir } from '@warden/testkit/tempDir';
import { line, section } from './support/table.js';

const H = 3_600_000;
const env = {
  TRADING_TIMEFRAMES: '1h',
  TRADING_ACTIVE_STRATEGY: 'grid',
  TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true',
  RISK_MAX_DRAWDOWN_PCT: '0',
};
const config = parseConfig(env);

function pairs(n: number, candles: number) {
  return Array.from({ length: n }, (_, i) => {
    const symbol = `P${String(i).padStart(3, '0')}/USDT`;
    const series: Candle[] = randomWalkCandles({
      count: candles,
      sigma: 0.01,
      seed: i + 1,
      price: 20 + i,
      stepMs: H,
      start: Date.UTC(2024, 0, 1),
    });
    return {
      candles: { '1h': series },
      settings: { ...strategySettingsFromConfig(config), symbol, primaryTimeframe: '1h' as const },
      strategy: 'grid',
      filters: buildSymbolFilters({ symbol, base: `P${i}`, maxNotional: null, stepSize: '0.001', minQty: '0.001', minNotional: '1' }),
    };
  });
}

const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

async function backtest(n: number, candles: number): Promise<void> {
  const input = pairs(n, candles);
  globalThis.gc?.();
  const before = heapMb();
  const t0 = performance.now();
  const result = await runPortfolioBacktest({
    pairs: input,
    startingEquity: 100_000,
    riskLimits: riskLimitsFromConfig(config),
    paper: { slippageBps: 5, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 },
  });
  const seconds = (performance.now() - t0) / 1000;
  const pairCandles = n * candles;
  line(
    `backtest, ${n} pair${n === 1 ? '' : 's'} × ${candles} 1h candles`,
    `${seconds.toFixed(2)} s  ${((seconds / pairCandles) * 1e6).toFixed(1)} µs per pair-candle  (${result.trades} fills; heap +${(heapMb() - before).toFixed(0)} MB)`,
  );
}

function paper(n: number, ticks: number): void {
  const tmp = makeTempDir('warden-bench-portfolio-');
  try {
    const store = openStore(join(tmp.dir, 'w.db'));
    const input = pairs(n, ticks + 50);
    const account = PaperPortfolio.start(
      input.map((p) => paperBrokerOptionsFromConfig(config, p.filters)),
      100_000,
    );
    const feeds = new Map(input.map((p) => [p.settings.symbol, new ReplayFeed(p.candles, '1h')]));
    for (const p of input) pairStore(store, p.settings.symbol).config.set(CONFIG_KEYS.activeStrategy, 'grid', 'bench', 0);
    const assembly = assemblePortfolio({
      store,
      pairs: input.map((p) => ({
        settings: p.settings,
        filters: p.filters,
        feed: feeds.get(p.settings.symbol) as ReplayFeed,
        broker: account.broker(p.settings.symbol),
        holdings: account.broker(p.settings.symbol),
      })),
      quoteHeld: () => account.ledger.total,
      riskLimits: riskLimitsFromConfig(config),
      watermarks: new EquityWatermarks(),
      startingEquity: 100_000,
      state: () => 'RUNNING',
      emergencyStop: () => {},
      notifier: silentNotifier,
      brokerCheckpoint: () => account.state(),
      snapshotEveryCycle: true,
    });
    const cycles = [...assembly.cycles.values()];
    const perTick: number[] = [];
    for (let i = 0; i < ticks + 50; i++) {
      const t0 = performance.now();
      let now = 0;
      for (const feed of feeds.values()) now = feed.advance(i);
      for (const cycle of cycles) cycle.step(now);
      if (i >= 50) perTick.push(performance.now() - t0);
    }
    store.close();
    perTick.sort((a, b) => a - b);
    const q = (p: number) => perTick[Math.min(perTick.length - 1, Math.floor(p * perTick.length))] as number;
    line(
      `paper with SQLite, ${n} pair${n === 1 ? '' : 's'}`,
      `a tick of every pair: p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms  (${(q(0.5) / n).toFixed(3)} ms per pair at p50)`,
    );
  } finally {
    tmp.cleanup();
  }
}

/**
 * Cost of several pairs in one process: a backtest of 1, 10 and 100 pairs (time per pair-candle,
 * heap), and the paper wiring with SQLite (a tick runs every pair's cycle, each its own
 * transaction with snapshots): time per tick at p50/p99.
 */
export async function portfolioScale(): Promise<void> {
  section('Several pairs in one process: 1, 10 and 100 pairs (grid, 1h random walks, bootstrap on)');
  for (const n of [1, 10, 100]) await backtest(n, n === 100 ? 2_000 : 8_000);
  for (const n of [1, 10, 100]) paper(n, n === 100 ? 100 : 400);
}
