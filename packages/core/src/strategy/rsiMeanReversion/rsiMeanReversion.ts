import { RSI } from 'trading-signals';
import { hold, quietHold, type Signal } from '../../domain/signal.js';
import { CandleFeed } from '../indicators/candleFeed.js';
import { holdsInventory } from '../inventory.js';
import type { Strategy, StrategyContext, StrategyDefinition, StrategySettings } from '../types.js';
import { type RsiMeanReversionParams, rsiMeanReversionParamsSchema, rsiMeanReversionTunable } from './rsiMeanReversionParams.js';

/**
 * Mean reversion on Wilder's RSI (SMA-seeded, as StockCharts and Jesse compute it): buy a dip into
 * oversold while flat, sell the position once the bounce runs into overbought.
 */
export class RsiMeanReversionStrategy implements Strategy {
  readonly name = 'rsi_mean_reversion';
  readonly #feed: CandleFeed<RSI>;

  constructor(
    readonly params: RsiMeanReversionParams,
    private readonly settings: StrategySettings,
  ) {
    this.#feed = new CandleFeed<RSI>(
      () => new RSI(params.rsi_period),
      (rsi, candle) => rsi.add(candle.close),
    );
  }

  evaluate(context: StrategyContext): Signal {
    this.#feed.sync(context.candles[this.settings.primaryTimeframe] ?? []);
    const indicator = this.#feed.state;
    const rsi = indicator.isStable ? indicator.getResultOrThrow() : null;
    if (rsi === null) return hold('warming_up', { candlesSeen: this.#feed.fed, needed: this.params.rsi_period + 1 });
    // Most candles sit between the lines: a hold the cycle will not record needs no inputs.
    const neutral = rsi >= this.params.oversold && rsi <= this.params.overbought;
    if (neutral && !context.explainHolds) return quietHold('rsi_neutral');
    const holding = holdsInventory(context);
    const inputs = { rsi, oversold: this.params.oversold, overbought: this.params.overbought, holding };
    if (rsi < this.params.oversold)
      return holding ? hold('already_in_position', inputs) : { action: 'BUY', reason: 'rsi_oversold', inputs };
    if (rsi > this.params.overbought) return holding ? { action: 'SELL', reason: 'rsi_overbought', inputs } : hold('no_position', inputs);
    return hold('rsi_neutral', inputs);
  }

  describe(): Readonly<Record<string, unknown>> {
    return { rsi: this.#feed.state.getResult(), params: this.params };
  }
}

export const rsiMeanReversionDefinition: StrategyDefinition<RsiMeanReversionParams> = {
  name: 'rsi_mean_reversion',
  description: 'Buys when RSI falls below the oversold line while flat and sells the position when RSI rises above the overbought line.',
  paramsSchema: rsiMeanReversionParamsSchema,
  defaults: rsiMeanReversionParamsSchema.parse({}),
  tunable: rsiMeanReversionTunable,
  requirements: (params, settings) => ({ [settings.primaryTimeframe]: params.rsi_period + 1 }),
  create: (params, settings) => new RsiMeanReversionStrategy(params, settings),
};
