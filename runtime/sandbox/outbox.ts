// A worker's messages to the main thread, sent together: each postMessage cost the worker a
// structured clone and a wake-up of the main thread (a fifth of a busy worker's time). Messages
// that need no answer (console lines, posted calls) go with the next one that does, at the end of
// the current turn, or after FLUSH_MS at most, so a busy guest's lines still arrive while it runs.
import type { MessagePort } from 'node:worker_threads';
import type { FromWorker, WorkerBatch } from './protocol.js';

const FLUSH_MS = 5;

export class Outbox {
  private queued: FromWorker[] = [];
  private oldestAt = 0;
  private readonly flushAtTurnEnd = () => this.flush();

  constructor(private readonly port: MessagePort) {}

  /** Queues a message; it leaves with the next flush, at the latest when this turn's code returns. */
  add(message: FromWorker): void {
    if (this.queued.length === 0) {
      this.oldestAt = performance.now();
      // Microtasks run once the current code returns: a guest that suspends or ends flushes here.
      queueMicrotask(this.flushAtTurnEnd);
    }
    this.queued.push(message);
  }

  /** Queues a message and sends everything now: its sender waits for it. */
  send(message: FromWorker): void {
    this.add(message);
    this.flush();
  }

  /** Called often while guest code runs: sends what has waited FLUSH_MS. */
  flushIfStale(now: number): void {
    if (this.queued.length > 0 && now - this.oldestAt >= FLUSH_MS) this.flush();
  }

  private flush(): void {
    if (this.queued.length === 0) return;
    const batch: WorkerBatch = this.queued;
    this.queued = [];
    this.port.postMessage(batch);
  }
}
