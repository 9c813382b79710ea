import type { Command } from 'commander';

/** Adds one or more commands to the program. */
export type RegisterCommands = (program: Command) => void;
type LoadCommands = () => Promise<RegisterCommands>;

/**
 * Every top-level command word and the module that defines it. Each is imported on demand, so a
 * command pays only for its own libraries (`warden users` never loads ccxt or fastify).
 */
const COMMAND_MODULES: ReadonlyArray<{ readonly words: readonly string[]; readonly load: LoadCommands }> = [
  { words: ['start'], load: async () => (await import('./commands/start.js')).registerStartCommand },
  { words: ['backtest'], load: async () => (await import('./commands/backtest.js')).registerBacktestCommand },
  { words: ['research'], load: async () => (await import('./commands/research.js')).registerResearchCommand },
  { words: ['data'], load: async () => (await import('./commands/data.js')).registerDataCommands },
  { words: ['migrate', 'audit', 'config'], load: async () => (await import('./commands/maintenance.js')).registerMaintenanceCommands },
  { words: ['users'], load: async () => (await import('./commands/users.js')).registerUserCommands },
];

/** Every top-level command word, for help and tests. */
export const COMMAND_WORDS: readonly string[] = COMMAND_MODULES.flatMap((m) => m.words);

/**
 * The command modules to load for these arguments (`process.argv.slice(2)`): the one defining the
 * command word, none for `--version` alone, and all of them otherwise (help, a typo: commander
 * then lists or suggests every command).
 */
export function commandModulesFor(args: readonly string[]): LoadCommands[] {
  const word = args.find((a) => !a.startsWith('-'));
  if (word === undefined && args.length > 0 && args.every((a) => a === '--version' || a === '-V')) return [];
  const match = COMMAND_MODULES.find((m) => word !== undefined && m.words.includes(word));
  return match ? [match.load] : COMMAND_MODULES.map((m) => m.load);
}
