import type { TunableParam } from '../strategy/types.js';
import type { AdvisorContext } from './context.js';
import type { AdvisorOutput, ProposalWire } from './proposalSchema.js';

/**
 * Built-in proposals used when the model is disabled, fails, times out or says nothing valid
 * (AI_FALLBACK_RULES=true). They only exist for `smart_grid_ai`, whose knobs have a clear relation
 * to win rate and drawdown; for the other strategies there is no rule that is right often enough,
 * so the rules propose nothing. Their output passes the same filter as a model's.
 *
 * - Defensive, when drawdown ≥ 8 % or (≥ 10 trades and win rate < 40 %): the grid is being run over
 *   by a move. Fewer levels (−2) hold less inventory against the move; spacing ×1.25 makes each
 *   round trip earn more and trade less in noise; volatility_blend +0.1 lets the spacing follow the
 *   measured volatility more closely.
 * - Harvest, when ≥ 10 trades, win rate ≥ 60 % and drawdown < 3 %: the range is paying. More levels
 *   (+2) and spacing ×0.9 take more round trips out of it.
 * - Otherwise nothing: too few trades to judge, or results in between.
 */
export const RULES = {
  strategy: 'smart_grid_ai',
  minTrades: 10,
  defensiveDrawdownPct: 8,
  lowWinRatePct: 40,
  highWinRatePct: 60,
  calmDrawdownPct: 3,
  defensive: { levelsDelta: -2, spacingFactor: 1.25, blendDelta: 0.1 },
  harvest: { levelsDelta: 2, spacingFactor: 0.9, blendDelta: 0 },
} as const;

export const RULES_SOURCE = 'rules';

function clamp(param: TunableParam, value: number): number {
  const bounded = Math.min(param.max, Math.max(param.min, value));
  return param.integer ? Math.round(bounded) : Number(bounded.toFixed(4));
}

export function ruleProposals(context: AdvisorContext): AdvisorOutput {
  if (context.strategy.name !== RULES.strategy) return { proposals: [] };
  const { winRatePct, tradeCount, currentDrawdownPct, maxDrawdownPct } = context.performance;
  const drawdown = currentDrawdownPct ?? maxDrawdownPct ?? 0;
  const judged = tradeCount >= RULES.minTrades && winRatePct !== null;

  let mode: 'defensive' | 'harvest' | null = null;
  if (drawdown >= RULES.defensiveDrawdownPct || (judged && winRatePct < RULES.lowWinRatePct)) mode = 'defensive';
  else if (judged && winRatePct >= RULES.highWinRatePct && drawdown < RULES.calmDrawdownPct) mode = 'harvest';
  if (!mode) return { proposals: [] };

  const step = RULES[mode];
  const params = context.strategy.params;
  const tunable = new Map(context.strategy.tunable.map((p) => [p.key, p]));
  const changes: ProposalWire['changes'] = [];
  const propose = (key: string, next: (current: number) => number) => {
    const param = tunable.get(key);
    const current = params[key];
    if (!param || typeof current !== 'number') return;
    const value = clamp(param, next(current));
    if (value !== current) changes.push({ key, value });
  };
  propose('grid_levels', (v) => v + step.levelsDelta);
  propose('spacing_min_pct', (v) => v * step.spacingFactor);
  propose('spacing_max_pct', (v) => v * step.spacingFactor);
  if (step.blendDelta !== 0) propose('volatility_blend', (v) => v + step.blendDelta);
  if (changes.length === 0) return { proposals: [] };

  const facts = `win rate ${winRatePct ?? 'n/a'} % over ${tradeCount} trades, drawdown ${drawdown} %`;
  const reason =
    mode === 'defensive'
      ? `Defensive grid: ${facts}; fewer levels and wider spacing hold less inventory against the move.`
      : `Harvest the range: ${facts}; more levels and tighter spacing take more round trips.`;
  return { proposals: [{ kind: 'params', strategy: context.strategy.name, changes, reason }] };
}
