import type { Fill } from '../../domain/orders.js';
import type { Signal } from '../../domain/signal.js';
import type { Strategy, StrategyContext, StrategyDefinition, StrategySettings } from '../types.js';
import { assertAboveFeeFloor } from './feeFloor.js';
import { GridEngine, type GridGeometry, gridEngineConfig } from './gridEngine.js';
import { type StaticGridParams, staticGridParamsSchema, staticGridTunable } from './gridParams.js';
import { fromSnapshot, toSnapshot } from './gridState.js';

/**
 * The classic exchange grid bot: centred on the first price it sees, a fixed step, and no range
 * exit (outside its range it waits). The baseline that `smart_grid_ai` is judged against.
 */
export class StaticGridStrategy implements Strategy {
  readonly name = 'grid';
  readonly #engine: GridEngine;
  readonly #geometry: GridGeometry;

  constructor(
    readonly params: StaticGridParams,
    settings: StrategySettings,
  ) {
    const step = params.spacing_pct / 100;
    const measurements = Object.freeze({ spacingPct: params.spacing_pct });
    this.#geometry = { buyStep: step, sellStep: step, centreShift: 0, levelGrowth: 0, measurements: () => measurements };
    this.#engine = new GridEngine(gridEngineConfig(params, settings, null));
  }

  evaluate(context: StrategyContext): Signal {
    return this.#engine.evaluate(context, this.#geometry);
  }

  onFill(_fill: Fill, tag: string | null): void {
    this.#engine.onFill(tag);
  }

  preflight(context: StrategyContext): string[] {
    return this.#engine.preflight(context, this.#geometry);
  }

  snapshot(): unknown {
    return toSnapshot(this.#engine.state);
  }

  restore(state: unknown): void {
    this.#engine.state = fromSnapshot(state, this.params.grid_levels);
  }

  describe(): Readonly<Record<string, unknown>> {
    return { ...this.#engine.describe(), params: this.params };
  }
}

export const staticGridDefinition: StrategyDefinition<StaticGridParams> = {
  name: 'grid',
  description: 'Static grid: fixed centre at the start price, fixed percentage step, grid_levels per side; never re-centres.',
  paramsSchema: staticGridParamsSchema,
  defaults: staticGridParamsSchema.parse({}),
  tunable: staticGridTunable,
  requirements: (_params, settings) => ({ [settings.primaryTimeframe]: 1 }),
  defaultsFromSettings: (settings) => ({ cooldown_seconds: settings.gridCooldownSeconds }),
  create: (params, settings) => {
    assertAboveFeeFloor(params.spacing_pct, 'spacing_pct', settings);
    return new StaticGridStrategy(params, settings);
  },
};
