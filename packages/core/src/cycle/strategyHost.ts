import { CONFIG_KEYS } from '../app/configKeys.js';
import type { Timeframe } from '../domain/market.js';
import type { Store } from '../ports/store.js';
import { createStrategy, getStrategyDefinition } from '../strategy/registry.js';
import type { Strategy, StrategyParams, StrategySettings } from '../strategy/types.js';

export interface ActiveStrategy {
  readonly name: string;
  readonly params: StrategyParams;
  readonly strategy: Strategy;
}

/**
 * Keeps the active strategy in step with the `config` table: an approved proposal changes the
 * parameters or the strategy there, and the next cycle picks it up here. A strategy's own state is
 * restored whenever an instance is (re)built, so a parameter change does not forget the grid.
 */
export class StrategyHost {
  private active: ActiveStrategy | null = null;
  private seenVersion = '';
  private seenParams: unknown = undefined;
  private seenName: string | null = null;
  private seenUpdatedAt = -1;
  // The params key of the last active name (current() runs on every candle of a backtest).
  private paramsKeyFor = '';
  private paramsKey = '';

  constructor(
    private readonly store: Store,
    private readonly settings: StrategySettings,
  ) {}

  /**
   * On start: the environment's TRADING_ACTIVE_STRATEGY wins when the operator changed it since
   * the last start; otherwise a strategy switched through an approval stays in force.
   */
  seed(envStrategy: string, now: number): void {
    getStrategyDefinition(envStrategy); // unknown names stop start-up, listing the known ones
    const lastSeed = this.store.config.get<string>('strategy.env_seed');
    const current = this.store.config.get<string>(CONFIG_KEYS.activeStrategy);
    if (current === null || lastSeed !== envStrategy) {
      this.store.transaction(() => {
        this.store.config.set(CONFIG_KEYS.activeStrategy, envStrategy, 'system', now);
        this.store.config.set('strategy.env_seed', envStrategy, 'system', now);
      });
    }
  }

  current(): ActiveStrategy {
    const name = this.store.config.get<string>(CONFIG_KEYS.activeStrategy);
    if (!name) throw new Error('no active strategy: StrategyHost.seed() was not called');
    if (name !== this.paramsKeyFor) {
      this.paramsKeyFor = name;
      this.paramsKey = CONFIG_KEYS.strategyParams(name);
    }
    const paramsEntry = this.store.config.entry(this.paramsKey);
    // Fast path for the per-candle call: same strategy, same stored object, same write time.
    if (
      this.active &&
      name === this.seenName &&
      paramsEntry?.value === this.seenParams &&
      (paramsEntry?.updatedAt ?? 0) === this.seenUpdatedAt
    )
      return this.active;
    this.seenName = name;
    this.seenParams = paramsEntry?.value;
    this.seenUpdatedAt = paramsEntry?.updatedAt ?? 0;
    const version = `${name}@${paramsEntry?.updatedAt ?? 0}:${JSON.stringify(paramsEntry?.value ?? null)}`;
    if (this.active && version === this.seenVersion) return this.active;
    const { strategy, params } = this.build(name, (paramsEntry?.value as Record<string, unknown> | undefined) ?? {});
    const saved = this.store.config.get<unknown>(CONFIG_KEYS.strategyState(name));
    if (saved !== null && strategy.restore) strategy.restore(saved);
    this.active = { name, params, strategy };
    this.seenVersion = version;
    return this.active;
  }

  /** Forgets the instance, so the next `current()` rebuilds it from the stored parameters and state. */
  invalidate(): void {
    this.active = null;
    this.seenVersion = '';
    this.seenName = null;
  }

  requirements(): Partial<Record<Timeframe, number>> {
    const { name, params } = this.current();
    return getStrategyDefinition(name).requirements(params, this.settings);
  }

  private build(name: string, stored: Record<string, unknown>): { strategy: Strategy; params: StrategyParams } {
    const strategy = createStrategy(name, stored, this.settings);
    return { strategy, params: strategy.params };
  }
}
