// Starts the host process, hands it scripts, kills it with SIGKILL and starts it again. A run the
// kill interrupted ends as 'killed'; the cashier would simply try again.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../host/run-report.js';
import { packageRoot } from '../package-root.js';
import type { HostMessage, RunOrder } from './host-process.js';

export type RunEnd = RunReport | 'killed';

/**
 * The built host (dist/, made by `npm run build`, which `npm test` and `npm run soak` run first):
 * it starts in a fraction of the time the TypeScript source needs through tsx, and the soak starts
 * it again after every kill. Without a build, the source through tsx.
 */
function hostEntry(): { entry: string; execArgv: string[] } {
  const built = join(packageRoot(), 'dist', 'runtime', 'soak', 'host-process.js');
  if (existsSync(built)) return { entry: built, execArgv: [] };
  return { entry: fileURLToPath(new URL('./host-process.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

export class HostSupervisor {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly waiting = new Map<number, { resolve: (end: RunEnd) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  kills = 0;

  constructor(
    private readonly configFile: string,
    private readonly recoveryIntervalMs: number,
    /** Added to the host's environment (the shared journal's URL). */
    private readonly env: Record<string, string> = {},
  ) {}

  start(): Promise<void> {
    const { entry, execArgv } = hostEntry();
    const child = fork(entry, [this.configFile, String(this.recoveryIntervalMs)], {
      cwd: packageRoot(),
      env: { ...process.env, ...this.env },
      execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (message: HostMessage) => {
        if ('ready' in message) return resolve();
        const run = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if ('error' in message) run?.reject(new Error(`host: ${message.error}`));
        else run?.resolve(message.report);
      });
      child.once('exit', () => {
        reject(new Error('the host exited before it was ready'));
        if (this.child === child) this.child = undefined;
        for (const run of this.waiting.values()) run.resolve('killed');
        this.waiting.clear();
      });
    });
    return this.ready;
  }

  async run(script: string, pc: string): Promise<RunEnd> {
    await this.ready;
    const child = this.child;
    if (!child?.connected) return 'killed';
    const order: RunOrder = { id: this.nextId++, script, pc };
    return new Promise((resolve, reject) => {
      this.waiting.set(order.id, { resolve, reject });
      // A kill between the check above and the send closes the channel: the run never started.
      child.send(order, (error) => {
        if (error && this.waiting.delete(order.id)) resolve('killed');
      });
    });
  }

  /** SIGKILL: no shutdown, no flush, exactly like pulling the plug on the host. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    this.kills += 1;
    await exited;
  }

  /** A clean end: the host closes its journal and terminals. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
}
