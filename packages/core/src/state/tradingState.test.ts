import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../config/schema.js';
import { IllegalTransitionError } from '../errors/errors.js';
import {
  canTrade,
  nextState,
  roleAtLeast,
  TRADING_STATES,
  TRANSITION_COMMANDS,
  type TradingState,
  type TransitionCommand,
} from './tradingState.js';

const actors = [...ROLES, 'system'] as const;

/** The rules as a table written out by hand, independent of the implementation's table. */
function expected(from: TradingState, command: TransitionCommand, role: (typeof actors)[number], reason: string): TradingState | 'illegal' {
  switch (command) {
    case 'pause':
      return from === 'RUNNING' && roleAtLeast(role, 'operator') ? 'PAUSED' : 'illegal';
    case 'resume':
      return from === 'PAUSED' && roleAtLeast(role, 'operator') ? 'RUNNING' : 'illegal';
    case 'emergency_stop':
      return roleAtLeast(role, 'operator') ? 'EMERGENCY_STOP' : 'illegal';
    case 'manual_resume':
      return from === 'EMERGENCY_STOP' && roleAtLeast(role, 'admin') && reason.trim() !== '' ? 'RUNNING' : 'illegal';
  }
}

describe('trading state machine', () => {
  // Every (state, command, role, reason present?) combination, legal and illegal.
  for (const from of TRADING_STATES)
    for (const command of TRANSITION_COMMANDS)
      for (const role of actors)
        for (const reason of ['', 'checked the exchange']) {
          const want = expected(from, command, role, reason);
          it(`${from} --${command} by ${role}${reason ? ' with a reason' : ''}--> ${want}`, () => {
            const run = () => nextState(from, { command, actorRole: role, reason });
            if (want === 'illegal') expect(run).toThrow(IllegalTransitionError);
            else expect(run()).toBe(want);
          });
        }

  it('over any sequence of requests: trading only while RUNNING, and EMERGENCY_STOP is left only by an admin manual resume with a reason', () => {
    const request = fc.record({
      command: fc.constantFrom(...TRANSITION_COMMANDS),
      actorRole: fc.constantFrom(...actors),
      reason: fc.constantFrom('', '  ', 'ok'),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), (requests) => {
        let state: TradingState = 'RUNNING';
        for (const r of requests) {
          const before = state;
          try {
            state = nextState(state, r);
          } catch (e) {
            expect(e).toBeInstanceOf(IllegalTransitionError);
            continue; // an illegal request changes nothing
          }
          if (before === 'EMERGENCY_STOP' && state !== 'EMERGENCY_STOP') {
            expect(r.command).toBe('manual_resume');
            expect(roleAtLeast(r.actorRole, 'admin')).toBe(true);
            expect(r.reason.trim()).not.toBe('');
          }
          if (r.command === 'emergency_stop') expect(state).toBe('EMERGENCY_STOP');
          expect(canTrade(state)).toBe(state === 'RUNNING');
        }
      }),
    );
  });

  it('says why an illegal transition is refused', () => {
    expect(() => nextState('EMERGENCY_STOP', { command: 'resume', actorRole: 'admin', reason: '' })).toThrow(
      /manual_resume by an admin with a reason/,
    );
    expect(() => nextState('RUNNING', { command: 'pause', actorRole: 'viewer', reason: '' })).toThrow(/needs role operator/);
  });
});
