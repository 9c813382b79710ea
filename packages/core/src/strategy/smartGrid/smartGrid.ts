import { ATR } from 'trading-signals';
import { z } from 'zod';
import type { Fill } from '../../domain/orders.js';
import { hold, type Signal, type SignalInputs } from '../../domain/signal.js';
import { ValidationError } from '../../errors/errors.js';
import { assertAboveFeeFloor, feeFloorPct } from '../grid/feeFloor.js';
import { GridEngine, type GridGeometry, gridEngineConfig } from '../grid/gridEngine.js';
import { fromSnapshot, GRID_SNAPSHOT_VERSION, toSnapshot } from '../grid/gridState.js';
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

/**
 * The drawn step and tilt move only when the measured ones differ by more than this (relative step,
 * absolute tilt): levels that jitter with every candle's ATR would chase noise, and a year of 1m
 * candles would redraw the grid 500,000 times.
 */
export const REDRAW_THRESHOLD = 0.05;

interface DrawnShape {
  readonly step: number;
  readonly tilt: number;
}

const drawnSnapshotSchema = z
  .object({ step: z.number().positive().finite(), tilt: z.number().min(-1).max(1) })
  .nullable();

interface VolatilityIndicators {
  readonly atr: ATR;
  readonly volatility: RealizedVolatility;
}

/**
 * The headline strategy: a grid whose step follows the market's volatility on the primary
 * timeframe (never below `spacing_min_pct`), whose steps widen going out from the centre
 * (`level_growth`), and whose centre and asymmetry follow the 4h trend. Trading rules, state and
 * sizing are the shared GridEngine's; this class only decides how the grid is drawn each cycle.
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
  }

  evaluate(context: StrategyContext): Signal {
    const geometry = this.#measure(context);
    if (geometry === null) return hold('warming_up', { candlesSeen: this.#primary.fed, needed: requiredPrimaryCandles(this.params) });
    return this.#engine.evaluate(context, geometry);
  }

  onFill(_fill: Fill, tag: string | null): void {
    this.#engine.onFill(tag);
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
    return { ...toSnapshot(this.#engine.state), drawn: this.#drawn };
  }

  /**
   * Restores the grid (see `fromSnapshot`: version 1 is migrated, others refused) and the drawn
   * shape. A version-1 shape is dropped and measured again: its tilt came from the MACD histogram,
   * which the grid no longer reads. A version-2 shape that is not a positive step and a tilt in
   * [−1, 1] is refused like any corrupt snapshot.
   */
  restore(state: unknown): void {
    const grid = fromSnapshot(state, this.params.grid_levels);
    const raw = (state as { version: unknown; drawn?: unknown }).version === GRID_SNAPSHOT_VERSION ? (state as { drawn?: unknown }).drawn : null;
    const drawn = drawnSnapshotSchema.safeParse(raw ?? null);
    if (!drawn.success)
      throw new ValidationError(
        `invalid grid snapshot: drawn: ${drawn.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        'snapshot',
      );
    this.#engine.state = grid;
    this.#drawn = drawn.data;
  }

  describe(): Readonly<Record<string, unknown>> {
    return { ...this.#engine.describe(), feeFloorPct: feeFloorPct(this.settings), params: this.params };
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
    'Adaptive grid: the step follows a blend of ATR and realized volatility on the primary timeframe, at least spacing_min_pct (1 % by default) and above the fee floor; steps widen going out from the centre; the 4h trend (MACD line / ATR) shifts the centre and widens the side trading against it; re-centres only after an upward range exit.',
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
