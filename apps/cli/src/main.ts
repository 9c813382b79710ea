import { Command } from 'commander';
import { commandModulesFor } from './commandModules.js';
import { VERSION } from './version.js';

const program = new Command('warden')
  .description('Warden — a supervised crypto trading bot (paper trading by default)')
  .version(VERSION)
  .showHelpAfterError();

// Only the modules of the command being run are loaded: `warden --version` loads none of them.
for (const load of commandModulesFor(process.argv.slice(2))) (await load())(program);

await program.parseAsync(process.argv);
