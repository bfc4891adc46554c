// Settles a terminal's pending and in-doubt transactions with one last-result lookup. It runs
// inside the terminal's queue (TerminalSession.service, or the slot of the operation about to be
// sent), so a lookup never collides with a running operation.
import type { OperationContext, TerminalDriver, TransactionResult } from '../terminals/driver.js';
import type { JournalEntry, JournalStore } from './journal-store.js';
import { judgeLastResult } from './last-result-matching.js';
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
 * Looks the terminal's last result up when it has unsettled transactions and records what that
 * proves. Returns the transactions still unsettled afterwards (including those another live
 * process is sending), so the caller can refuse new work while any remain.
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

  const record = await lookUp(driver, ctx);
  const now = deps.now?.() ?? Date.now();
  const settled = new Set<string>();
  // Newest first: the terminal's last record can only be the outcome of the latest one sent.
  for (const entry of [...ours].reverse()) {
    const verdict = await judgeLastResult(entry, settled.size === 0 ? record : undefined, deps.store);
    if (verdict.kind === 'ours') {
      await deps.store.change(entry.id, stateOfResult(verdict.result), 'recovery');
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: ${verdict.result.outcome}`);
      settled.add(entry.id);
    } else if (verdict.kind === 'not-found' && now >= entry.createdAt.getTime() + terminal.timeoutSeconds * 1000) {
      // Past the result timeout the terminal cannot still be finishing it: it did not happen.
      await deps.store.change(entry.id, { status: 'failed', responseCode: '', descriptionKey: 'failed' }, 'recovery');
      deps.log(terminal.id, `journal: transaction ${entry.no} (${entry.id}) settled by lookup: not on the terminal, failed`);
      settled.add(entry.id);
    }
  }
  return unsettled.filter((entry) => !settled.has(entry.id));
}

/** A lookup that throws (a driver bug, a dead socket) proves nothing, like one never answered. */
async function lookUp(driver: TerminalDriver, ctx: OperationContext): Promise<TransactionResult | undefined> {
  try {
    return await driver.lastResult(ctx);
  } catch {
    return { outcome: 'failed', reason: 'unknown', responseCode: '' };
  }
}
