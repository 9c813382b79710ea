import type { TransitionCommand } from '@warden/core/state/tradingState';
import type { CommandInput, CommandSpec, Reply, TelegramServices } from './types.js';

async function transition(
  services: TelegramServices,
  input: CommandInput,
  command: TransitionCommand,
  defaultReason: string,
): Promise<readonly Reply[]> {
  const reason = input.args.trim() || defaultReason;
  const result = await services.control.transition(command, input.actor, reason);
  const lines = [`State ${result.from} → ${result.to}`, `Reason: ${reason}`];
  if (result.cancellation) {
    lines.push(`Open orders canceled: ${result.cancellation.canceled.length}`);
    for (const f of result.cancellation.failed) lines.push(`Could not cancel ${f.clientOrderId}: ${f.error}`);
  }
  return [{ text: lines.join('\n') }];
}

export const pauseCommand: CommandSpec = {
  name: 'pause',
  minRole: 'operator',
  description: 'pause trading (optional reason)',
  run: (services, input) => transition(services, input, 'pause', 'paused from Telegram'),
};

/**
 * From PAUSED this is a plain resume. From EMERGENCY_STOP it is the explicit manual resume, which
 * the state machine reserves for an admin giving a reason — so "/resume" alone is refused there.
 */
export const resumeCommand: CommandSpec = {
  name: 'resume',
  minRole: 'operator',
  description: 'resume trading; after an emergency stop: admin, "/resume <reason>"',
  run: (services, input) =>
    services.control.status().state === 'EMERGENCY_STOP'
      ? transition(services, input, 'manual_resume', '')
      : transition(services, input, 'resume', 'resumed from Telegram'),
};

export const stopCommand: CommandSpec = {
  name: 'stop',
  minRole: 'operator',
  description: 'EMERGENCY STOP: halt trading and cancel open orders (optional reason)',
  run: (services, input) => transition(services, input, 'emergency_stop', 'emergency stop from Telegram'),
};
