import type { Role } from '../config/schema.js';
import { IllegalTransitionError } from '../errors/errors.js';
import type { ConfigRepository } from '../ports/store.js';
import { roleAtLeast, type TradingState } from './tradingState.js';

/** A pair's own switch, under the account's state: an operator may pause one pair and keep the others trading. */
export type PairState = 'RUNNING' | 'PAUSED';

/** Config key of a pair's switch, inside the pair's scope (`pairStore`): `pair.ETH/USDT.trading.pair_state`. */
export const PAIR_STATE_KEY = 'trading.pair_state';

export type PairCommand = 'pause' | 'resume';

/** A pair's switch as stored (RUNNING unless an operator paused it). */
export function readPairState(pairConfig: Pick<ConfigRepository, 'get'>): PairState {
  return pairConfig.get<PairState>(PAIR_STATE_KEY) === 'PAUSED' ? 'PAUSED' : 'RUNNING';
}

/**
 * What a pair's cycle sees: the account's state when it is not RUNNING (a pause or an emergency
 * stop holds every pair), otherwise the pair's own switch.
 */
export function effectivePairState(account: TradingState, pair: PairState): TradingState {
  return account !== 'RUNNING' ? account : pair;
}

/**
 * The next switch position for a pause/resume of one pair, or an IllegalTransitionError saying why
 * not: an operator's action (as for the account), pausing a paused pair or resuming a running one is
 * refused, and so is resuming a pair while the account is in EMERGENCY_STOP (only an admin's manual
 * resume of the account leaves it).
 */
export function nextPairState(current: PairState, account: TradingState, command: PairCommand, actorRole: Role | 'system'): PairState {
  const to: PairState = command === 'pause' ? 'PAUSED' : 'RUNNING';
  if (!roleAtLeast(actorRole, 'operator'))
    throw new IllegalTransitionError(current, to, `${command} of a pair needs role operator, actor has ${actorRole}`, 'operator');
  if (command === 'pause' && current === 'PAUSED') throw new IllegalTransitionError(current, to, 'the pair is already paused');
  if (command === 'resume' && current === 'RUNNING') throw new IllegalTransitionError(current, to, 'the pair is not paused');
  if (command === 'resume' && account === 'EMERGENCY_STOP')
    throw new IllegalTransitionError(current, to, 'the account is in EMERGENCY_STOP: an admin must resume it first (manual_resume)');
  return to;
}
