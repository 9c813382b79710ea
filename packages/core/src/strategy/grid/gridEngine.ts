import { hold, quietHold, type Signal, type SignalInputs, type TradeSignal } from '../../domain/signal.js';
import { floorQuantityNumber } from '../../money/filters.js';
import { sellableQuantity } from '../inventory.js';
import type { StrategyContext, StrategySettings } from '../types.js';
import { buildLayout, type GridLayout, type GridLevel, type SpacingMode } from './gridLayout.js';
import { acceptable, gridCapitalProblems, levelQuantity, quotePerLevel } from './gridSizing.js';
import { type GridState, initialGridState } from './gridState.js';
import { BOOTSTRAP_TAG, levelTag, parseGridTag } from './gridTag.js';

export interface GridEngineConfig {
  readonly levelsPerSide: number;
  readonly mode: SpacingMode;
  /** Share of equity (percent) the grid trades with, fixed when the grid is (re)centred. */
  readonly capitalPct: number;
  /** Share of grid capital a bootstrap buys (0.5 = the sell side's half). */
  readonly bootstrapShare: number;
  readonly autoBootstrap: boolean;
  readonly cooldownSeconds: number;
  /**
   * Seconds above the outer sell level before the grid re-centres on the price; null never
   * re-centres (a static grid). Only an upward exit re-centres: see `#rangeExit`.
   */
  readonly rangeExitSeconds: number | null;
}

/** The parameters both grids share (`gridCommonShape`), as the strategies hold them. */
export interface GridCommonParams {
  readonly grid_levels: number;
  readonly capital_pct: number;
  readonly bootstrap_share: number;
  readonly cooldown_seconds: number;
}

/** The engine's configuration from a grid strategy's parameters and the environment's grid settings. */
export function gridEngineConfig(params: GridCommonParams, settings: StrategySettings, rangeExitSeconds: number | null): GridEngineConfig {
  return {
    levelsPerSide: params.grid_levels,
    mode: settings.gridSpacingMode,
    capitalPct: params.capital_pct,
    bootstrapShare: params.bootstrap_share,
    autoBootstrap: settings.gridAutoInventoryBootstrap,
    cooldownSeconds: params.cooldown_seconds,
    rangeExitSeconds,
  };
}

/** How the strategy wants the grid drawn this cycle. */
export interface GridGeometry {
  readonly buyStep: number;
  readonly sellStep: number;
  /** Fractional shift of the centre (0.002 = 0.2 % up), e.g. from a regime tilt. */
  readonly centreShift: number;
  /** How much wider each step is than the one inside it (0 = equal steps; see `levelDistance`). */
  readonly levelGrowth: number;
  /**
   * The market measurements behind the geometry (ATR, volatility, regime…), for every explained
   * signal's inputs. A function, read only when a signal is explained: a backtest's holds need none.
   */
  readonly measurements: () => SignalInputs;
}

/**
 * The grid's trading rules, shared by the static `grid` and `smart_grid_ai`. Levels are indexed
 * relative to the centre and the last traded level is remembered: price reaching a level below it
 * is a BUY, a level above it a SELL (when inventory is held). A move across several levels in one
 * cycle trades them together, as the resting orders of an exchange grid bot would have.
 */
export class GridEngine {
  state: GridState = initialGridState();
  #layout: GridLayout | null = null;
  #geometry: GridGeometry | null = null;
  #layoutCentre: number | null = null;
  #layoutTick: string | null = null;
  #reserved = 0;

  constructor(readonly config: GridEngineConfig) {}

  /**
   * This cycle's grid decision. `reservedBase` is base the grid must not sell (held for another
   * purpose, e.g. the smart grid's trend inventory): level sells and the flat check see the rest.
   */
  evaluate(context: StrategyContext, geometry: GridGeometry, reservedBase = 0): Signal {
    this.#geometry = geometry;
    this.#reserved = reservedBase;
    if (this.state.centre === null) {
      this.#centreOn(context);
      const layout = this.#draw(context, geometry);
      return hold('grid_started', this.#inputs(context, layout));
    }
    const layout = this.#draw(context, geometry);
    const recentred = this.#rangeExit(context, layout);
    if (recentred) return recentred;
    const proposal = this.#levelSignal(context, layout);
    if (proposal.action === 'HOLD') return proposal;
    return this.#throttle(context, proposal);
  }

  onFill(tag: string | null): void {
    const parsed = parseGridTag(tag);
    if (parsed === null) return;
    if (parsed === 'bootstrap') {
      if (this.state.bootstrapLevel !== null) this.state.lastLevel = this.state.bootstrapLevel;
      this.state.bootstrapLevel = null;
      return;
    }
    this.state.lastLevel = parsed;
  }

  /** Whether a signal at `now` would fall within the cooldown of the grid's last one. */
  coolingDown(now: number): boolean {
    const last = this.state.lastSignalAt;
    return last !== null && now - last < this.config.cooldownSeconds * 1000;
  }

  /** Records a signal the strategy sent beside the level rules (the smart grid's trend inventory), so the cooldown covers it too. */
  noteSignal(now: number): void {
    this.state.lastSignalAt = now;
  }

  preflight(context: StrategyContext, geometry: GridGeometry): string[] {
    const centre = this.state.centre ?? context.price;
    const capital = this.state.capital ?? (context.equity * this.config.capitalPct) / 100;
    const layout = buildLayout({ ...this.#shape(geometry), centre: centre * (1 + geometry.centreShift), filters: context.filters });
    return gridCapitalProblems(layout, capital, this.config.levelsPerSide, context.filters);
  }

  describe(): Readonly<Record<string, unknown>> {
    const layout = this.#layout;
    const lastLevel = this.state.lastLevel;
    return {
      centre: this.state.centre,
      shiftedCentre: layout?.centre ?? null,
      mode: this.config.mode,
      buyStepPct: layout ? layout.buyStep * 100 : null,
      sellStepPct: layout ? layout.sellStep * 100 : null,
      levels: (layout?.levels ?? []).map((l) => ({
        index: l.index,
        price: l.price,
        side: l.index < lastLevel ? 'BUY' : l.index > lastLevel ? 'SELL' : 'NONE',
      })),
      lastLevel,
      capital: this.state.capital,
      quotePerLevel: this.state.capital === null ? null : quotePerLevel(this.state.capital, this.config.levelsPerSide),
      lastSignalAt: this.state.lastSignalAt,
      outOfRangeSince: this.state.outOfRangeSince,
      outOfRangeSide: this.state.outOfRangeSide,
      levelGrowth: layout?.levelGrowth ?? null,
      ...(this.#geometry?.measurements() ?? {}),
    };
  }

  #centreOn(context: StrategyContext): void {
    this.state.centre = context.price;
    this.state.capital = (context.equity * this.config.capitalPct) / 100;
    this.state.lastLevel = 0;
    this.state.outOfRangeSince = null;
    this.state.outOfRangeSide = null;
    this.state.bootstrapLevel = null;
  }

  #shape(geometry: GridGeometry) {
    return {
      buyStep: geometry.buyStep,
      sellStep: geometry.sellStep,
      levelGrowth: geometry.levelGrowth,
      levelsPerSide: this.config.levelsPerSide,
      mode: this.config.mode,
    };
  }

  #draw(context: StrategyContext, geometry: GridGeometry): GridLayout {
    const centre = this.state.centre! * (1 + geometry.centreShift);
    const previous = this.#layout;
    // Unchanged geometry (a static grid, or a smart grid clamped at its minimum step) keeps its levels.
    const same =
      previous !== null &&
      this.#layoutCentre === centre &&
      previous.buyStep === geometry.buyStep &&
      previous.sellStep === geometry.sellStep &&
      previous.levelGrowth === geometry.levelGrowth &&
      this.#layoutTick === `${context.filters.tickSize}|${context.filters.minPrice}`;
    if (!same) {
      this.#layout = buildLayout({ ...this.#shape(geometry), centre, filters: context.filters });
      this.#layoutCentre = centre;
      this.#layoutTick = `${context.filters.tickSize}|${context.filters.minPrice}`;
    }
    return this.#layout!;
  }

  /**
   * Tracks how long the price has been beyond the outer levels, and on which side. After
   * `rangeExitSeconds` above the grid it re-centres on the price: everything the grid still holds
   * was bought at or below its top level, so the new grid's sell levels (above the price) sell it at
   * a profit. Below the grid it never re-centres: the inventory there was bought above the price,
   * and a grid drawn around the lower price would sell it at a loss. It waits for the price instead,
   * as the static grid does.
   */
  #rangeExit(context: StrategyContext, layout: GridLayout): Signal | null {
    const lowest = layout.levels[0]?.price ?? 0;
    const highest = layout.levels[layout.levels.length - 1]?.price ?? Number.POSITIVE_INFINITY;
    const side = context.price > highest ? 'above' : context.price < lowest ? 'below' : null;
    if (side !== this.state.outOfRangeSide) {
      this.state.outOfRangeSide = side;
      this.state.outOfRangeSince = side === null ? null : context.now;
    }
    const limit = this.config.rangeExitSeconds;
    const since = this.state.outOfRangeSince;
    if (side !== 'above' || limit === null || since === null || context.now - since < limit * 1000) return null;
    const previous = { centre: this.state.centre, lastLevel: this.state.lastLevel, outsideSince: since, lowest, highest };
    this.#centreOn(context);
    const redrawn = this.#draw(context, this.#geometry!);
    return hold('grid_recentered', { ...this.#inputs(context, redrawn), previous, rangeExitSeconds: limit });
  }

  #levelSignal(context: StrategyContext, layout: GridLayout): Signal {
    const last = this.state.lastLevel;
    // Levels are sorted by price: the deepest level crossed below the last traded one, else the
    // highest crossed above it. A plain loop: this runs on every candle of a backtest.
    let below: GridLevel | undefined;
    let above: GridLevel | undefined;
    for (const l of layout.levels) {
      if (l.index < last && context.price <= l.price && below === undefined) below = l;
      if (l.index > last && context.price >= l.price) above = l;
    }
    if (below) return this.#buy(context, layout, below, last - below.index);
    if (above) return this.#sell(context, layout, above, above.index - last);
    // The common case on every candle: held, and explained only when the cycle records it.
    const reason = this.state.outOfRangeSince !== null ? 'outside_grid' : 'inside_grid';
    return context.explainHolds ? hold(reason, this.#inputs(context, layout)) : quietHold(reason);
  }

  #buy(context: StrategyContext, layout: GridLayout, level: GridLevel, crossed: number): Signal {
    const quote = quotePerLevel(this.state.capital!, this.config.levelsPerSide);
    const inputs = this.#inputs(context, layout, level, crossed);
    if (context.quoteBalance < Number(context.filters.minNotional))
      return hold('insufficient_quote', { ...inputs, quoteBalance: context.quoteBalance });
    // Spot, no borrowing: after a re-centre in a falling market the grid may want more than is left.
    const affordable = Math.min(levelQuantity(quote, level.price, context.filters) * crossed, context.quoteBalance / context.price);
    const baseQuantity = floorQuantityNumber(affordable, context.filters);
    if (!acceptable(baseQuantity, context.price, context.filters)) {
      return hold(quote > context.quoteBalance ? 'insufficient_quote' : 'capital_too_small', {
        ...inputs,
        baseQuantity,
        quoteBalance: context.quoteBalance,
      });
    }
    return {
      action: 'BUY',
      reason: 'grid_level_buy',
      tag: levelTag(level.index),
      quoteAmount: baseQuantity * context.price,
      baseQuantity,
      inputs,
    };
  }

  #sell(context: StrategyContext, layout: GridLayout, level: GridLevel, crossed: number): Signal {
    const inputs = this.#inputs(context, layout, level, crossed);
    const held = sellableQuantity(context, this.#reserved);
    if (held === 0) return this.#withoutInventory(context, level, inputs);
    const quote = quotePerLevel(this.state.capital!, this.config.levelsPerSide);
    const wanted = levelQuantity(quote, level.price, context.filters) * crossed;
    const baseQuantity = floorQuantityNumber(Math.min(wanted, held), context.filters);
    if (!acceptable(baseQuantity, context.price, context.filters)) return hold('capital_too_small', { ...inputs, baseQuantity });
    return {
      action: 'SELL',
      reason: 'grid_level_sell',
      tag: levelTag(level.index),
      quoteAmount: baseQuantity * context.price,
      baseQuantity,
      inputs,
    };
  }

  /** A SELL while flat: seed the inventory (bootstrap) or say why nothing happens. */
  #withoutInventory(context: StrategyContext, level: GridLevel, inputs: SignalInputs): Signal {
    if (!this.config.autoBootstrap) return hold('no_inventory', inputs);
    const quoteAmount = Math.min(this.state.capital! * this.config.bootstrapShare, context.quoteBalance);
    const baseQuantity = floorQuantityNumber(quoteAmount / context.price, context.filters);
    if (!acceptable(baseQuantity, context.price, context.filters)) return hold('capital_too_small', { ...inputs, baseQuantity });
    return {
      action: 'BUY',
      reason: 'grid_inventory_bootstrap',
      tag: BOOTSTRAP_TAG,
      quoteAmount,
      baseQuantity,
      inputs: { ...inputs, bootstrapShare: this.config.bootstrapShare, replacesSellAtLevel: level.index },
    };
  }

  /** Collapses bursts: within the cooldown of the last grid signal, a new one becomes an audited HOLD. */
  #throttle(context: StrategyContext, signal: TradeSignal): Signal {
    const last = this.state.lastSignalAt;
    const cooldownMs = this.config.cooldownSeconds * 1000;
    if (last !== null && context.now - last < cooldownMs) {
      return hold('cooldown', {
        ...signal.inputs,
        suppressed: { action: signal.action, reason: signal.reason, tag: signal.tag, baseQuantity: signal.baseQuantity },
        lastSignalAt: last,
        cooldownSeconds: this.config.cooldownSeconds,
        resumesAt: last + cooldownMs,
      });
    }
    this.state.lastSignalAt = context.now;
    if (signal.tag === BOOTSTRAP_TAG) this.state.bootstrapLevel = signal.inputs.replacesSellAtLevel as number;
    return signal;
  }

  /**
   * One fixed-shape object per signal: the grid's position plus the market measurements (shared, not
   * copied). Built as one literal, never by spreading: in V8 a spread copy made on every candle
   * outlived the young generation, and a year's backtest took twice as long.
   */
  #inputs(context: StrategyContext, layout: GridLayout, level?: GridLevel, crossed?: number): SignalInputs {
    return {
      price: context.price,
      centre: this.state.centre,
      shiftedCentre: layout.centre,
      lastLevel: this.state.lastLevel,
      level: level?.index ?? null,
      levelPrice: level?.price ?? null,
      levelsCrossed: crossed ?? 0,
      buyStepPct: layout.buyStep * 100,
      sellStepPct: layout.sellStep * 100,
      mode: layout.mode,
      /** Since when, and on which side, the price has been beyond the outer levels (null inside the grid). */
      outsideSince: this.state.outOfRangeSince,
      outsideSide: this.state.outOfRangeSide,
      market: this.#geometry?.measurements() ?? {},
    };
  }
}
