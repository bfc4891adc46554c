// Settles a terminal's pending and in-doubt transactions: first the terminal is told to stop any
// card flow it may still run for a dead host, then each request is looked up, one by one where the
// driver can find a request by our reference or the provider's handle (`findTransaction`), else
// through the terminal's last-result record. "Not found" is final once the stop was confirmed, or
// else once the result timeout has passed. It runs inside the terminal's queue
// (TerminalSession.service, or the slot of the operation about to be sent), so neither the stop nor
// a lookup collides with an operation of this host, and under the terminal's lease: the lease says
// which unsettled transactions are ours to settle, and every write carries its fence.
import type {
  FlowStop,
  LostTransaction,
  OperationContext,
  TerminalDriver,
  TransactionLookup,
  TransactionResult,
} from '../terminals/driver.js';
import type { Lease } from '../terminals/terminal-leases.js';
import type { JournalEntry, JournalStore } from './journal-store.js';
import { judgeLastResult, type LookupVerdict } from './last-result-matching.js';
import { stateOfResult } from './transaction-state.js';

export interface SettlementDeps {
  store: JournalStore;
  /** Session-log line for every settled transaction. */
  log(terminal: string, message: string): void;
  now?: () => number;
}

/** The terminal's lease as settlement needs it. */
export type SettlingLease = Pick<Lease, 'fence' | 'senderOf'>;

export interface TerminalInfo {
  id: string;
  /** The terminal's own result timeout: a card flow cannot still be running after it. */
  timeoutSeconds: number;
}

/**
 * Looks up the terminal's unsettled transactions and records what that proves. Returns the
 * transactions still unsettled afterwards (including those another live sender is still sending), so
 * the caller can refuse new work while any remain.
 */
export async function settleTerminal(
  driver: TerminalDriver,
  ctx: OperationContext,
  lease: SettlingLease,
  terminal: TerminalInfo,
  deps: SettlementDeps,
): Promise<JournalEntry[]> {
  const unsettled = await deps.store.unsettled(terminal.id);
  const ours = unsettled.filter((entry) => lease.senderOf(entry) === undefined);
  if (ours.length === 0) return unsettled;

  const now = deps.now?.() ?? Date.now();
  const settled = new Set<string>();
  let lastRecord: Promise<TransactionResult | undefined> | undefined;
  let lastRecordTaken = false;
  // Another live host sending on this terminal has a card flow running there that must not be cut.
  const othersSending = ours.length < unsettled.length;
  // Newest first: the terminal's last record can only be the outcome of the latest one sent.
  for (const entry of [...ours].reverse()) {
    const lost = lostOf(entry);
    const stop: FlowStop = othersSending
      ? { kind: 'unconfirmed', detail: 'another host is sending' }
      : await stopFlow(driver, ctx, lost);
    const found = await findOne(driver, ctx, lost);
    let verdict: LookupVerdict;
    if (found) {
      verdict = verdictOf(found);
    } else {
      lastRecord ??= lookUpLast(driver, ctx);
      verdict = await judgeLastResult(entry, lastRecordTaken ? undefined : await lastRecord, deps.store);
      lastRecordTaken ||= verdict.kind === 'ours';
    }
    const pastTimeout = now >= entry.createdAt.getTime() + terminal.timeoutSeconds * 1000;
    if (verdict.kind === 'ours') {
      await deps.store.change(entry.id, stateOfResult(verdict.result), 'recovery', 'disk', lease.fence);
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: ${verdict.result.outcome}`);
      settled.add(entry.id);
    } else if (verdict.kind === 'absent' || (verdict.kind === 'not-found' && (stop.kind === 'stopped' || pastTimeout))) {
      // The provider vouches nothing was charged; or the terminal confirmed that nothing runs any
      // more, or past the result timeout it cannot still be finishing it: it did not happen.
      await deps.store.change(
        entry.id,
        { status: 'failed', responseCode: '', descriptionKey: 'failed' },
        'recovery',
        'disk',
        lease.fence,
      );
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: not on the terminal, failed`);
      settled.add(entry.id);
    }
  }
  return unsettled.filter((entry) => !settled.has(entry.id));
}

function lostOf(entry: JournalEntry): LostTransaction {
  return {
    reference: entry.id,
    operation: entry.kind,
    ...(entry.amountMinor !== undefined && { amountMinor: entry.amountMinor }),
    ...(entry.providerReference !== undefined && { providerReference: entry.providerReference }),
    sentAt: entry.createdAt,
  };
}

/** A stop that throws (a driver bug, a dead socket) proves nothing, like one never confirmed. */
async function stopFlow(driver: TerminalDriver, ctx: OperationContext, lost: LostTransaction): Promise<FlowStop> {
  try {
    return await driver.stopOrphanedFlow(lost, ctx);
  } catch (error) {
    return { kind: 'unconfirmed', detail: (error as Error).message };
  }
}

/** The driver's lookup of this one request, or undefined when the driver cannot look it up. */
async function findOne(
  driver: TerminalDriver,
  ctx: OperationContext,
  lost: LostTransaction,
): Promise<TransactionLookup | undefined> {
  if (!driver.findTransaction) return undefined;
  try {
    return await driver.findTransaction(lost, ctx);
  } catch (error) {
    return { kind: 'unknown', detail: (error as Error).message };
  }
}

function verdictOf(lookup: TransactionLookup): LookupVerdict {
  switch (lookup.kind) {
    case 'found':
      return { kind: 'ours', result: lookup.result };
    case 'absent':
      return { kind: 'absent' };
    case 'unknown':
      return { kind: 'no-answer' };
  }
}

/** A lookup that throws (a driver bug, a dead socket) proves nothing, like one never answered. */
async function lookUpLast(driver: TerminalDriver, ctx: OperationContext): Promise<TransactionResult | undefined> {
  try {
    return await driver.lastResult(ctx);
  } catch {
    return { outcome: 'failed', reason: 'unknown', responseCode: '' };
  }
}
