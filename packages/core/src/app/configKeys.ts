/**
 * Keys of the runtime `config` table. Strategy choice and parameters live here (not in the
 * environment) because an approved advisor proposal changes them while the bot runs; every change
 * records who made it, and the before/after pair is audited.
 */
export const CONFIG_KEYS = {
  /** TradingState, persisted so a restart keeps RUNNING / PAUSED / EMERGENCY_STOP. */
  tradingState: 'system.state',
  /** Name of the active strategy; seeded from TRADING_ACTIVE_STRATEGY on first start. */
  activeStrategy: 'strategy.active',
  /** Parameters of a strategy (a full, validated object). */
  strategyParams: (name: string) => `strategy.params.${name}`,
  /** A strategy's own state (e.g. grid centre, last traded level) for restart recovery. */
  strategyState: (name: string) => `strategy.state.${name}`,
  /** Paper account: balances and resting orders, written in the same transaction as each cycle. */
  paperAccount: 'paper.account',
  /** Last cycle sequence number, so client order ids stay unique across restarts. */
  cycleSequence: 'cycle.sequence',
} as const;
