// The payscript command as a real child process, with the embedded simulators at delay 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../runtime/package-root.js';

export interface Completed {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function payscript(args: string[], home: string, env: Record<string, string> = {}): Promise<Completed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'payscript.js'), ...args], {
      cwd: packageRoot(),
      env: { ...process.env, HOME: home, PAYSCRIPT_SIMULATOR_DELAY_MS: '0', PAYSCRIPT_CONFIG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
