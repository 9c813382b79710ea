import type { Role } from '../config/schema.js';
import { IllegalTransitionError } from '../errors/errors.js';

export const TRADING_STATES = ['RUNNING', 'PAUSED', 'EMERGENCY_STOP'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export const TRANSITION_COMMANDS = ['pause', 'resume', 'emergency_stop', 'manual_resume'] as const;
export type TransitionCommand = (typeof TRANSITION_COMMANDS)[number];

/** Who asks for a transition. `system` covers the risk engine and the approval-expiry policy. */
export interface TransitionRequest {
  readonly command: TransitionCommand;
  readonly actorRole: Role | 'system';
  readonly reason: string;
}

interface Rule {
  readonly from: readonly TradingState[];
  readonly to: TradingState;
  readonly minRole: Role | 'system';
  readonly needsReason: boolean;
}

/**
 * The transition table. Trading happens only in RUNNING. Emergency stop is reachable from every
 * state (stopping twice is harmless, so EMERGENCY_STOP → EMERGENCY_STOP is allowed and re-audited);
 * leaving it takes an admin's explicit manual resume with a reason — a plain resume is refused so
 * that nobody un-stops the bot by habit.
 */
const RULES: Record<TransitionCommand, Rule> = {
  pause: { from: ['RUNNING'], to: 'PAUSED', minRole: 'operator', needsReason: false },
  resume: { from: ['PAUSED'], to: 'RUNNING', minRole: 'operator', needsReason: false },
  emergency_stop: { from: ['RUNNING', 'PAUSED', 'EMERGENCY_STOP'], to: 'EMERGENCY_STOP', minRole: 'operator', needsReason: false },
  manual_resume: { from: ['EMERGENCY_STOP'], to: 'RUNNING', minRole: 'admin', needsReason: true },
};

const ROLE_RANK: Record<Role | 'system', number> = { viewer: 0, operator: 1, admin: 2, system: 3 };

export function roleAtLeast(role: Role | 'system', min: Role | 'system'): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

/** Pure: the next state, or an IllegalTransitionError saying why not. */
export function nextState(current: TradingState, request: TransitionRequest): TradingState {
  const rule = RULES[request.command];
  if (!rule.from.includes(current)) {
    const hint = current === 'EMERGENCY_STOP' ? ' (leaving EMERGENCY_STOP needs manual_resume by an admin with a reason)' : '';
    throw new IllegalTransitionError(current, rule.to, `${request.command} is not allowed from ${current}${hint}`);
  }
  if (!roleAtLeast(request.actorRole, rule.minRole)) {
    throw new IllegalTransitionError(
      current,
      rule.to,
      `${request.command} needs role ${rule.minRole}, actor has ${request.actorRole}`,
      rule.minRole,
    );
  }
  if (rule.needsReason && request.reason.trim().length === 0) {
    throw new IllegalTransitionError(current, rule.to, `${request.command} needs a reason`);
  }
  return rule.to;
}

export function canTrade(state: TradingState): boolean {
  return state === 'RUNNING';
}
