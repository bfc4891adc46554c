// payscript command line: dispatches to one command module and turns errors into exit codes.
import { BindingError, ConfigError } from '../config/errors.js';
import { JournalUnavailableError } from '../journal/journal-unavailable.js';
import { commandUsage, HelpRequest, isHelpFlag, USAGE, UsageError } from './usage.js';
import { packageVersion } from './version.js';

// Each command's modules load when it runs: an ERP starts `payscript run` per payment, and that
// needs neither Express nor the simulators.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  init: (argv) => import('./init-command.js').then((m) => m.initCommand(argv)),
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
  if (name === '--version') {
    process.stdout.write(`payscript ${packageVersion()}\n`);
    return 0;
  }
  // `payscript help run` as `payscript run --help`.
  if (name === 'help' && rest[0] !== undefined) return main([rest[0], '--help']);
  if (!name || isHelpFlag(name) || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    // Answered here for commands with subcommands too (`journal --help`).
    if (isHelpFlag(rest[0])) throw new HelpRequest(name);
    return await command(rest);
  } catch (error) {
    if (error instanceof HelpRequest) {
      process.stdout.write(`${commandUsage(error.command) ?? USAGE}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      const usage = commandUsage(error.command ?? name) ?? USAGE;
      process.stderr.write(`payscript: ${error.message}\n\n${usage}\n`);
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
