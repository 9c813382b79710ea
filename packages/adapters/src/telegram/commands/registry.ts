import type { Role } from '@warden/core/config/schema';
import { roleAtLeast } from '@warden/core/state/tradingState';
import { adviseCommand, pauseCommand, resumeCommand, stopCommand } from './controlCommands.js';
import { approvalsCommand, balanceCommand, positionsCommand, profitCommand, statusCommand, tradesCommand } from './readCommands.js';
import type { CommandSpec } from './types.js';

const helpCommand: CommandSpec = {
  name: 'help',
  minRole: 'viewer',
  description: 'this list',
  run: (_services, { actor }) => [{ text: helpText(actor.role === 'system' ? 'admin' : actor.role) }],
};

export const COMMANDS: readonly CommandSpec[] = [
  statusCommand,
  balanceCommand,
  positionsCommand,
  tradesCommand,
  profitCommand,
  approvalsCommand,
  pauseCommand,
  resumeCommand,
  stopCommand,
  adviseCommand,
  helpCommand,
];

export function helpText(role: Role): string {
  const lines = COMMANDS.map((c) => `/${c.name} — ${c.description}${roleAtLeast(role, c.minRole) ? '' : ` (needs ${c.minRole})`}`);
  return [`Warden commands (your role here: ${role}):`, ...lines].join('\n');
}
