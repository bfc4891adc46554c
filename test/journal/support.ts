// Small helpers of the journal tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../../runtime/package-root.js';
import { FAST_CSOB_OPTIONS } from '../support/host.js';

/** Polls until `condition` holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** What a finished `payscript` child process printed. */
export interface Completed {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface PayscriptProcess {
  child: ChildProcess;
  done: Promise<Completed>;
}

/** The payscript command as a desk runs it: a child process of its own, killable. */
export function payscript(args: string[], home: string, env: NodeJS.ProcessEnv = {}): PayscriptProcess {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'payscript.js'), ...args], {
    cwd: packageRoot(),
    env: { ...process.env, HOME: home, PAYSCRIPT_CONFIG: '', PAYSCRIPT_JOURNAL_URL: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<Completed>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The terminal `desk1` of a desk config: a simulator's address, and the protocol's options. */
export interface DeskTerminal {
  host: string;
  port: number;
  terminalId: string;
  protocol?: string;
  options?: Record<string, unknown>;
}

/** A config file for one terminal `desk1` (ČSOB unless told) with the test's journal and logs under `dir`. */
export function writeDeskConfig(dir: string, terminal: DeskTerminal, timeoutSeconds: number): string {
  const path = join(dir, `payscript-${timeoutSeconds}.config.json`);
  const { host, port, terminalId, protocol = 'csob', options = FAST_CSOB_OPTIONS } = terminal;
  const config = {
    logDir: join(dir, 'PointOfSale'),
    dataDir: join(dir, 'data'),
    terminals: [{ id: 'desk1', protocol, host, port, terminalId, timeoutSeconds, options }],
    binding: { mode: 'single', terminal: 'desk1' },
  };
  writeFileSync(path, JSON.stringify(config));
  return path;
}
