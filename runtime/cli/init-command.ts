// payscript init [DIR]: a starter project for a consultant: a config bound to a simulated ČSOB
// terminal, the script declarations with a tsconfig so their own editor (VS Code) gives the same
// IntelliSense as the web editor, and an example script that pays through the simulator.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../config/load.js';
import { packageRoot } from '../package-root.js';
import { integerOption } from './integer-option.js';
import { parseCommandLine, UsageError } from './usage.js';

/** Where `payscript simulate csob` is told to listen, so the config finds it. */
const DEFAULT_SIMULATOR_PORT = 3333;
const SIMULATOR_TERMINAL_ID = 'SIMCSOB1';

export async function initCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('init', argv);
  if (positionals.length > 1) throw new UsageError('init takes at most one folder');
  const dir = resolve(positionals[0] ?? '.');
  const port = integerOption('--port', values.port, 1, 65535, DEFAULT_SIMULATOR_PORT);
  const files = starterFiles(dir, port);

  const existing = Object.keys(files).filter((name) => existsSync(join(dir, name)));
  if (existing.length > 0 && !values.force) {
    process.stderr.write(`payscript: ${dir} already has ${existing.join(', ')}; nothing was written (--force overwrites)\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  process.stdout.write(
    `Wrote ${Object.keys(files).join(', ')} in ${dir}\n\n` +
      'Next:\n' +
      `  payscript simulate csob --port ${port} --terminal-id ${SIMULATOR_TERMINAL_ID}   (a simulated terminal; leave it running)\n` +
      `  cd ${dir} && payscript run example.ts\n` +
      'Then point payscript.config.json at the real terminal (README: Configuration).\n',
  );
  return 0;
}

/** File name → content; the config is checked by the same loader that will read it. */
function starterFiles(dir: string, port: number): Record<string, string> {
  const config = {
    language: 'en',
    logDir: join(dir, 'logs'),
    dataDir: join(dir, 'data'),
    terminals: [
      {
        id: 'desk1',
        protocol: 'csob',
        host: '127.0.0.1',
        port,
        terminalId: SIMULATOR_TERMINAL_ID,
        timeoutSeconds: 60,
        options: {},
      },
    ],
    binding: { mode: 'single', terminal: 'desk1' },
  };
  parseConfig(config, 'the starter configuration');
  // Scripts run in the sandbox, not in Node: no DOM, no Node types, only the declarations.
  const tsconfig = {
    compilerOptions: { target: 'ES2020', module: 'CommonJS', lib: ['ES2020'], strict: true, noEmit: true, types: [] },
    files: ['payscript.d.ts'],
    include: ['**/*.ts'],
  };
  const shipped = (...path: string[]) => readFileSync(join(packageRoot(), ...path), 'utf8');
  return {
    [CONFIG_FILE_NAME]: json(config),
    'tsconfig.json': json(tsconfig),
    'payscript.d.ts': shipped('bindings', 'payscript.d.ts'),
    'example.ts': shipped('scripts-examples', 'starter.ts'),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
