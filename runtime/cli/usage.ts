// The command line's one description: each command's arguments, summary and options. Commands
// parse their options from this table and `--help` prints it, so the help never disagrees with
// what a command accepts.
import { parseArgs } from 'node:util';
import { LANGUAGES } from '../i18n/catalog.js';
import { SCENARIOS } from '../simulators/scenarios.js';

interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the help: `--port N`. */
  value?: string;
  help: string;
}

interface CommandLine {
  /** What follows the command's name: `<script>`. */
  args: string;
  summary: string;
  options: Record<string, CliOption>;
}

const LANG = {
  type: 'string',
  value: 'LANG',
  help: `language of the result descriptions: ${LANGUAGES.join(', ')}`,
} as const satisfies CliOption;
const CONFIG = {
  type: 'string',
  value: 'FILE',
  help: 'the configuration (default: PAYSCRIPT_CONFIG, else ./payscript.config.json, else the embedded simulators)',
} as const satisfies CliOption;

const JOURNAL_CONFIG = {
  config: { ...CONFIG, help: 'the configuration whose journal is read (default as for run)' },
  lang: LANG,
} as const satisfies Record<string, CliOption>;

/** One entry per command; a command with subcommands has one per subcommand (`journal list`). */
const COMMAND_LINES = {
  init: {
    args: '[DIR]',
    summary:
      'Writes a starter project into DIR (default: the current folder): payscript.config.json bound to a simulated ČSOB ' +
      'terminal, tsconfig.json and payscript.d.ts for IntelliSense in your own editor, and example.ts.',
    options: {
      port: { type: 'string', value: 'N', help: 'port of the simulated terminal the config points at (default 3333)' },
      force: { type: 'boolean', help: 'overwrite files that already exist' },
    },
  },
  run: {
    args: '<script>',
    summary: 'Runs one script at this desk and prints its transactions. Exit code 0 done, 1 the script threw or was stopped.',
    options: {
      pc: { type: 'string', value: 'NAME', help: 'PC name of the desk (default: CLIENTNAME, else the host name)' },
      user: { type: 'string', value: 'NAME', help: 'user at the desk (default: the logged-in user)' },
      location: { type: 'string', value: 'NAME', help: 'location recorded in the journal' },
      terminal: { type: 'string', value: 'ID', help: 'use this terminal instead of the one the binding picks' },
      lang: LANG,
      config: CONFIG,
      root: {
        type: 'string',
        multiple: true,
        value: 'DIR',
        help: 'a folder the script may import from (repeatable; default: its own)',
      },
      json: { type: 'boolean', help: 'print one JSON object: logs, transactions, error' },
    },
  },
  check: {
    args: '<script>…',
    summary:
      'Type-checks scripts against the script API as the editor does, printing file:line:col for each error. ' +
      'Exit code 1 if a script has type errors.',
    options: {},
  },
  test: {
    args: '<script>',
    summary:
      'Rehearses the script once per protocol × outcome on fresh simulators and checks <script>.expect.json, or by ' +
      'default: no throw, nothing charged twice, nothing left in doubt. Exit code 1 if a cell failed.',
    options: {
      protocols: { type: 'string', default: 'all', value: 'LIST', help: 'csob,gpe,posxml,nets,viva,viva-ecr or all' },
      outcomes: {
        type: 'string',
        default: 'all',
        value: 'LIST',
        help: `${SCENARIOS.map((s) => s.name).join(', ')} (outcome@2 hits the second sale or refund) or all`,
      },
      expect: {
        type: 'string',
        value: 'FILE',
        help: 'the expectations (default: <script>.expect.json, else the built-in rules)',
      },
      json: { type: 'boolean', help: 'print the cells as JSON' },
      junit: { type: 'string', value: 'FILE', help: 'also write JUnit XML, one test case per cell' },
      lang: LANG,
    },
  },
  simulate: {
    args: '<protocol>',
    summary: 'Runs a terminal simulator (csob, gpe, posxml, nets, viva) in the foreground until Ctrl+C.',
    options: {
      port: { type: 'string', value: 'N', help: 'port to listen on (default: any free one, printed)' },
      'terminal-id': { type: 'string', value: 'ID', help: "the terminal's own id" },
      'delay-ms': { type: 'string', value: 'N', help: 'how long a card flow takes (default 1500)' },
      'orphaned-flow': {
        type: 'string',
        value: 'drop|finish',
        help: 'what a card flow whose register is gone does: dropped (default) or finished approved',
      },
    },
  },
  'terminal test': {
    args: '<id>',
    summary: "Tests the connection with a configured terminal (the settings window's connection test).",
    options: {
      bank: { type: 'boolean', help: 'test the connection with the bank instead' },
      config: CONFIG,
    },
  },
  'journal list': {
    args: '',
    summary: 'Lists transactions from the journal, newest first.',
    options: {
      from: { type: 'string', value: 'DATE', help: 'from this time (a bare date is a local day)' },
      to: { type: 'string', value: 'DATE', help: 'up to this time (a bare date includes the day)' },
      terminal: { type: 'string', value: 'ID', help: 'only this terminal' },
      status: { type: 'string', value: 'LIST', help: 'success, pending, failed, aborted (comma-separated)' },
      protocol: { type: 'string', value: 'P', help: 'only this protocol' },
      location: { type: 'string', value: 'L', help: 'only this location' },
      pc: { type: 'string', value: 'NAME', help: 'only this PC' },
      user: { type: 'string', value: 'NAME', help: 'only this user' },
      limit: { type: 'string', value: 'N', help: 'at most N transactions' },
      offset: { type: 'string', value: 'N', help: 'skip the first N' },
      json: { type: 'boolean', help: 'print the page as JSON' },
      ...JOURNAL_CONFIG,
    },
  },
  'journal receipt': {
    args: '<no|id>',
    summary: "Reprints a transaction's receipt.",
    options: {
      copy: { type: 'string', value: 'merchant|customer', help: 'only this copy (default: both)' },
      ...JOURNAL_CONFIG,
    },
  },
  'journal settle': {
    args: '<no|id>',
    summary: 'Records by hand the outcome of a pending or in-doubt transaction whose terminal can no longer answer.',
    options: {
      as: { type: 'string', value: 'approved|failed', help: 'the outcome checked elsewhere (required)' },
      note: { type: 'string', value: 'TEXT', help: 'how the outcome was checked (required)' },
      auth: { type: 'string', value: 'CODE', help: 'the authorization code of an approval' },
      by: { type: 'string', value: 'NAME', help: 'who settles it (default: the logged-in user)' },
      ...JOURNAL_CONFIG,
    },
  },
  'journal migrate': {
    args: '',
    summary:
      "Copies this desk's SQLite journal, every transaction with its history, into an empty PostgreSQL journal " +
      'that several hosts will share.',
    options: {
      to: {
        type: 'string',
        value: 'URL',
        help: 'postgres://user:password@host:5432/db (default: PAYSCRIPT_JOURNAL_URL, which keeps the password off the line)',
      },
      config: { ...CONFIG, help: 'the configuration whose journal (dataDir) is copied (default as for run)' },
    },
  },
  serve: {
    args: '',
    summary: 'Starts the web editor and the HTTP API until Ctrl+C.',
    options: {
      config: CONFIG,
      port: { type: 'string', value: 'N', help: 'port (default 8780)' },
      host: { type: 'string', value: 'H', help: 'address to bind (default 127.0.0.1)' },
      'data-dir': { type: 'string', value: 'DIR', help: "users' and journal folder (default: the config's dataDir)" },
      scripts: { type: 'string', value: 'DIR', help: 'user scripts folder (default: <data dir>/scripts)' },
    },
  },
} satisfies Record<string, CommandLine>;

type CommandName = keyof typeof COMMAND_LINES;

/** Bad command line: printed with the usage of `command` (else of the command run), exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** `--help` or `-h` was given: the command's usage goes to stdout, exit code 0. */
export class HelpRequest extends Error {
  constructor(readonly command: string) {
    super(`help for ${command}`);
  }
}

export const isHelpFlag = (arg: string | undefined) => arg === '--help' || arg === '-h';

const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

/** What parseArgs returns for the command's table entry, typed option by option (`help` never set). */
export type ParsedCommandLine<N extends CommandName> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: (typeof COMMAND_LINES)[N]['options'];
    allowPositionals: true;
    strict: true;
  }>
>;

/**
 * The command's options and arguments as its table entry declares them.
 * @throws UsageError for an unknown option or a missing value; HelpRequest for `--help`
 */
export function parseCommandLine<N extends CommandName>(command: N, argv: string[]): ParsedCommandLine<N> {
  const options: Record<string, CliOption> = COMMAND_LINES[command].options;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError((error as Error).message, command);
    throw error;
  }
  if (parsed.values.help) throw new HelpRequest(command);
  return parsed as ParsedCommandLine<N>;
}

/** The usage of `command`, or of every subcommand of a command group (`journal`). */
export function commandUsage(command: string): string | undefined {
  const names = (Object.keys(COMMAND_LINES) as CommandName[]).filter((n) => n === command || n.startsWith(`${command} `));
  if (names.length === 0) return undefined;
  return names.map(describeCommand).join('\n\n');
}

function describeCommand(name: CommandName): string {
  const { args, summary, options } = COMMAND_LINES[name] as CommandLine;
  const rows = Object.entries(options).map(([option, spec]) => {
    const value = spec.value ? ` ${spec.value}` : '';
    const repeat = spec.multiple ? '…' : '';
    return [`--${option}${value}${repeat}`, spec.help];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `Usage: payscript ${name}${args ? ` ${args}` : ''}${Object.keys(options).length ? ' [options]' : ''}`,
    '',
    wrap(summary, '  '),
    '',
    'Options:',
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`),
  ].join('\n');
}

function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + word.length + 1 > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, indent + line].join('\n');
}

export const USAGE = `payscript — run payment scripts against card terminals

Usage:
${(Object.keys(COMMAND_LINES) as CommandName[])
  .map((name) => `  payscript ${`${name} ${COMMAND_LINES[name].args}`.trim()} [options]`)
  .join('\n')}
  payscript <command> --help     the command's options
  payscript --version

Without a config file (--config, PAYSCRIPT_CONFIG or ./payscript.config.json) payscript starts
in-process simulators of every protocol (terminal ids sim-<protocol>) and binds to sim-csob.
Exit codes: 0 done, 1 the script threw or was stopped (or a test or type check failed), 2 bad usage or config.`;
