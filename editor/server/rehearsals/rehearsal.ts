// One rehearsal started from the editor: its cells as they finish (replayed to late listeners, so a
// page that connects after the start still fills the whole matrix), its stop switch and its end.
import type { JudgedCell } from '../../../runtime/rehearsal/rehearsal.js';

/** What the matrix shows of a cell; its output and session log are fetched when it is opened. */
export interface CellSummary {
  protocol: string;
  outcome: string;
  ok: boolean;
  failures: string[];
  end: JudgedCell['end'];
  verdict: JudgedCell['verdict'];
  transactions: { client: string; status: string; description: string; amount?: string; currency?: string }[];
  error?: string;
}

export interface RehearsalEnd {
  passed: number;
  failed: number;
  /** Stopped from the editor (or by the server shutting down) before every cell ran as planned. */
  stopped: boolean;
  /** The rehearsal could not run at all (a simulator that would not start). */
  error?: string;
}

/** Also the Server-Sent Events of a rehearsal: `type` is the event name, `data` its JSON. */
export type RehearsalEvent = { type: 'cell'; data: CellSummary } | { type: 'end'; data: RehearsalEnd };

// Per cell beyond its text: the objects and arrays that hold it.
const CELL_OVERHEAD_BYTES = 1024;

export class Rehearsal {
  readonly startedAt = new Date();
  /** performance.now() when the rehearsal ended. */
  finishedAt?: number;
  private ended?: RehearsalEnd;
  private bytes = 0;
  private readonly cells: JudgedCell[] = [];
  private readonly listeners = new Set<(event: RehearsalEvent) => void>();
  private readonly stopper = new AbortController();

  constructor(
    readonly id: string,
    readonly owner: string,
    readonly script: string,
    readonly protocols: readonly string[],
    readonly outcomes: readonly string[],
  ) {}

  get state(): 'running' | 'finished' {
    return this.ended ? 'finished' : 'running';
  }

  /** Given to the rehearsal as `stop`: the running cells' scripts stop, the cells still to run end at once. */
  get stopSignal(): AbortSignal {
    return this.stopper.signal;
  }

  stop(reason: string): void {
    if (!this.stopper.signal.aborted) this.stopper.abort(new Error(reason));
  }

  addCell(cell: JudgedCell): void {
    if (this.ended) return;
    this.cells.push(cell);
    this.bytes += CELL_OVERHEAD_BYTES + 2 * JSON.stringify(cell).length;
    this.tell({ type: 'cell', data: summaryOf(cell) });
  }

  finish(error?: string): void {
    if (this.ended) return;
    const failed = this.cells.filter((cell) => !cell.ok).length;
    this.ended = {
      passed: this.cells.length - failed,
      failed,
      stopped: this.stopper.signal.aborted,
      ...(error !== undefined ? { error } : {}),
    };
    this.finishedAt = performance.now();
    this.tell({ type: 'end', data: this.ended });
    this.listeners.clear();
  }

  /** Replays the cells so far (and the end), then follows; returns the unsubscribe function. */
  subscribe(listener: (event: RehearsalEvent) => void): () => void {
    for (const cell of this.cells) listener({ type: 'cell', data: summaryOf(cell) });
    if (this.ended) {
      listener({ type: 'end', data: this.ended });
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A finished cell with everything it carries: the script's output and the session log's end. */
  cell(outcome: string, protocol: string): JudgedCell | undefined {
    return this.cells.find((cell) => cell.outcome === outcome && cell.protocol === protocol);
  }

  /** The memory its cells hold, estimated from above. */
  get retainedBytes(): number {
    return this.bytes;
  }

  summary() {
    return {
      id: this.id,
      script: this.script,
      owner: this.owner,
      startedAt: this.startedAt.toISOString(),
      state: this.state,
      protocols: this.protocols,
      outcomes: this.outcomes,
      cells: this.cells.map(summaryOf),
      end: this.ended,
    };
  }

  private tell(event: RehearsalEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function summaryOf(cell: JudgedCell): CellSummary {
  return {
    protocol: cell.protocol,
    outcome: cell.outcome,
    ok: cell.ok,
    failures: cell.failures,
    end: cell.end,
    verdict: cell.verdict,
    transactions: cell.transactions.map(({ client, status, description, amount, currency }) => ({
      client,
      status,
      description,
      amount,
      currency,
    })),
    ...(cell.error !== undefined ? { error: cell.error } : {}),
  };
}
