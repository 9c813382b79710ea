import { randomWalkCandles } from '@warden/testkit/candles';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import { aggregateCandles } from '../data/aggregateCandles.js';
import type { Candle } from '../domain/market.js';
import { BTC_FILTERS } from '../testing/cycleHarness.js';
import { choose, type ResearchExecutor, type ResearchTask, runResearchPlan } from './researchPlan.js';
import { type ResearchSetData, runResearchPart } from './runPart.js';
import { walkForwardSplit } from './walkForward.js';

const HOUR = 3_600_000;
const config = parseConfig({ TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' });
const settings = strategySettingsFromConfig(config);

function set(h1: Candle[]): ResearchSetData {
  return {
    symbol: 'BTC/USDT',
    primary: '1h',
    candles: { '1h': h1, '4h': aggregateCandles(h1, '1h', '4h') },
    filters: BTC_FILTERS,
    startingEquity: 10_000,
  };
}

const walk = (seed: number) => randomWalkCandles({ count: 900, stepMs: HOUR, volatility: 0.01, seed, start: Date.UTC(2024, 0, 1) });

/** The real runner in this thread, recording what it was asked. */
function executor(sets: ResearchSetData[], seen: Array<{ phase: string; task: ResearchTask }> = []): ResearchExecutor {
  return async (tasks, phase) => {
    seen.push(...tasks.map((task) => ({ phase, task })));
    const out = [];
    for (const t of tasks) out.push(await runResearchPart(sets[t.set] as ResearchSetData, t.run, config, 0.7));
    return out;
  };
}

const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `set${i}`, label: `set${i}` }));
const SEARCH = { mode: 'random' as const, trials: 6, seed: 11, keys: ['spacing_pct', 'grid_levels'] };

describe('runResearchPlan', () => {
  it('chooses parameters from in-sample runs only: changing the out-of-sample candles changes no choice', async () => {
    const original = walk(3);
    const cut = walkForwardSplit(original, 0.7).inSample.candles;
    // The later part replaced by another market entirely (a crash to a third of the price).
    const corrupted = original.map((c, i) =>
      i < cut ? c : { ...c, open: c.open / 3, high: c.high / 3, low: c.low / 3, close: c.close / 3 },
    );
    const seenA: Array<{ phase: string; task: ResearchTask }> = [];
    const a = await runResearchPlan(
      { sets: refs(1), strategies: ['grid'], search: SEARCH, select: 'per-set', settings },
      executor([set(original)], seenA),
    );
    const b = await runResearchPlan(
      { sets: refs(1), strategies: ['grid'], search: SEARCH, select: 'per-set', settings },
      executor([set(corrupted)]),
    );
    expect(b.searches).toEqual(a.searches);
    const inSample = (r: typeof a) => r.sets[0]?.rows.filter((row) => row.part === 'in-sample');
    expect(inSample(b)).toEqual(inSample(a));
    const oos = (r: typeof a) => r.sets[0]?.rows.find((row) => row.kind === 'buy-and-hold' && row.part === 'out-of-sample')?.result;
    expect(oos(b)).not.toEqual(oos(a)); // the corruption did reach the out-of-sample runs
    // every run the search made was in-sample
    const searchTasks = seenA.filter((s) => s.phase === 'search');
    expect(searchTasks).toHaveLength(7); // the defaults and 6 candidates
    expect(searchTasks.every((s) => s.task.run.part === 'in-sample')).toBe(true);
  });

  it('reports the searched variant out-of-sample beside the defaults, whichever is better, with the static grid beside grid variants', async () => {
    const r = await runResearchPlan(
      {
        sets: refs(2),
        strategies: ['smart_grid_ai'],
        search: { mode: 'random', trials: 3, seed: 2, keys: ['spacing_multiplier'] },
        select: 'per-set',
        settings,
      },
      executor([set(walk(1)), set(walk(2))]),
    );
    const rows = r.sets[0]?.rows ?? [];
    expect(rows.map((row) => `${row.variant}/${row.part}`)).toEqual([
      'smart_grid_ai (defaults)/full',
      'smart_grid_ai (defaults)/in-sample',
      'smart_grid_ai (defaults)/out-of-sample',
      'smart_grid_ai (searched)/in-sample',
      'smart_grid_ai (searched)/out-of-sample',
      'buy_and_hold/full',
      'buy_and_hold/in-sample',
      'buy_and_hold/out-of-sample',
    ]);
    for (const row of rows.filter((x) => x.strategy === 'smart_grid_ai')) {
      expect(row.staticGrid?.params).toMatchObject({ grid_levels: 5, capital_pct: 50 });
      if (row.result.ok && row.staticGrid?.result.ok) expect(row.beatsStaticGrid).toBe(row.result.score > row.staticGrid.result.score);
    }
    expect(rows.find((x) => x.kind === 'buy-and-hold')?.staticGrid).toBeNull();
    // the searched in-sample score is the best of the candidates'
    const searchedIs = rows.find((x) => x.kind === 'searched' && x.part === 'in-sample')?.result;
    const defaultsIs = rows.find((x) => x.kind === 'defaults' && x.part === 'in-sample')?.result;
    if (searchedIs?.ok && defaultsIs?.ok) expect(searchedIs.score).toBeGreaterThanOrEqual(defaultsIs.score);
    expect(r.aggregate.find((a) => a.variant === 'smart_grid_ai (defaults)' && a.part === 'full')?.stats.comparedSets).toBe(2);
  });

  it('gives the same result for the same seed', async () => {
    const input = { sets: refs(1), strategies: ['grid'], search: SEARCH, select: 'per-set' as const, settings };
    const a = await runResearchPlan(input, executor([set(walk(4))]));
    const b = await runResearchPlan(input, executor([set(walk(4))]));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('runs the defaults, the static grid and buy-and-hold when there is no search', async () => {
    const r = await runResearchPlan(
      { sets: refs(1), strategies: ['grid', 'ema_crossover'], search: null, select: 'per-set', settings },
      executor([set(walk(5))]),
    );
    expect([...new Set(r.sets[0]?.rows.map((x) => x.variant))]).toEqual(['grid (defaults)', 'ema_crossover (defaults)', 'buy_and_hold']);
    expect(r.searches).toEqual([]);
    expect(r.sets[0]?.rows.every((x) => x.staticGrid === null)).toBe(true);
  });
});

describe('choose', () => {
  const scores = [
    [1, 3, 2],
    [1, 0, 2],
    [1, 5, 2],
  ];
  it('per set: the best in-sample score of each set, ties to the earlier candidate (the defaults)', () => {
    expect(choose(scores, 'per-set').map((c) => c.candidate)).toEqual([1, 2, 1]);
    expect(choose([[2, 2]], 'per-set')).toEqual([{ candidate: 0, inSampleScore: 2 }]);
  });
  it('corpus: one candidate for every set, the best median in-sample score', () => {
    expect(choose(scores, 'corpus')).toEqual([
      { candidate: 1, inSampleScore: 3 },
      { candidate: 1, inSampleScore: 0 },
      { candidate: 1, inSampleScore: 5 },
    ]);
  });
  it('reports no score when every candidate failed', () => {
    expect(choose([[Number.NEGATIVE_INFINITY]], 'per-set')).toEqual([{ candidate: 0, inSampleScore: null }]);
  });
});

describe('runResearchPlan with --tune keys', () => {
  it('lets each strategy search the keys it declares and refuses a key no strategy declares', async () => {
    const input = { sets: refs(1), strategies: ['grid', 'ema_crossover'], select: 'per-set' as const, settings };
    const r = await runResearchPlan(
      { ...input, search: { mode: 'random', trials: 2, seed: 1, keys: ['fast_period'] } },
      executor([set(walk(6))]),
    );
    expect(r.searches.map((s) => s.strategy)).toEqual(['ema_crossover']);
    expect(Object.keys(r.searches[0]?.candidates[1] ?? {})).toEqual(['fast_period']);
    await expect(
      runResearchPlan({ ...input, search: { mode: 'random', trials: 2, seed: 1, keys: ['nope'] } }, executor([])),
    ).rejects.toThrow(/no strategy here tunes nope; tunable: grid_levels, cooldown_seconds, spacing_pct, fast_period, slow_period/);
  });
});
