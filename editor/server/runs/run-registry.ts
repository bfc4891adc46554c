// The runs this server knows: running ones, and finished ones for a while so a client can still
// fetch a report it was waiting for. What they hold together stays within a memory budget.
import { randomUUID } from 'node:crypto';
import type { RunReport } from '../../../runtime/host/run-report.js';
import { forgetOldFinished, type RetentionLimits } from './finished-retention.js';
import { Run } from './run.js';

const RETENTION: RetentionLimits = {
  keepMs: 15 * 60 * 1000,
  maxFinished: 200,
  /**
   * What all runs' buffered events and reports may hold, estimated (Run.retainedBytes). A run keeps
   * at most limits.outputKiB of output (16 MiB at most, ~34 MiB as estimated), so the two runs
   * finished last fit even at that limit; the oldest finished runs are forgotten first to stay within it.
   */
  maxBytes: 96 * 1024 * 1024,
};

export class RunRegistry {
  private readonly runs = new Map<string, Run>();
  /** Finished runs in the order they finished: the order they are forgotten in. */
  private readonly finished = new Set<Run>();

  /**
   * Starts `execute` for a new run. A failure before the script starts (an unbound desk, say)
   * ends the run with that message as its error, as `payscript run` would print it.
   */
  start(owner: string, script: string, execute: (run: Run) => Promise<RunReport>): Run {
    this.prune();
    const run = new Run(randomUUID(), owner, script);
    this.runs.set(run.id, run);
    execute(run)
      .then(
        (report) => run.emit({ type: 'end', data: report }),
        (error: Error) =>
          run.emit({ type: 'end', data: { ok: false, logs: [], transactions: [], error: { message: error.message } } }),
      )
      .finally(() => {
        this.finished.add(run);
        this.prune();
      });
    return run;
  }

  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  private prune(): void {
    forgetOldFinished(this.runs, this.finished, RETENTION);
  }
}
