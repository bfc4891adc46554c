// The runs this server knows: running ones, and finished ones for a while so a client can still
// fetch a report it was waiting for.
import { randomUUID } from 'node:crypto';
import type { RunReport } from '../../../runtime/host/run-report.js';
import { Run } from './run.js';

const KEEP_FINISHED_MS = 15 * 60 * 1000;
const MAX_FINISHED = 200;

export class RunRegistry {
  private readonly runs = new Map<string, Run>();

  /**
   * Starts `execute` for a new run. A failure before the script starts (an unbound desk, say)
   * ends the run with that message as its error, as `payscript run` would print it.
   */
  start(owner: string, script: string, execute: (run: Run) => Promise<RunReport>): Run {
    this.prune();
    const run = new Run(randomUUID(), owner, script);
    this.runs.set(run.id, run);
    execute(run).then(
      (report) => run.emit({ type: 'end', data: report }),
      (error: Error) => run.emit({ type: 'end', data: { ok: false, logs: [], transactions: [], error: { message: error.message } } }),
    );
    return run;
  }

  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((r) => r.state === 'finished');
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    finished.forEach((run, index) => {
      if (run.startedAt.getTime() < cutoff || finished.length - index > MAX_FINISHED) this.runs.delete(run.id);
    });
  }
}
