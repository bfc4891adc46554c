// The payscript command as a real child process, with the embedded simulators at delay 0.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../runtime/package-root.js';

export interface Completed {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = join(packageRoot(), 'bin', 'payscript.js');

export function payscript(
  args: string[],
  home: string,
  env: Record<string, string> = {},
  cwd = packageRoot(),
): Promise<Completed> {
  return completion(spawn(process.execPath, [BIN, ...args], { cwd, env: environment(home, env) }));
}

export interface SimulatorProcess {
  /** What it printed when it started. */
  banner: string;
  host: string;
  port: number;
  /** Ends it with SIGTERM and resolves its exit code. */
  stop(): Promise<number | null>;
}

/** `payscript simulate <args>` in the foreground of a child process, once it says where it listens. */
export async function simulatorProcess(args: string[]): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [BIN, 'simulate', ...args]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const { match: listening, printed } = await printedMatch(child, exited, /listening on ([\d.]+):(\d+)/);
  return {
    banner: printed,
    host: listening[1]!,
    port: Number(listening[2]),
    stop: () => (child.kill('SIGTERM'), exited),
  };
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Its exit code, once it has ended and closed its output. */
  exited: Promise<number | null>;
  /** `ready`'s match in its stdout, and the stdout up to then. */
  match: RegExpExecArray;
  printed: string;
}

/**
 * `payscript serve --port 0` as `npm start` runs it, in `home` with no config file or data folder
 * set (so the embedded simulators), once its stdout matches `ready`.
 */
export async function serveProcess(home: string, env: Record<string, string>, ready: RegExp): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: home,
    env: environment(home, { PAYSCRIPT_DATA_DIR: '', ...env }),
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, ...(await printedMatch(child, exited, ready)) };
}

/** The first match of `pattern` in what the child printed, with the text so far; fails if it ends first. */
function printedMatch(
  child: ChildProcessWithoutNullStreams,
  exited: Promise<number | null>,
  pattern: RegExp,
): Promise<{ match: RegExpExecArray; printed: string }> {
  let printed = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      printed += d;
      const match = pattern.exec(printed);
      if (match) resolve({ match, printed });
    });
    void exited.then((code) => reject(new Error(`${child.spawnargs.slice(2).join(' ')} ended with ${code}: ${printed}`)));
  });
}

/** `payscript` with the size of any file it writes limited (ulimit -f), as a nearly full disk limits it. */
export function payscriptWithFileSizeLimit(kib: number, args: string[], home: string): Promise<Completed> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return completion(
    spawn('bash', ['-c', `ulimit -f ${kib} && exec ${command}`], { cwd: packageRoot(), env: environment(home, {}) }),
  );
}

function environment(home: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, PAYSCRIPT_SIMULATOR_DELAY_MS: '0', PAYSCRIPT_CONFIG: '', ...env };
}

/** A child process's exit code and everything it printed. */
export function completion(child: ChildProcessWithoutNullStreams): Promise<Completed> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
