import type { RunMetrics } from './runPart.js';

/** One variant and part summed up over the sets where it ran. Means are plain averages over sets. */
export interface AggregateStats {
  /** Sets with a result (failed runs are left out and counted in `failed`). */
  readonly sets: number;
  readonly failed: number;
  readonly meanReturnPct: number;
  readonly meanMaxDrawdownPct: number;
  /** The median, not the mean: one set with a near-zero drawdown would swamp a mean of ratios. */
  readonly medianScore: number;
  readonly meanTrades: number;
  readonly meanFeesPct: number;
  readonly meanExposurePct: number;
  readonly meanBuyHoldReturnPct: number;
  /** Median score of the matched static grid (null when the variant is not compared with one). */
  readonly medianStaticGridScore: number | null;
  /** Sets where the variant's score is strictly greater than its static grid's, out of `comparedSets`. */
  readonly beatsStaticGrid: number | null;
  readonly comparedSets: number;
}

/** One set's row for the aggregate: the variant's result and, when compared, its static grid's score. */
export interface AggregateInput {
  readonly result: RunMetrics | null;
  readonly staticGridScore: number | null;
  readonly beatsStaticGrid: boolean | null;
}

export function aggregate(rows: readonly AggregateInput[]): AggregateStats {
  const ok = rows.filter((r): r is AggregateInput & { result: RunMetrics } => r.result !== null);
  const mean = (f: (m: RunMetrics) => number) => (ok.length === 0 ? 0 : ok.reduce((s, r) => s + f(r.result), 0) / ok.length);
  const compared = rows.filter((r) => r.beatsStaticGrid !== null);
  const gridScores = rows.map((r) => r.staticGridScore).filter((s): s is number => s !== null);
  return {
    sets: ok.length,
    failed: rows.length - ok.length,
    meanReturnPct: mean((m) => m.returnPct),
    meanMaxDrawdownPct: mean((m) => m.maxDrawdownPct),
    medianScore: median(ok.map((r) => r.result.score)),
    meanTrades: mean((m) => m.trades),
    meanFeesPct: mean((m) => m.feesPct),
    meanExposurePct: mean((m) => m.exposurePct),
    meanBuyHoldReturnPct: mean((m) => m.buyHoldReturnPct),
    medianStaticGridScore: gridScores.length > 0 ? median(gridScores) : null,
    beatsStaticGrid: compared.length > 0 ? compared.filter((r) => r.beatsStaticGrid).length : null,
    comparedSets: compared.length,
  };
}

/** Median of a list (the mean of the middle two for an even count); 0 for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
