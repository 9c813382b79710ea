import { EMA } from 'trading-signals';
import { hold, quietHold, type Signal } from '../../domain/signal.js';
import { CandleFeed } from '../indicators/candleFeed.js';
import { holdsInventory } from '../inventory.js';
import type { Strategy, StrategyContext, StrategyDefinition, StrategySettings } from '../types.js';
import { type EmaCrossoverParams, emaCrossoverParamsSchema, emaCrossoverTunable } from './emaCrossoverParams.js';

interface EmaState {
  readonly fast: EMA;
  readonly slow: EMA;
  /** fast − slow after the previous and the latest candle (null until both EMAs are stable). */
  previousGap: number | null;
  gap: number | null;
}

/** Trend following: BUY when the fast EMA crosses above the slow one, SELL (if holding) when it crosses below. */
export class EmaCrossoverStrategy implements Strategy {
  readonly name = 'ema_crossover';
  readonly #feed: CandleFeed<EmaState>;

  constructor(
    readonly params: EmaCrossoverParams,
    private readonly settings: StrategySettings,
  ) {
    this.#feed = new CandleFeed<EmaState>(
      () => ({ fast: new EMA(params.fast_period), slow: new EMA(params.slow_period), previousGap: null, gap: null }),
      (s, candle) => {
        s.fast.add(candle.close);
        s.slow.add(candle.close);
        s.previousGap = s.gap;
        s.gap = s.fast.isStable && s.slow.isStable ? s.fast.getResultOrThrow() - s.slow.getResultOrThrow() : null;
      },
    );
  }

  evaluate(context: StrategyContext): Signal {
    this.#feed.sync(context.candles[this.settings.primaryTimeframe] ?? []);
    const s = this.#feed.state;
    if (s.gap === null || s.previousGap === null)
      return hold('warming_up', { candlesSeen: this.#feed.fed, needed: this.params.slow_period + 1 });
    const crossedUp = s.previousGap <= 0 && s.gap > 0;
    const crossedDown = s.previousGap >= 0 && s.gap < 0;
    // Most candles cross nothing: a hold the cycle will not record needs no inputs.
    if (!crossedUp && !crossedDown && !context.explainHolds) return quietHold(s.gap > 0 ? 'trend_up_no_cross' : 'trend_down_no_cross');
    const inputs = {
      fastEma: s.fast.getResultOrThrow(),
      slowEma: s.slow.getResultOrThrow(),
      gap: s.gap,
      previousGap: s.previousGap,
      fastPeriod: this.params.fast_period,
      slowPeriod: this.params.slow_period,
    };
    if (crossedUp) return { action: 'BUY', reason: 'ema_bullish_cross', inputs };
    if (crossedDown) {
      return holdsInventory(context) ? { action: 'SELL', reason: 'ema_bearish_cross', inputs } : hold('no_position', inputs);
    }
    return hold(s.gap > 0 ? 'trend_up_no_cross' : 'trend_down_no_cross', inputs);
  }

  describe(): Readonly<Record<string, unknown>> {
    const s = this.#feed.state;
    return { fastEma: s.fast.getResult(), slowEma: s.slow.getResult(), gap: s.gap, params: this.params };
  }
}

export const emaCrossoverDefinition: StrategyDefinition<EmaCrossoverParams> = {
  name: 'ema_crossover',
  description: 'Buys when a fast EMA of closes crosses above a slow one and sells the position when it crosses back below.',
  paramsSchema: emaCrossoverParamsSchema,
  defaults: emaCrossoverParamsSchema.parse({}),
  tunable: emaCrossoverTunable,
  requirements: (params, settings) => ({ [settings.primaryTimeframe]: params.slow_period + 1 }),
  create: (params, settings) => new EmaCrossoverStrategy(params, settings),
};
