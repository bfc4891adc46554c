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
  let banner = '';
  const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      banner += d;
      const match = /listening on ([\d.]+):(\d+)/.exec(banner);
      if (match) resolve(match);
    });
    void exited.then((code) => reject(new Error(`simulator exited with ${code}: ${banner}`)));
  });
  return {
    banner,
    host: listening[1]!,
    port: Number(listening[2]),
    stop: () => (child.kill('SIGTERM'), exited),
  };
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
