import { ATR } from 'trading-signals';
import { splitSymbol } from '../../domain/market.js';
import type { Fill } from '../../domain/orders.js';
import { hold, type Signal, type SignalInputs } from '../../domain/signal.js';
import { assertAboveFeeFloor, feeFloorPct } from '../grid/feeFloor.js';
import { GridEngine, type GridGeometry, gridEngineConfig } from '../grid/gridEngine.js';
import { quotePerLevel } from '../grid/gridSizing.js';
import { CandleFeed } from '../indicators/candleFeed.js';
import { RealizedVolatility } from '../indicators/realizedVolatility.js';
import type { Strategy, StrategyContext, StrategyDefinition, StrategySettings } from '../types.js';
import { adaptiveSpacing, type Spacing } from './adaptiveSpacing.js';
import {
  applyTilt,
  createRegimeIndicators,
  feedRegime,
  NEUTRAL_REGIME,
  REGIME_TIMEFRAME,
  REGIME_WARMUP,
  type RegimeIndicators,
  type RegimeReading,
  regimeOf,
} from './regimeTilt.js';
import { type SmartGridParams, smartGridParamsSchema, smartGridTunable } from './smartGridParams.js';
import { type DrawnShape, fromSmartGridSnapshot, toSmartGridSnapshot } from './smartGridSnapshot.js';
import { applyTrendFill, emptyTrendInventory, TREND_TAG, type TrendInventory, trendOrder, trendTargetShares } from './trendInventory.js';

/**
 * The drawn step and tilt move only when the measured ones differ by more than this (relative step,
 * absolute tilt): levels that jitter with every candle's ATR would chase noise, and a year of 1m
 * candles would redraw the grid 500,000 times.
 */
export const REDRAW_THRESHOLD = 0.05;

interface VolatilityIndicators {
  readonly atr: ATR;
  readonly volatility: RealizedVolatility;
}

/**
 * The headline strategy: a grid whose step follows the market's volatility on the primary
 * timeframe (never below `spacing_min_pct`), whose steps widen going out from the centre
 * (`level_growth`), whose centre and asymmetry follow the 4h trend, and which holds extra
 * inventory while that trend is clearly up (`trendInventory.ts`). Level trading, state and sizing
 * are the shared GridEngine's; this class decides how the grid is drawn each cycle and keeps the
 * trend inventory, which the levels never sell.
 */
export class SmartGridStrategy implements Strategy {
  readonly name = 'smart_grid_ai';
  readonly #engine: GridEngine;
  readonly #primary: CandleFeed<VolatilityIndicators>;
  readonly #regime = new CandleFeed<RegimeIndicators>(createRegimeIndicators, feedRegime);
  #geometry: GridGeometry | null = null;
  /** The drawn shape `#geometry` was made from. */
  #geometryDrawn: DrawnShape | null = null;
  // The latest measurements, read by `#measurements` only when a signal is explained.
  #spacing: Spacing | null = null;
  #atr = 0;
  #volatility = 0;
  #regimeReading: RegimeReading = NEUTRAL_REGIME;
  #drawn: DrawnShape | null = null;
  #trend: TrendInventory = emptyTrendInventory();
  readonly #baseAsset: string;

  constructor(
    readonly params: SmartGridParams,
    private readonly settings: StrategySettings,
  ) {
    this.#primary = new CandleFeed<VolatilityIndicators>(
      () => ({ atr: new ATR(params.atr_period), volatility: new RealizedVolatility(params.volatility_window) }),
      (s, candle) => {
        s.atr.add(candle);
        s.volatility.add(candle.close);
      },
    );
    this.#engine = new GridEngine(gridEngineConfig(params, settings, params.range_exit_seconds));
    this.#baseAsset = splitSymbol(settings.symbol).base;
  }

  evaluate(context: StrategyContext): Signal {
    const geometry = this.#measure(context);
    if (geometry === null) return hold('warming_up', { candlesSeen: this.#primary.fed, needed: requiredPrimaryCandles(this.params) });
    // The grid's levels trade first; the trend inventory moves only on a cycle they leave alone.
    const signal = this.#engine.evaluate(context, geometry, this.#trend.quantity);
    if (signal.action !== 'HOLD') return signal;
    return this.#trendSignal(context) ?? signal;
  }

  onFill(fill: Fill, tag: string | null): void {
    if (tag === TREND_TAG) applyTrendFill(this.#trend, fill, this.#baseAsset);
    else this.#engine.onFill(tag);
  }

  preflight(context: StrategyContext): string[] {
    const step = this.params.spacing_min_pct / 100;
    const fallback: GridGeometry = {
      buyStep: step,
      sellStep: step,
      centreShift: 0,
      levelGrowth: this.params.level_growth,
      measurements: () => ({}),
    };
    return this.#engine.preflight(context, this.#geometry ?? fallback);
  }

  snapshot(): unknown {
    return toSmartGridSnapshot(this.#engine.state, this.#drawn, this.#trend);
  }

  /** See `fromSmartGridSnapshot`: version 1 is migrated, a corrupt or unknown one refused (nothing is changed then). */
  restore(state: unknown): void {
    const restored = fromSmartGridSnapshot(state, this.params.grid_levels);
    this.#engine.state = restored.grid;
    this.#drawn = restored.drawn;
    this.#trend = restored.trend;
  }

  describe(): Readonly<Record<string, unknown>> {
    const t = this.#trend;
    return {
      ...this.#engine.describe(),
      trendInventory: { quantity: t.quantity, shares: t.shares, pendingShares: t.pendingShares },
      feeFloorPct: feeFloorPct(this.settings),
      params: this.params,
    };
  }

  /**
   * The trend inventory's order this cycle, if any (see trendInventory.ts). It waits out the grid's
   * cooldown like a level order, and costs nothing on a cycle with no trend and nothing held.
   */
  #trendSignal(context: StrategyContext): Signal | null {
    const p = this.params;
    const t = this.#trend;
    const regime = this.#regimeReading.regime;
    const capital = this.#engine.state.capital;
    if (capital === null || (t.shares === 0 && t.quantity === 0 && regime <= p.trend_threshold)) return null;
    const targetShares = trendTargetShares({
      regime,
      trendLevels: p.trend_levels,
      trendThreshold: p.trend_threshold,
      currentShares: t.shares,
    });
    if (targetShares === t.shares && (targetShares > 0 || t.quantity === 0)) return null;
    if (this.#engine.coolingDown(context.now)) return null;
    const order = trendOrder({ context, inventory: t, targetShares, quotePerShare: quotePerLevel(capital, p.grid_levels), regime });
    if (order === 'dust') {
      this.#trend = emptyTrendInventory();
      return null;
    }
    if (order === null) return null;
    t.pendingShares = targetShares;
    this.#engine.noteSignal(context.now);
    return order;
  }

  /** This cycle's grid geometry from ATR, realized volatility and the 4h regime; null while warming up. */
  #measure(context: StrategyContext): GridGeometry | null {
    const primary = context.candles[this.settings.primaryTimeframe] ?? [];
    this.#primary.sync(primary);
    // The regime changes once per 4h candle: read it only when one arrived.
    if (this.#regime.sync(context.candles[REGIME_TIMEFRAME] ?? []) !== 'unchanged') this.#regimeReading = regimeOf(this.#regime.state);
    const atr = this.#primary.state.atr.isStable ? this.#primary.state.atr.getResultOrThrow() : null;
    const volatility = this.#primary.state.volatility.getResult();
    const close = primary[primary.length - 1]?.close;
    if (atr === null || volatility === null || close === undefined) return null;
    const p = this.params;
    const spacing = adaptiveSpacing({
      atr,
      volatility,
      price: close,
      blend: p.volatility_blend,
      multiplier: p.spacing_multiplier,
      minPct: p.spacing_min_pct,
      maxPct: p.spacing_max_pct,
    });
    this.#spacing = spacing;
    this.#atr = atr;
    this.#volatility = volatility;
    const drawn = this.#redraw(spacing.spacingPct / 100, p.tilt_strength * this.#regimeReading.regime);
    // The geometry changes only when the grid is redrawn; the measurements are read when needed.
    if (this.#geometry === null || this.#geometryDrawn !== drawn) {
      // drawn.tilt is already tilt_strength × regime.
      const tilt = applyTilt(drawn.step, drawn.tilt, 1);
      this.#geometry = {
        buyStep: tilt.buyStep,
        sellStep: tilt.sellStep,
        centreShift: tilt.centreShift,
        levelGrowth: p.level_growth,
        measurements: this.#measurements,
      };
      this.#geometryDrawn = drawn;
    }
    return this.#geometry;
  }

  /** What the grid was drawn from, as of the latest candle (a signal's explanation, `describe`). */
  readonly #measurements = (): SignalInputs => {
    const spacing = this.#spacing;
    const drawn = this.#drawn;
    const regime = this.#regimeReading;
    if (spacing === null || drawn === null) return {};
    return {
      spacingPct: drawn.step * 100,
      measuredSpacingPct: spacing.spacingPct,
      atrSpacingPct: spacing.atrSpacingPct,
      volatilitySpacingPct: spacing.volatilitySpacingPct,
      spacingClamped: spacing.clamped,
      atr: this.#atr,
      volatility: this.#volatility,
      regime: regime.regime,
      regimeReady: regime.macdLine !== null && regime.atr4h !== null,
      macdLine4h: regime.macdLine,
      macdHistogram4h: regime.histogram,
      atr4h: regime.atr4h,
      tilt: drawn.tilt,
      trendShares: this.#trend.shares,
      trendQuantity: this.#trend.quantity,
    };
  };

  #redraw(step: number, tilt: number): DrawnShape {
    const drawn = this.#drawn;
    if (drawn === null || Math.abs(step / drawn.step - 1) > REDRAW_THRESHOLD || Math.abs(tilt - drawn.tilt) > REDRAW_THRESHOLD) {
      this.#drawn = { step, tilt };
    }
    return this.#drawn!;
  }
}

export function requiredPrimaryCandles(params: SmartGridParams): number {
  return Math.max(params.atr_period, params.volatility_window) + 1;
}

export const smartGridDefinition: StrategyDefinition<SmartGridParams> = {
  name: 'smart_grid_ai',
  description:
    'Adaptive grid: the step follows a blend of ATR and realized volatility on the primary timeframe, at least spacing_min_pct (1 % by default) and above the fee floor; steps widen going out from the centre; the 4h trend (MACD line / ATR) shifts the centre, widens the side trading against it and, while clearly up, adds trend inventory the levels never sell; re-centres only after an upward range exit.',
  paramsSchema: smartGridParamsSchema,
  defaults: smartGridParamsSchema.parse({}),
  tunable: smartGridTunable,
  requirements: (params, settings) => {
    const primary = requiredPrimaryCandles(params);
    const regime = REGIME_WARMUP + 1;
    if (settings.primaryTimeframe === REGIME_TIMEFRAME) return { [REGIME_TIMEFRAME]: Math.max(primary, regime) };
    return { [settings.primaryTimeframe]: primary, [REGIME_TIMEFRAME]: regime };
  },
  defaultsFromSettings: (settings) => ({ cooldown_seconds: settings.gridCooldownSeconds }),
  create: (params, settings) => {
    assertAboveFeeFloor(params.spacing_min_pct, 'spacing_min_pct', settings);
    return new SmartGridStrategy(params, settings);
  },
};
