import type { z } from 'zod';
import type { Candle, SymbolFilters, Timeframe } from '../domain/market.js';
import type { Fill } from '../domain/orders.js';
import type { Signal } from '../domain/signal.js';

export type ParamValue = number | string | boolean;
export type StrategyParams = Readonly<Record<string, ParamValue>>;

/** A parameter the advisor may tune, with the bounds it is held to (mirrors the zod schema). */
export interface TunableParam {
  readonly key: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly description: string;
}

/** Settings from the environment that a strategy may use (not tunable by the advisor). */
export interface StrategySettings {
  readonly symbol: string;
  readonly timeframes: readonly Timeframe[];
  /** First of TRADING_TIMEFRAMES: the cycle runs on its candle closes. */
  readonly primaryTimeframe: Timeframe;
  readonly gridSpacingMode: 'geometric' | 'arithmetic';
  readonly gridCooldownSeconds: number;
  readonly gridAutoInventoryBootstrap: boolean;
  /** Fees as fractions (0.001 = 0.1 %). */
  readonly makerFee: number;
  readonly takerFee: number;
}

/** Everything a strategy may look at. Frozen by the cycle; strategies have no clock and no I/O of their own. */
export interface StrategyContext {
  readonly now: number;
  readonly symbol: string;
  /** Closed candles per timeframe, oldest first (at least the declared requirement once data is ready). */
  readonly candles: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;
  /** Latest traded price (may be inside the forming primary candle). */
  readonly price: number;
  readonly filters: SymbolFilters;
  /** Spot balances in plain numbers (informational; the risk engine re-checks exactly). */
  readonly baseBalance: number;
  readonly quoteBalance: number;
  readonly equity: number;
  readonly position: { readonly quantity: number; readonly avgEntryPrice: number };
  /**
   * Whether a HOLD's inputs will be recorded. Paper and live audit every decision with its inputs;
   * a backtest records only trades, so there a strategy may answer HOLD with `quietHold(reason)`
   * instead of building inputs on every candle. Trade signals always carry their inputs.
   */
  readonly explainHolds: boolean;
}

/**
 * A strategy instance. `evaluate` must be deterministic in its inputs: the same candles give the
 * same signals in backtest, paper and live. Indicator state may be kept between calls (fed only
 * candles it has not seen), which is what makes a year of 1m candles cheap to backtest.
 */
export interface Strategy {
  readonly name: string;
  readonly params: StrategyParams;
  evaluate(context: StrategyContext): Signal;
  /** Told about each fill of an order it asked for (grid strategies track their last traded level). */
  onFill?(fill: Fill, tag: string | null): void;
  /** Serializable state to persist after each cycle (e.g. grid centre, last level) so a restart does not re-trade a level. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
  /** What the operator and the advisor may inspect (grid levels, spacing, regime…). */
  describe?(): Readonly<Record<string, unknown>>;
  /**
   * Problems that stop the strategy from trading with this context (e.g. capital too small for a
   * grid's levels at the symbol's min notional); empty when it can start. The cycle calls it before
   * starting the scheduler and refuses to start with the messages.
   */
  preflight?(context: StrategyContext): string[];
}

export interface StrategyDefinition<P extends StrategyParams = StrategyParams> {
  readonly name: string;
  readonly description: string;
  /** Parses and bounds-checks parameters; the advisor's proposals are held to it. */
  readonly paramsSchema: z.ZodType<P>;
  readonly defaults: P;
  readonly tunable: readonly TunableParam[];
  /** Closed candles needed per timeframe before the strategy can decide (the warm-up gate). */
  requirements(params: P, settings: StrategySettings): Partial<Record<Timeframe, number>>;
  /**
   * Parameter defaults taken from the environment (e.g. TRADING_GRID_COOLDOWN_SECONDS for a grid's
   * `cooldown_seconds`); stored parameters override them, the schema's own defaults fill the rest.
   */
  defaultsFromSettings?(settings: StrategySettings): Partial<P>;
  /** Throws ValidationError when the parameters cannot work (e.g. a grid step below the fee floor). */
  create(params: P, settings: StrategySettings): Strategy;
}
