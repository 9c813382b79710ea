import { ValidationError, WardenError } from '../errors/errors.js';
import { getStrategyDefinition, parseStrategyParams } from '../strategy/registry.js';
import type { ParamValue, StrategySettings } from '../strategy/types.js';
import { type AggregateStats, aggregate, median } from './aggregate.js';
import { type Candidate, type SearchOptions, searchCandidates } from './paramSearch.js';
import { BUY_AND_HOLD, type ResearchRun, type RunFailure, type RunMetrics, type RunOutcome, type SetMeta } from './runPart.js';
import { beats } from './score.js';
import { isGridVariant, matchedStaticGrid, STATIC_GRID } from './staticGridMatch.js';
import type { ResearchPart } from './walkForward.js';

/** How a search's winner is picked: on each set's own in-sample part, or one winner for the whole corpus. */
export const SELECT_MODES = ['per-set', 'corpus'] as const;
export type SelectMode = (typeof SELECT_MODES)[number];

/** A set as the plan knows it: an id for the executor and a label for people. */
export interface ResearchSetRef {
  readonly id: string;
  readonly label: string;
}

/** One backtest of one set. */
export interface ResearchTask {
  readonly set: number;
  readonly run: ResearchRun;
}

/**
 * Runs tasks (in any order, on any number of threads) and returns one outcome per task, in the
 * tasks' order. `phase` is only for progress display.
 */
export type ResearchExecutor = (tasks: readonly ResearchTask[], phase: 'search' | 'final') => Promise<RunOutcome[]>;

export interface ResearchPlanInput {
  readonly sets: readonly ResearchSetRef[];
  /** Registered strategy names (buy-and-hold is always added). */
  readonly strategies: readonly string[];
  /** null: no search, the shipped defaults only. */
  readonly search: SearchOptions | null;
  readonly select: SelectMode;
  /** The environment's strategy settings: candidates are checked and resolved against them. */
  readonly settings: StrategySettings;
}

/** Which parameters a row ran with. */
export type VariantKind = 'defaults' | 'searched' | 'buy-and-hold';

/** One line of the table: a variant on one part of one set. */
export interface ResearchRow {
  readonly variant: string;
  readonly strategy: string;
  readonly kind: VariantKind;
  readonly part: ResearchPart;
  readonly result: RunMetrics | RunFailure;
  /** The matched static grid on the same part (grid variants only). */
  readonly staticGrid: { readonly params: Candidate; readonly result: RunMetrics | RunFailure } | null;
  /** Strictly greater score than the matched static grid; null when not compared or a run failed. */
  readonly beatsStaticGrid: boolean | null;
}

export interface ResearchSetReport {
  readonly id: string;
  readonly label: string;
  readonly meta: SetMeta;
  readonly rows: readonly ResearchRow[];
}

export interface ResearchAggregateRow {
  readonly variant: string;
  readonly strategy: string;
  readonly kind: VariantKind;
  readonly part: ResearchPart;
  readonly stats: AggregateStats;
}

/** What a search tried for one strategy, and what it picked. */
export interface SearchReport {
  readonly strategy: string;
  readonly candidates: readonly Candidate[];
  /** Per set (in set order): the candidate index picked and its in-sample score (null: every candidate failed). */
  readonly chosen: ReadonlyArray<{ readonly candidate: number; readonly inSampleScore: number | null }>;
}

export interface ResearchResult {
  readonly sets: readonly ResearchSetReport[];
  readonly aggregate: readonly ResearchAggregateRow[];
  readonly searches: readonly SearchReport[];
}

const PARTS_FIXED: readonly ResearchPart[] = ['full', 'in-sample', 'out-of-sample'];
/** A searched variant has no honest full-period figure: the full period contains its out-of-sample part. */
const PARTS_SEARCHED: readonly ResearchPart[] = ['in-sample', 'out-of-sample'];

/**
 * The bench's walk-forward. With a search: every candidate runs on every set's in-sample part
 * only; the winner (per set, or one for the corpus) then runs on the out-of-sample part, beside
 * the shipped defaults, the matched static grid and buy-and-hold. The choice is made before any
 * out-of-sample run exists, from in-sample scores alone. Throws a ValidationError for an unknown
 * strategy or tunable key.
 */
export async function runResearchPlan(input: ResearchPlanInput, execute: ResearchExecutor): Promise<ResearchResult> {
  const { sets, settings } = input;
  for (const s of input.strategies) getStrategyDefinition(s);

  const searches: Array<{ strategy: string; candidates: Candidate[]; chosen: Array<{ candidate: number; inSampleScore: number | null }> }> =
    [];
  if (input.search) {
    const search = input.search;
    const wanted = search.keys ?? [];
    const declared = new Set(input.strategies.flatMap((s) => getStrategyDefinition(s).tunable.map((t) => t.key)));
    const unknown = wanted.filter((k) => !declared.has(k));
    if (unknown.length > 0)
      throw new ValidationError(`no strategy here tunes ${unknown.join(', ')}; tunable: ${[...declared].join(', ')}`, 'tune', { unknown });
    // --tune names keys across strategies: each strategy searches the ones it declares, and one declaring none keeps its defaults.
    const pending = input.strategies.flatMap((strategy) => {
      const tunable = getStrategyDefinition(strategy).tunable;
      const keys = wanted.filter((k) => tunable.some((t) => t.key === k));
      if (tunable.length === 0 || (wanted.length > 0 && keys.length === 0)) return [];
      return [{ strategy, candidates: searchCandidates(tunable, { ...search, keys }, (c) => acceptable(strategy, c, settings)) }];
    });
    const tasks: ResearchTask[] = [];
    for (const p of pending)
      for (let set = 0; set < sets.length; set++)
        for (const params of p.candidates) tasks.push({ set, run: { strategy: p.strategy, params, part: 'in-sample', curve: false } });
    const outcomes = await execute(tasks, 'search');
    let next = 0;
    for (const p of pending) {
      const scores: number[][] = sets.map(() => p.candidates.map(() => scoreOf(outcomes[next++] as RunOutcome)));
      searches.push({ ...p, chosen: choose(scores, input.select) });
    }
  }

  const variants = buildVariants(input, searches);
  const finalTasks = new TaskList();
  const rowsPlan = sets.map((_, set) =>
    variants.flatMap((v) =>
      v.parts.map((part) => {
        const params = v.paramsFor(set);
        const own = finalTasks.add({ set, run: { strategy: v.strategy, params, part, curve: true } });
        const grid = v.compare ? matchedGridFor(v.strategy, params, settings) : null;
        const gridTask = grid ? finalTasks.add({ set, run: { strategy: STATIC_GRID, params: grid, part, curve: true } }) : null;
        return { v, part, own, grid, gridTask };
      }),
    ),
  );
  const outcomes = await execute(finalTasks.tasks, 'final');

  const reports: ResearchSetReport[] = sets.map((ref, set) => {
    const plans = rowsPlan[set] ?? [];
    const meta = (outcomes[plans[0]?.own ?? 0] as RunOutcome).set;
    const rows = plans.map(({ v, part, own, grid, gridTask }): ResearchRow => {
      const result = (outcomes[own] as RunOutcome).result;
      const gridResult = gridTask === null ? null : (outcomes[gridTask] as RunOutcome).result;
      return {
        variant: v.label,
        strategy: v.strategy,
        kind: v.kind,
        part,
        result,
        staticGrid: grid && gridResult ? { params: grid, result: gridResult } : null,
        beatsStaticGrid: result.ok && gridResult?.ok ? beats(result.score, gridResult.score) : null,
      };
    });
    return { id: ref.id, label: ref.label, meta, rows };
  });

  const aggregateRows: ResearchAggregateRow[] = variants.flatMap((v) =>
    v.parts.map((part) => {
      const rows = reports.map((r) => r.rows.find((row) => row.variant === v.label && row.part === part) as ResearchRow);
      return {
        variant: v.label,
        strategy: v.strategy,
        kind: v.kind,
        part,
        stats: aggregate(
          rows.map((row) => ({
            result: row.result.ok ? row.result : null,
            staticGridScore: row.staticGrid?.result.ok ? row.staticGrid.result.score : null,
            beatsStaticGrid: row.beatsStaticGrid,
          })),
        ),
      };
    }),
  );
  return { sets: reports, aggregate: aggregateRows, searches };
}

interface Variant {
  readonly label: string;
  readonly strategy: string;
  readonly kind: VariantKind;
  readonly parts: readonly ResearchPart[];
  readonly compare: boolean;
  paramsFor(set: number): Candidate;
}

function buildVariants(
  input: ResearchPlanInput,
  searches: ReadonlyArray<{ strategy: string; candidates: Candidate[]; chosen: ReadonlyArray<{ candidate: number }> }>,
): Variant[] {
  const out: Variant[] = [];
  for (const strategy of input.strategies) {
    const grid = isGridVariant(getStrategyDefinition(strategy));
    out.push({
      label: `${strategy} (defaults)`,
      strategy,
      kind: 'defaults',
      parts: PARTS_FIXED,
      // The static grid's defaults are the baseline itself.
      compare: grid && strategy !== STATIC_GRID,
      paramsFor: () => ({}),
    });
    const search = searches.find((s) => s.strategy === strategy);
    if (search)
      out.push({
        label: `${strategy} (searched)`,
        strategy,
        kind: 'searched',
        parts: PARTS_SEARCHED,
        compare: grid,
        paramsFor: (set) => search.candidates[search.chosen[set]?.candidate ?? 0] as Candidate,
      });
  }
  out.push({
    label: BUY_AND_HOLD,
    strategy: BUY_AND_HOLD,
    kind: 'buy-and-hold',
    parts: PARTS_FIXED,
    compare: false,
    paramsFor: () => ({}),
  });
  return out;
}

/** The candidate a strategy would accept: schema bounds, cross-field rules and its own construction checks (fee floor). */
function acceptable(strategy: string, candidate: Candidate, settings: StrategySettings): boolean {
  try {
    getStrategyDefinition(strategy).create(parseStrategyParams(strategy, candidate, settings), settings);
    return true;
  } catch (error) {
    if (error instanceof WardenError) return false;
    throw error;
  }
}

function matchedGridFor(strategy: string, candidate: Candidate, settings: StrategySettings): Candidate | null {
  try {
    return matchedStaticGrid(parseStrategyParams(strategy, candidate, settings) as Readonly<Record<string, ParamValue>>);
  } catch (error) {
    if (error instanceof WardenError) return null;
    throw error;
  }
}

function scoreOf(outcome: RunOutcome): number {
  return outcome.result.ok ? outcome.result.score : Number.NEGATIVE_INFINITY;
}

/**
 * Winners from in-sample scores (rows: sets, columns: candidates). Ties go to the earlier
 * candidate, so the defaults (candidate 0) win a tie.
 */
export function choose(
  scores: readonly (readonly number[])[],
  mode: SelectMode,
): Array<{ candidate: number; inSampleScore: number | null }> {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  if (mode === 'per-set')
    return scores.map((row) => {
      const best = argmax(row);
      return { candidate: best, inSampleScore: finite(row[best] ?? Number.NEGATIVE_INFINITY) };
    });
  const candidates = scores[0]?.length ?? 0;
  const medians = Array.from({ length: candidates }, (_, c) => median(scores.map((row) => row[c] ?? Number.NEGATIVE_INFINITY)));
  const best = argmax(medians);
  return scores.map((row) => ({ candidate: best, inSampleScore: finite(row[best] ?? Number.NEGATIVE_INFINITY) }));
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Tasks without duplicates: the same run of the same set is done once and shared by every row that needs it. */
class TaskList {
  readonly tasks: ResearchTask[] = [];
  readonly #index = new Map<string, number>();

  add(task: ResearchTask): number {
    const key = JSON.stringify([task.set, task.run.strategy, sortedEntries(task.run.params), task.run.part, task.run.curve]);
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.tasks.length;
      this.tasks.push(task);
      this.#index.set(key, i);
    }
    return i;
  }
}

function sortedEntries(params: Candidate): Array<[string, ParamValue]> {
  return Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
