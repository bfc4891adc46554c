// One script run started from the editor or the API: what it has said so far (replayed to late
// listeners, so an SSE client that connects after the start still sees every line), its abort
// switch and its report.
import type { TransactionReport } from '../../../bindings/result-view.js';
import type { RunReport } from '../../../runtime/host/run-report.js';
import type { StatusEvent } from '../../../runtime/terminals/driver.js';

/** Also the Server-Sent Events of a run: `type` is the event name, `data` its JSON. */
export type RunEvent =
  | { type: 'console'; data: { level: string; text: string } }
  | { type: 'status'; data: StatusEvent }
  | { type: 'transaction'; data: TransactionReport }
  | { type: 'end'; data: RunReport };

export type RunState = 'running' | 'finished';

// Per buffered event beyond its text: the event object, its data object, the array slot.
const EVENT_OVERHEAD_BYTES = 128;

export class Run {
  readonly startedAt = new Date();
  report?: RunReport;
  /** performance.now() when the run ended. */
  finishedAt?: number;
  private bytes = 0;
  private readonly events: RunEvent[] = [];
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly merchantAbort = new AbortController();

  constructor(
    readonly id: string,
    readonly owner: string,
    readonly script: string,
  ) {}

  get state(): RunState {
    return this.report ? 'finished' : 'running';
  }

  /** Given to runScript as `merchantAbort`. */
  get abortSignal(): AbortSignal {
    return this.merchantAbort.signal;
  }

  /** The cash desk's abort button: the payment waiting at the terminal ends as Cancelled. */
  abort(): void {
    this.merchantAbort.abort();
  }

  emit(event: RunEvent): void {
    if (this.report) return;
    this.events.push(event);
    this.bytes += eventBytes(event);
    if (event.type === 'end') {
      this.report = event.data;
      this.finishedAt = performance.now();
    }
    for (const listener of this.listeners) listener(event);
    if (event.type === 'end') this.listeners.clear();
  }

  /** Replays what happened so far, then follows; returns the unsubscribe function. */
  subscribe(listener: (event: RunEvent) => void): () => void {
    for (const event of this.events) listener(event);
    if (this.report) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The memory its buffered events and report hold, estimated from above. */
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
      report: this.report,
    };
  }
}

/**
 * Two bytes a character (V8 keeps a string in one or two). The report's console lines are the
 * same strings as the console events (payscript-host.ts hands one string to both), so they are
 * counted once, with the events.
 */
function eventBytes(event: RunEvent): number {
  switch (event.type) {
    case 'console':
      return EVENT_OVERHEAD_BYTES + 2 * (event.data.text.length + event.data.level.length);
    case 'end':
      return EVENT_OVERHEAD_BYTES + 8 * event.data.logs.length + 2 * JSON.stringify({ ...event.data, logs: [] }).length;
    default:
      return EVENT_OVERHEAD_BYTES + 2 * JSON.stringify(event.data).length;
  }
}
