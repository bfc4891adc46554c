// The runs this server knows: running ones, and finished ones for a while so a client can still
// fetch a report it was waiting for. What they hold together stays within a memory budget.
import { randomUUID } from 'node:crypto';
import type { RunReport } from '../../../runtime/host/run-report.js';
import { Run } from './run.js';

const KEEP_FINISHED_MS = 15 * 60 * 1000;
const MAX_FINISHED = 200;
/**
 * What all runs' buffered events and reports may hold, estimated (Run.retainedBytes). A run keeps
 * at most limits.outputKiB of output (16 MiB at most, ~34 MiB as estimated), so the two runs
 * finished last fit even at that limit; the oldest finished runs are forgotten first to stay within it.
 */
const MAX_RETAINED_BYTES = 96 * 1024 * 1024;

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
    const cutoff = performance.now() - KEEP_FINISHED_MS;
    let total = 0;
    for (const run of this.runs.values()) total += run.retainedBytes;
    for (const run of this.finished) {
      const expired = run.finishedAt! < cutoff;
      if (!expired && this.finished.size <= MAX_FINISHED && total <= MAX_RETAINED_BYTES) break;
      this.finished.delete(run);
      this.runs.delete(run.id);
      total -= run.retainedBytes;
    }
  }
}
