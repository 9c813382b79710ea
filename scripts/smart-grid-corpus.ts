// Evaluation aid for the smart grid work (not a product script; the research bench is the product).
// Loads sets exactly as the bench does (listCorpus + loadCorpusSet) and compares smart_grid_ai with
// the static grid on the whole set, in-sample (first 70 %), out-of-sample (last 30 %, warm-up from
// the earlier candles) and from extra start offsets (both grids start at the same candle, so a
// comparison there is free of start-time luck).
//   node --import tsx scripts/smart-grid-corpus.ts [--params JSON] [--bootstrap true|false] [--offsets 0.2,0.4] [INPUTS…]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import { parseConfig } from '@warden/core/config/parseConfig';
import type { Timeframe } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { setSettings } from '@warden/core/research/runPart';
import { researchScore } from '@warden/core/research/score';
import { fixturesDir } from '@warden/testkit/fixtures';
import { listCorpus, loadCorpusSet } from '../apps/cli/src/research/corpus.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    params: { type: 'string', default: '{}' },
    smart: { type: 'string', default: 'smart_grid_ai' },
    bootstrap: { type: 'string', default: 'false' },
    mode: { type: 'string', default: 'geometric' },
    offsets: { type: 'string', default: '' },
    quiet: { type: 'boolean', default: false },
    json: { type: 'string', default: '' },
  },
});

const inputs = positionals.length > 0 ? positionals : [join(fixturesDir(), 'candles')];
const env = {
  TRADING_TIMEFRAMES: '5m,4h',
  TRADING_GRID_SPACING_MODE: args.mode,
  TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: args.bootstrap,
};
const config = parseConfig(env);
const smartParams = JSON.parse(args.params ?? '{}') as Record<string, unknown>;

interface Outcome {
  returnPct: number;
  maxDrawdownPct: number;
  trades: number;
  score: number;
  holdPct: number;
}

const records: unknown[] = [];
const wins: Record<string, number> = {};
const counts: Record<string, number> = {};
const smartScores: Record<string, number[]> = {};
const fmt = (x: number) => x.toFixed(2).padStart(7);
for (const set of await listCorpus(inputs)) {
  const data = await loadCorpusSet(set, { env, config, timeframes: ['5m', '4h'] as Timeframe[], inSampleFraction: 0.7 });
  const primary = data.candles[data.primary] ?? [];
  const cut = primary[Math.floor(primary.length * 0.7)]!.openTime;
  const parts: Record<string, { from?: number; to?: number }> = { full: {}, is: { to: cut - 1 }, oos: { from: cut } };
  for (const o of (args.offsets ?? '').split(',').filter(Boolean))
    parts[`at${o}`] = { from: primary[Math.floor(primary.length * Number(o))]!.openTime };
  const settings = setSettings(config, data);
  const run = async (strategy: string, range: { from?: number; to?: number }): Promise<Outcome> => {
    const r = await runBacktest({
      candles: data.candles,
      settings,
      strategy,
      params: strategy === 'grid' ? {} : smartParams,
      filters: data.filters,
      startingEquity: data.startingEquity,
      riskLimits: data.riskLimits!,
      paper: paperBrokerOptionsFromConfig(config, data.filters),
      ...(range.from !== undefined ? { from: range.from } : {}),
      ...(range.to !== undefined ? { to: range.to } : {}),
      curvePoints: 1,
    });
    return {
      returnPct: r.returnPct,
      maxDrawdownPct: r.maxDrawdownPct,
      trades: r.trades,
      score: researchScore(r.returnPct, r.maxDrawdownPct),
      holdPct: r.buyHoldReturnPct,
    };
  };
  const out: Record<string, { smart: Outcome; grid: Outcome }> = {};
  for (const [k, range] of Object.entries(parts)) {
    out[k] = { smart: await run(args.smart!, range), grid: await run('grid', range) };
    const key = k.startsWith('at') ? 'offsets' : k;
    counts[key] = (counts[key] ?? 0) + 1;
    if (out[k]!.smart.score > out[k]!.grid.score) wins[key] = (wins[key] ?? 0) + 1;
    smartScores[key] = [...(smartScores[key] ?? []), out[k]!.smart.score];
  }
  records.push({ id: set.id, symbol: data.symbol, primary: data.primary, candles: primary.length, ...out });
  if (!args.quiet) {
    const s = out.full!.smart;
    const g = out.full!.grid;
    const w = (k: string) => (out[k]!.smart.score > out[k]!.grid.score ? 'W' : '-');
    process.stdout.write(
      `${set.id.slice(-34).padEnd(34)} ${data.primary.padStart(3)} ${String(primary.length).padStart(6)} | ${fmt(s.score)} ${fmt(g.score)} ${w('full')} | ${fmt(s.returnPct)} ${fmt(g.returnPct)} | ${fmt(s.maxDrawdownPct)} ${fmt(g.maxDrawdownPct)} | ${String(s.trades).padStart(5)} ${String(g.trades).padStart(5)} | hold ${fmt(s.holdPct)} | IS ${fmt(out.is!.smart.score)} ${fmt(out.is!.grid.score)} ${w('is')} | OOS ${fmt(out.oos!.smart.score)} ${fmt(out.oos!.grid.score)} ${w('oos')}\n`,
    );
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify(records));
const median = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(
  `${Object.keys(counts)
    .map((k) => `${k} ${wins[k] ?? 0}/${counts[k]}`)
    .join('  ')}   median smart score IS ${median(smartScores.is).toFixed(2)} OOS ${median(smartScores.oos).toFixed(2)}\n`,
);
