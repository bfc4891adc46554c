// Settles a terminal's pending and in-doubt transactions by looking them up: one by one where the
// driver can find a request by our reference or the provider's handle (`findTransaction`), else
// through the terminal's last-result record. It runs inside the terminal's queue
// (TerminalSession.service, or the slot of the operation about to be sent), so a lookup never
// collides with a running operation.
import type { OperationContext, TerminalDriver, TransactionLookup, TransactionResult } from '../terminals/driver.js';
import type { JournalEntry, JournalStore } from './journal-store.js';
import { judgeLastResult, type LookupVerdict } from './last-result-matching.js';
import { isOtherLiveProcess } from './owner-process.js';
import { stateOfResult } from './transaction-state.js';

export interface SettlementDeps {
  store: JournalStore;
  /** Session-log line for every settled transaction. */
  log(terminal: string, message: string): void;
  now?: () => number;
}

export interface TerminalInfo {
  id: string;
  /** The terminal's own result timeout: a card flow cannot still be running after it. */
  timeoutSeconds: number;
}

/**
 * Looks up the terminal's unsettled transactions and records what that proves. Returns the
 * transactions still unsettled afterwards (including those another live process is sending), so
 * the caller can refuse new work while any remain.
 */
export async function settleTerminal(
  driver: TerminalDriver,
  ctx: OperationContext,
  terminal: TerminalInfo,
  deps: SettlementDeps,
): Promise<JournalEntry[]> {
  const unsettled = await deps.store.unsettled(terminal.id);
  const ours = unsettled.filter((entry) => !isOtherLiveProcess(entry.ownerPid));
  if (ours.length === 0) return unsettled;

  const now = deps.now?.() ?? Date.now();
  const settled = new Set<string>();
  let lastRecord: Promise<TransactionResult | undefined> | undefined;
  let lastRecordTaken = false;
  // Newest first: the terminal's last record can only be the outcome of the latest one sent.
  for (const entry of [...ours].reverse()) {
    const found = await findOne(driver, ctx, entry);
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
      await deps.store.change(entry.id, stateOfResult(verdict.result), 'recovery');
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: ${verdict.result.outcome}`);
      settled.add(entry.id);
    } else if (verdict.kind === 'absent' || (verdict.kind === 'not-found' && pastTimeout)) {
      // The provider vouches nothing was charged, or past the result timeout the terminal cannot
      // still be finishing it: it did not happen.
      await deps.store.change(entry.id, { status: 'failed', responseCode: '', descriptionKey: 'failed' }, 'recovery');
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: not on the terminal, failed`);
      settled.add(entry.id);
    }
  }
  return unsettled.filter((entry) => !settled.has(entry.id));
}

/** The driver's lookup of this one request, or undefined when the driver cannot look it up. */
async function findOne(driver: TerminalDriver, ctx: OperationContext, entry: JournalEntry): Promise<TransactionLookup | undefined> {
  if (!driver.findTransaction) return undefined;
  try {
    return await driver.findTransaction(
      {
        reference: entry.id,
        operation: entry.kind,
        ...(entry.amountMinor !== undefined && { amountMinor: entry.amountMinor }),
        ...(entry.providerReference !== undefined && { providerReference: entry.providerReference }),
        sentAt: entry.createdAt,
      },
      ctx,
    );
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
