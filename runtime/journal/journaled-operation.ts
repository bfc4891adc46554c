// One terminal operation through the journal, run inside the terminal's queue slot so nothing
// else reaches the terminal in between: earlier doubts on the terminal are settled first (a
// terminal with an unsettled transaction takes no new work), a double charge is refused, the
// transaction is written `pending` (durably) before the request leaves the host, and its answer after;
// every write under the terminal's lease, carrying its fence.
import type { OperationContext, TerminalDriver, TransactionResult } from '../terminals/driver.js';
import type { LeasedSlot } from '../terminals/terminal-session.js';
import type { GuardedAppend, JournalEntry, NewTransaction } from './journal-store.js';
import { JournalUnavailableError } from './journal-unavailable.js';
import type { Refusal } from './refusals.js';
import { settleTerminal, type SettlementDeps, type TerminalInfo } from './settlement.js';
import { PENDING, refusedState, stateOfResult } from './transaction-state.js';

export interface JournaledRequest {
  transaction: Omit<NewTransaction, 'id' | 'terminal' | 'protocol' | 'ownerPid'>;
  /** Sends the operation with our reference, the journal's id of the transaction. */
  send(driver: TerminalDriver, ctx: OperationContext, reference: string): Promise<TransactionResult>;
}

export type JournaledOutcome =
  | { kind: 'sent'; entry: JournalEntry; result: TransactionResult }
  /** Nothing left the host; `result` is the failure a script reads beside the refusal. */
  | { kind: 'refused'; entry: JournalEntry; refusal: Refusal; result: TransactionResult }
  /** The journal could not record the request, so it was never sent. */
  | { kind: 'unjournaled'; error: JournalUnavailableError; result: TransactionResult };

export async function runJournaled(
  driver: TerminalDriver,
  ctx: OperationContext,
  slot: LeasedSlot,
  terminal: TerminalInfo,
  request: JournaledRequest,
  deps: SettlementDeps & { newReference(): string },
): Promise<JournaledOutcome> {
  const transaction: NewTransaction = {
    ...request.transaction,
    id: deps.newReference(),
    terminal: terminal.id,
    protocol: driver.protocol,
    ownerPid: process.pid,
  };
  let pending: JournalEntry;
  try {
    const stillOpen = await settleTerminal(driver, ctx, slot, terminal, deps);
    const guarded: GuardedAppend =
      stillOpen.length > 0
        ? {
            entry: await deps.store.append(transaction, refusedState('terminal-in-doubt'), 'host', slot.fence),
            refusal: 'terminal-in-doubt',
          }
        : await deps.store.appendGuarded(transaction, slot.fence);
    if (guarded.refusal) {
      return { kind: 'refused', entry: guarded.entry, refusal: guarded.refusal, result: { outcome: 'failed', responseCode: '' } };
    }
    pending = guarded.entry;
  } catch (error) {
    if (!(error instanceof JournalUnavailableError)) throw error;
    return { kind: 'unjournaled', error, result: { outcome: 'failed', responseCode: '' } };
  }

  const journaling: OperationContext = {
    ...ctx,
    onProviderReference: async (providerReference) => {
      await deps.store.change(pending.id, { ...PENDING, providerReference }, 'terminal', 'disk', slot.fence);
    },
  };
  let result: TransactionResult;
  try {
    result = await request.send(driver, journaling, pending.id);
  } catch (error) {
    // A driver that throws may have sent the request: unknown, so recovery looks it up (a
    // pending entry that cannot be marked so is looked up all the same).
    await deps.store
      .change(pending.id, stateOfResult({ outcome: 'in-doubt', reason: 'unknown', responseCode: '' }), 'host', 'disk', slot.fence)
      .catch((journalError: Error) =>
        deps.log(terminal.id, `journal: transaction ${pending.no} not marked in doubt (${journalError.message})`),
      );
    throw error;
  }
  // The answer is recorded without waiting for the disk ('os'), and the script does not wait for
  // its commit: the write-ahead is on disk, and a host that dies (or a machine that loses power)
  // before the answer is stored leaves the transaction pending, which recovery settles from the
  // terminal like any other. One fsync per transaction, not two. The lease waits for it, so the
  // terminal's next holder finds the answer.
  const answer = deps.store.change(pending.id, stateOfResult(result), 'terminal', 'os', slot.fence).catch((error: Error) => {
    deps.log(
      terminal.id,
      `journal: the answer to transaction ${pending.no} (${pending.id}) was not recorded (${error.message}); recovery settles it`,
    );
  });
  slot.holdFor(answer);
  return { kind: 'sent', entry: pending, result };
}
