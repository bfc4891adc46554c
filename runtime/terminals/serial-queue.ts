// One thing at a time: a terminal serves one exchange, and its session one operation, so callers
// wait their turn here. A task that fails (rejects or throws) ends its turn; the next one still runs.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private unfinished = 0;

  /**
   * `whenIdle` runs in the queue after a task that left nothing queued behind it, before any task
   * queued later starts (a terminal gives its lease back then); its failure is its own business.
   */
  constructor(private readonly whenIdle?: () => Promise<void>) {}

  /** A task is running or waiting its turn. */
  get busy(): boolean {
    return this.unfinished > 0;
  }

  /** Runs `task` once every task queued before it has settled; settles as the task does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.unfinished++;
    const turn = this.tail.then(task).finally(() => this.unfinished--);
    const settled = turn.catch(() => undefined);
    const whenIdle = this.whenIdle;
    this.tail = whenIdle ? settled.then(() => (this.unfinished === 0 ? whenIdle() : undefined)).catch(() => undefined) : settled;
    return turn;
  }
}
