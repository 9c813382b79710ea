/** The smallest drawdown (percent) a score divides by, so a flat or tiny-drawdown run does not divide by zero. */
export const SCORE_DRAWDOWN_FLOOR_PCT = 0.01;

/**
 * The research bench's score: return per unit of maximum drawdown,
 * `score = returnPct / max(maxDrawdownPct, 0.01)`.
 *
 * Both inputs are percents of starting equity (`+12.5` = +12.5 %, drawdown `3.2` = 3.2 %); the
 * score is unitless. A loss gives a negative score, so a larger score is always better. The floor
 * of 0.01 % keeps a run with (almost) no drawdown finite: it then ranks by its return alone.
 * This is the one definition the bench, the advisor's walk-forward check and the smart-grid work
 * all use; "variant A beats B" means `beats(scoreA, scoreB)`.
 */
export function researchScore(returnPct: number, maxDrawdownPct: number): number {
  return returnPct / Math.max(maxDrawdownPct, SCORE_DRAWDOWN_FLOOR_PCT);
}

/** "Beats" on the bench: a strictly greater score (a tie does not beat). */
export function beats(score: number, other: number): boolean {
  return score > other;
}
