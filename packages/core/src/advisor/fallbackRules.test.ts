import { describe, expect, it } from 'vitest';
import { ruleProposals } from './fallbackRules.js';
import { filterProposals } from './filterProposals.js';
import { registryCatalog } from './registryCatalog.js';
import { buildContext, buildMetrics } from './testFixtures.js';

const changesOf = (output: ReturnType<typeof ruleProposals>) =>
  Object.fromEntries(output.proposals[0]?.changes.map((c) => [c.key, c.value]) ?? []);

describe('fallback rules for smart_grid_ai', () => {
  it('turn defensive on a deep drawdown: fewer levels, wider spacing, more volatility weight', () => {
    const context = buildContext({
      equitySeries: [
        { time: 1, equity: 10_000 },
        { time: 2, equity: 9_000 },
      ],
    });
    expect(changesOf(ruleProposals(context))).toEqual({
      grid_levels: 3,
      spacing_min_pct: 1.25,
      spacing_max_pct: 3.75,
      volatility_blend: 0.6,
    });
  });

  it('turn defensive on a low win rate over enough trades', () => {
    const context = buildContext({ metrics: buildMetrics({ winRate: 0.3, tradeCount: 25 }) });
    expect(changesOf(ruleProposals(context)).grid_levels).toBe(3);
  });

  it('harvest a calm, winning range: more levels, tighter spacing', () => {
    const context = buildContext({ metrics: buildMetrics({ winRate: 0.7, tradeCount: 30 }) });
    expect(changesOf(ruleProposals(context))).toEqual({ grid_levels: 7, spacing_min_pct: 0.9, spacing_max_pct: 2.7 });
  });

  it('propose nothing with too few trades to judge', () => {
    expect(ruleProposals(buildContext({ metrics: buildMetrics({ winRate: 0.1, tradeCount: 3 }) })).proposals).toEqual([]);
  });

  it('stay inside the bounds (levels never below the minimum)', () => {
    const base = buildContext().strategy.params;
    const context = buildContext({
      params: { ...base, grid_levels: 2, volatility_blend: 1 },
      equitySeries: [
        { time: 1, equity: 100 },
        { time: 2, equity: 50 },
      ],
    });
    const changes = changesOf(ruleProposals(context));
    expect(changes.grid_levels).toBeUndefined();
    expect(changes.volatility_blend).toBeUndefined();
    expect(changes.spacing_min_pct).toBe(1.25);
  });

  it('produce output that passes the same filter as a model answer', () => {
    const context = buildContext({
      equitySeries: [
        { time: 1, equity: 10_000 },
        { time: 2, equity: 9_000 },
      ],
    });
    const result = filterProposals(ruleProposals(context), context, registryCatalog);
    expect(result.dropped).toEqual([]);
    expect(result.accepted).toHaveLength(1);
  });

  it('propose nothing for other strategies', () => {
    const params = registryCatalog.definition('ema_crossover')!.defaults;
    expect(
      ruleProposals(buildContext({ activeStrategy: 'ema_crossover', params, metrics: buildMetrics({ winRate: 0.1 }) })).proposals,
    ).toEqual([]);
  });
});
