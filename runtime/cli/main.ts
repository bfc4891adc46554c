// payscript command line: dispatches to one command module and turns errors into exit codes.
import { BindingError, ConfigError } from '../config/errors.js';
import { JournalUnavailableError } from '../journal/journal-unavailable.js';
import { USAGE, UsageError } from './usage.js';

// Each command's modules load when it runs: an ERP starts `payscript run` per payment, and that
// needs neither Express nor the simulators.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: (argv) => import('./run-command.js').then((m) => m.runCommand(argv)),
  check: (argv) => import('./check-command.js').then((m) => m.checkCommand(argv)),
  journal: (argv) => import('./journal-command.js').then((m) => m.journalCommand(argv)),
  serve: (argv) => import('./serve-command.js').then((m) => m.serveCommand(argv)),
  simulate: (argv) => import('./simulate-command.js').then((m) => m.simulateCommand(argv)),
  test: (argv) => import('./test-command.js').then((m) => m.testCommand(argv)),
  terminal: (argv) => import('./terminal-command.js').then((m) => m.terminalCommand(argv)),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`payscript: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof BindingError) {
      process.stderr.write(`payscript: ${error.message}\n`);
      return 2;
    }
    if (error instanceof JournalUnavailableError) {
      process.stderr.write(`payscript: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
