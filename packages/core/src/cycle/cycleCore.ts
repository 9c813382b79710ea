import type { Position } from '../domain/orders.js';
import type { BrokerUpdate } from '../ports/broker.js';
import type { StrategyContext } from '../strategy/types.js';
import type { CycleDeps } from './cycleDeps.js';
import { cycleIdPrefix } from './cycleIds.js';
import type { CycleWork } from './cycleWork.js';

/** Config key of the open time of the last primary candle the strategy decided on. */
export const LAST_DECIDED_KEY = 'cycle.last_decided_open_time';

/**
 * What one pair's cycle carries from one run to the next — the ports, the position as recorded,
 * the last candle decided on, the strategy tag of each order — shared by the seven steps
 * (`steps/*.ts`) so each step is a plain function of (core, work): no closure per candle.
 */
export class CycleCore {
  lastDecidedOpenTime: number;
  position: Position | null = null;
  /** The position in plain numbers for the strategy context, parsed once per position change. */
  positionMarks: StrategyContext['position'] = { quantity: 0, avgEntryPrice: 0 };
  /** Client order id → the strategy's tag for it (grid level), handed back with its fills. */
  readonly tags = new Map<string, string | null>();
  readonly idPrefix: string;
  readonly replay: boolean;

  constructor(readonly deps: CycleDeps) {
    this.lastDecidedOpenTime = deps.store.config.get<number>(LAST_DECIDED_KEY) ?? -1;
    this.setPosition(deps.store.positions.get(deps.settings.symbol));
    this.idPrefix = cycleIdPrefix(deps.settings.symbol, deps.settings.primaryTimeframe);
    this.replay = deps.replay === true;
  }

  setPosition(position: Position | null): void {
    this.position = position;
    this.positionMarks = Object.freeze({ quantity: Number(position?.quantity ?? 0), avgEntryPrice: Number(position?.avgEntryPrice ?? 0) });
  }

  /** Takes a broker's answer into the cycle's work: orders in their latest state, fills to record. */
  collect(update: BrokerUpdate, work: CycleWork): void {
    if (update.orders.length === 0 && update.fills.length === 0) return; // most cycles: nothing happened
    for (const o of update.orders) {
      work.upsertOrder(o);
      if (!this.tags.has(o.clientOrderId)) this.tags.set(o.clientOrderId, o.tag);
    }
    for (const f of update.fills) work.addFill(f);
  }
}
