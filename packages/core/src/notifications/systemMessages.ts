import type { SystemStatus, TransitionResult } from '../app/services.js';
import type { Notification } from '../ports/notifier.js';
import type { TransitionCommand } from '../state/tradingState.js';
import { errorMessage } from './format.js';

export interface StateChange extends TransitionResult {
  readonly command: TransitionCommand;
  readonly actor: string;
  readonly reason: string;
}

export function stateChangeNotification(change: StateChange): Notification {
  const lines = [`By: ${change.actor}`, `Command: ${change.command}`];
  if (change.reason) lines.push(`Reason: ${change.reason}`);
  if (change.cancellation) {
    lines.push(`Open orders canceled: ${change.cancellation.canceled.length}`);
    for (const f of change.cancellation.failed) lines.push(`  could not cancel ${f.clientOrderId}: ${f.error}`);
  }
  return {
    type: 'state',
    title: `State ${change.from} → ${change.to}`,
    lines,
    data: { from: change.from, to: change.to, command: change.command },
  };
}

export interface CycleFailure {
  readonly cycleId: string | null;
  readonly error: unknown;
  /** A fatal error stopped the scheduler; a contained one only lost this cycle. */
  readonly fatal: boolean;
}

export function cycleErrorNotification(failure: CycleFailure): Notification {
  const code = failure.error instanceof Error && 'code' in failure.error ? String(failure.error.code) : null;
  const lines = [`Error: ${errorMessage(failure.error)}`];
  if (code) lines.push(`Code: ${code}`);
  if (failure.cycleId) lines.push(`Cycle: ${failure.cycleId}`);
  lines.push(failure.fatal ? 'The scheduler stopped; an operator must look at it.' : 'The next cycle runs as usual.');
  return { type: 'errors', title: failure.fatal ? 'Fatal cycle error' : 'Cycle error', lines, data: { fatal: failure.fatal } };
}

export function startupNotification(status: SystemStatus): Notification {
  return {
    type: 'lifecycle',
    title: `Warden ${status.version} started`,
    lines: [
      `Mode: ${status.mode}`,
      `Symbol: ${status.symbol} (${status.timeframes.join(', ')})`,
      `Strategy: ${status.strategy}`,
      `State: ${status.state}`,
      `Scheduler: ${status.schedulerRunning ? 'running' : 'stopped'}${status.dataReady ? '' : ' (waiting for data)'}`,
    ],
  };
}

export function shutdownNotification(reason: string): Notification {
  return { type: 'lifecycle', title: 'Warden shutting down', lines: [`Reason: ${reason}`] };
}
