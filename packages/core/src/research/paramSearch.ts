import { ValidationError } from '../errors/errors.js';
import type { ParamValue, TunableParam } from '../strategy/types.js';
import { mulberry32 } from './seededRandom.js';

export const SEARCH_MODES = ['random', 'grid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchOptions {
  readonly mode: SearchMode;
  /** Most candidates to draw besides the defaults. */
  readonly trials: number;
  readonly seed: number;
  /** Tunable keys to vary; the others keep their defaults. Empty or absent: every tunable key. */
  readonly keys?: readonly string[];
}

/** Parameters to merge over a strategy's defaults; `{}` is the shipped defaults. */
export type Candidate = Readonly<Record<string, ParamValue>>;

/**
 * Candidates for a parameter search over a strategy's declared bounds (its `tunable` list, which
 * mirrors the zod schema). The first candidate is always `{}`, the shipped defaults, so a search
 * can only pick something else by doing better in-sample.
 *
 * - `random`: each key drawn uniformly in [min, max] (integers uniformly among the integers), from
 *   a generator seeded with `seed`: the same seed gives the same candidates.
 * - `grid`: k evenly spaced values per key, k = max(2, ⌊trials^(1/keys)⌋); when the product has
 *   more than `trials` points, `trials` of them are drawn (seeded) and kept in grid order.
 *
 * `isValid` rejects combinations the strategy refuses (cross-field rules such as
 * spacing_min_pct ≤ spacing_max_pct, or the grid fee floor); random mode draws again, up to 20×
 * `trials` draws in all. Non-integer values are rounded to 3 significant digits so they read well
 * in a table. Throws a ValidationError for an unknown key or a trial count below 1.
 */
export function searchCandidates(
  tunable: readonly TunableParam[],
  options: SearchOptions,
  isValid: (candidate: Candidate) => boolean,
): Candidate[] {
  if (!Number.isInteger(options.trials) || options.trials < 1)
    throw new ValidationError(`trials must be a whole number of at least 1, got ${options.trials}`, 'trials');
  const keys = options.keys && options.keys.length > 0 ? options.keys : tunable.map((t) => t.key);
  const axes = keys.map((key) => {
    const param = tunable.find((t) => t.key === key);
    if (!param)
      throw new ValidationError(`"${key}" is not a tunable parameter; tunable: ${tunable.map((t) => t.key).join(', ')}`, 'tune', { key });
    return param;
  });
  const random = mulberry32(options.seed);
  const found =
    options.mode === 'random'
      ? randomCandidates(axes, options.trials, random, isValid)
      : gridCandidates(axes, options.trials, random, isValid);
  return [{}, ...found];
}

function randomCandidates(
  axes: readonly TunableParam[],
  trials: number,
  random: () => number,
  isValid: (candidate: Candidate) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (let draw = 0; draw < trials * 20 && out.length < trials; draw++) {
    const candidate: Record<string, ParamValue> = {};
    for (const axis of axes)
      candidate[axis.key] = axis.integer
        ? Math.min(axis.max, Math.floor(axis.min + random() * (axis.max - axis.min + 1)))
        : readable(axis.min + random() * (axis.max - axis.min));
    const key = JSON.stringify(candidate);
    if (seen.has(key) || !isValid(candidate)) continue;
    seen.add(key);
    out.push(candidate);
  }
  return out;
}

function gridCandidates(
  axes: readonly TunableParam[],
  trials: number,
  random: () => number,
  isValid: (candidate: Candidate) => boolean,
): Candidate[] {
  if (axes.length === 0) return [];
  const k = Math.max(2, Math.floor(trials ** (1 / axes.length)));
  const values = axes.map((axis) => {
    const points = Array.from({ length: k }, (_, j) => axis.min + ((axis.max - axis.min) * j) / (k - 1));
    return [...new Set(points.map((v) => (axis.integer ? Math.round(v) : readable(v))))];
  });
  let points: Array<Record<string, ParamValue>> = [{}];
  axes.forEach((axis, i) => {
    points = points.flatMap((p) => (values[i] as number[]).map((v) => ({ ...p, [axis.key]: v })));
  });
  const valid = points.filter(isValid);
  if (valid.length <= trials) return valid;
  // A seeded partial Fisher–Yates picks `trials` indices; sorting them keeps the grid's order.
  const order = valid.map((_, i) => i);
  for (let i = 0; i < trials; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order
    .slice(0, trials)
    .sort((a, b) => a - b)
    .map((i) => valid[i] as Candidate);
}

function readable(x: number): number {
  return Number(x.toPrecision(3));
}
