// The first half of the "host killed mid card flow" cell: the script runs in a `payscript run` child
// process against the cell's simulator and journal, and is killed with SIGKILL a moment after the
// terminal received the sale or refund the scenario aims at, so its card flow is left without a register.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PayscriptConfig } from '../config/schema.js';
import { packageRoot } from '../package-root.js';
import type { TerminalSimulator } from '../simulators/terminal-simulator.js';

// Found from the package root, so a server running from source (the editor's tests) finds it too.
const CLI = join(packageRoot(), 'bin', 'payscript.js');
/** How often the terminal's record of received requests is read while the child runs. */
const WATCH_INTERVAL_MS = 10;

export interface KilledRun {
  script: string;
  roots: readonly string[];
  config: PayscriptConfig;
  /** Where the child's config file is written. */
  dir: string;
  simulator: TerminalSimulator;
  /** 1 = the script's first sale or refund. */
  request: number;
  /** From the request's arrival to the kill: long enough that the register has its answer to the start. */
  afterMs: number;
}

/** Resolves once the child is dead: killed mid flow, or ended by itself before reaching the request. */
export async function runAndKillMidFlow(run: KilledRun): Promise<void> {
  const configFile = join(run.dir, 'killed-host.config.json');
  writeFileSync(configFile, JSON.stringify(run.config));
  const roots = run.roots.flatMap((root) => ['--root', root]);
  const child = spawn(process.execPath, [CLI, 'run', run.script, '--config', configFile, '--json', ...roots], {
    stdio: 'ignore',
  });
  let exited = false;
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  }).finally(() => (exited = true));
  const reached = () =>
    run.simulator.received().filter((r) => r.operation !== 'reversal' && r.operation !== 'close').length >= run.request;
  while (!exited && !reached()) await sleep(WATCH_INTERVAL_MS);
  if (!exited) await Promise.race([done, sleep(run.afterMs)]); // the moment of the scenario, not a wait for an event
  if (!exited) child.kill('SIGKILL');
  await done;
}
