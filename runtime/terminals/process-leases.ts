// Leases where one machine decides alone (the SQLite journal in `dataDir`): inside the process one
// holder per terminal, and a transaction belongs to the process that sent it while that process lives.
// Nothing is fenced: no other machine can write to this journal.
import { isOtherLiveProcess } from '../journal/owner-process.js';
import { newHostId } from './host-id.js';
import { InProcessHolds } from './in-process-holds.js';
import type { AcquireOptions, LeaseAnswer, SentTransaction, TerminalLeases } from './terminal-leases.js';

/** A local lease is never lost: nothing outside this process can take it. */
const NEVER = new AbortController().signal;

export class ProcessLeases implements TerminalLeases {
  readonly hostId = newHostId();
  private readonly holds = new InProcessHolds();

  async acquire(terminal: string, { waitMs, signal }: AcquireOptions): Promise<LeaseAnswer> {
    const hold = await this.holds.take(terminal, waitMs, signal);
    if (!hold) return { kind: 'busy', holder: this.hostId };
    return {
      kind: 'held',
      lease: {
        terminal,
        fence: undefined,
        lost: NEVER,
        // Only this process drives the terminal through this manager; what its driver remembers stands.
        handedOver: false,
        senderOf: (transaction: SentTransaction) =>
          isOtherLiveProcess(transaction.ownerPid) ? `process ${transaction.ownerPid}` : undefined,
        release: async () => this.holds.free(terminal, hold),
      },
    };
  }

  async close(): Promise<void> {
    this.holds.freeAll();
  }
}
