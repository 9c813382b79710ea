import { Command } from 'commander';
import { registerBacktestCommand } from './commands/backtest.js';
import { registerDataCommands } from './commands/data.js';
import { registerMaintenanceCommands } from './commands/maintenance.js';
import { registerResearchCommand } from './commands/research.js';
import { registerStartCommand } from './commands/start.js';
import { registerUserCommands } from './commands/users.js';

const program = new Command('warden')
  .description('Warden — a supervised crypto trading bot (paper trading by default)')
  .version('0.1.0')
  .showHelpAfterError();

registerStartCommand(program);
registerBacktestCommand(program);
registerResearchCommand(program);
registerDataCommands(program);
registerMaintenanceCommands(program);
registerUserCommands(program);

await program.parseAsync(process.argv);
