// The payscript command as a real child process, with the embedded simulators at delay 0.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../runtime/package-root.js';

export interface Completed {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function payscript(args: string[], home: string, env: Record<string, string> = {}): Promise<Completed> {
  return completion(
    spawn(process.execPath, [join(packageRoot(), 'bin', 'payscript.js'), ...args], {
      cwd: packageRoot(),
      env: environment(home, env),
    }),
  );
}

/** `payscript` with the size of any file it writes limited (ulimit -f), as a nearly full disk limits it. */
export function payscriptWithFileSizeLimit(kib: number, args: string[], home: string): Promise<Completed> {
  const command = [process.execPath, join(packageRoot(), 'bin', 'payscript.js'), ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(' ');
  return completion(
    spawn('bash', ['-c', `ulimit -f ${kib} && exec ${command}`], { cwd: packageRoot(), env: environment(home, {}) }),
  );
}

function environment(home: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, PAYSCRIPT_SIMULATOR_DELAY_MS: '0', PAYSCRIPT_CONFIG: '', ...env };
}

function completion(child: ChildProcessWithoutNullStreams): Promise<Completed> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
