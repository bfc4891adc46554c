// One holder per terminal inside this process: the terminal's own queue, recovery's sweep and a
// settlement by hand (the editor's server) all ask the same lease manager, and only one of them
// may hold a terminal at a time, whatever the store says.

/** A hold as its taker keeps it, to give back exactly this one. */
export interface Hold {
  readonly released: Promise<void>;
  release(): void;
}

export class InProcessHolds {
  private readonly holds = new Map<string, Hold>();

  /** Takes the terminal, waiting up to `waitMs` for the current holder; undefined when it stayed held. */
  async take(terminal: string, waitMs: number, signal: AbortSignal): Promise<Hold | undefined> {
    const deadline = Date.now() + waitMs;
    for (let hold = this.holds.get(terminal); hold; hold = this.holds.get(terminal)) {
      const left = deadline - Date.now();
      if (left <= 0 || signal.aborted) return undefined;
      await Promise.race([hold.released, aborted(AbortSignal.any([signal, AbortSignal.timeout(left)]))]);
    }
    let release!: () => void;
    const hold: Hold = { released: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
    this.holds.set(terminal, hold);
    return hold;
  }

  /** Gives `hold` back; one given back before (or replaced by close) changes nothing. */
  free(terminal: string, hold: Hold): void {
    if (this.holds.get(terminal) !== hold) return;
    this.holds.delete(terminal);
    hold.release();
  }

  freeAll(): void {
    for (const [terminal, hold] of [...this.holds]) this.free(terminal, hold);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
