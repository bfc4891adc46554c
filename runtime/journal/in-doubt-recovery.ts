// Settles pending and in-doubt transactions in the background: once when the host starts (a
// previous process may have died between "approved" and "recorded") and then on a timer, each
// terminal through its own TerminalSession so a lookup waits for any running operation.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TerminalSession } from '../terminals/terminal-session.js';
import type { JournalEntry } from './journal-store.js';
import { settleTerminal, type SettlementDeps } from './settlement.js';

export interface RecoveryOptions extends SettlementDeps {
  /** The session of a configured terminal, or undefined when the configuration no longer has it. */
  session(terminal: string): Promise<TerminalSession | undefined>;
  /** Pause between background sweeps. */
  intervalMs: number;
  /** Longest wait for one lookup. */
  lookupTimeoutMs: number;
  /** Pause between the lookups for a script that waits on an in-doubt result. */
  retryDelayMs: number;
}

export class InDoubtRecovery {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: RecoveryOptions) {}

  /** A sweep now, then one every interval until `stop`. */
  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    // The timer alone must not keep a finished CLI run alive.
    this.timer.unref();
  }

  /** Settles what it can on every terminal with unsettled transactions; one sweep at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Looks one terminal up; resolves to what is still unsettled there. */
  async settle(terminal: string): Promise<JournalEntry[]> {
    const session = await this.options.session(terminal);
    if (!session || this.stopping.signal.aborted) return this.options.store.unsettled(terminal);
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.lookupTimeoutMs)]);
    // A terminal another host keeps is that host's to settle; what stays open is read back.
    return session.service(
      signal,
      (driver, ctx, slot) => settleTerminal(driver, ctx, slot, session.config, this.options),
      () => this.options.store.unsettled(terminal),
    );
  }

  /**
   * For a script still waiting on an in-doubt result: looks up until the transaction is settled,
   * the wait ends (`untilMs`) or the run is stopped. Resolves to the settled entry, if any.
   */
  async awaitSettlement(entry: JournalEntry, signal: AbortSignal, untilMs: number): Promise<JournalEntry | undefined> {
    for (;;) {
      const open = await this.settle(entry.terminal);
      if (!open.some((e) => e.id === entry.id)) return this.options.store.get(entry.id);
      const pause = Math.min(this.options.retryDelayMs, untilMs - Date.now());
      if (pause <= 0 || signal.aborted) return undefined;
      await sleep(pause, undefined, { signal }).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort(new Error('host shutting down'));
    await this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    let unsettled: JournalEntry[];
    try {
      unsettled = await this.options.store.unsettled();
    } catch (error) {
      // A journal that cannot be read now is tried again by the next sweep; the host stays up.
      this.options.log('journal', `recovery sweep skipped: ${(error as Error).message}`);
      return;
    }
    const terminals = new Set(unsettled.map((entry) => entry.terminal));
    // Side by side: an unreachable terminal must not hold up the others' lookups.
    await Promise.all(
      [...terminals].map((terminal) =>
        this.settle(terminal).catch((error: Error) =>
          this.options.log(terminal, `journal: recovery lookup failed: ${error.message}`),
        ),
      ),
    );
  }
}
