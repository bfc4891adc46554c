// Settling a transaction by hand. Recovery settles an unsettled transaction from its terminal, and
// until then the terminal takes no new work; a terminal that never answers again (replaced, broken,
// its bank contract ended) would keep the desk blocked for good. An administrator who has checked
// the outcome elsewhere (the terminal's own report, the bank's statement) records it here, with a
// note that stays in the transaction's history beside every other state.
import { err, ok, type Result } from '../protocol/result.js';
import type { TerminalLeases } from '../terminals/terminal-leases.js';
import { UNSETTLED, type JournalEntry, type JournalStore, type TransactionState } from './journal-store.js';

export type ManualOutcome = 'approved' | 'failed';
export const MANUAL_OUTCOMES: readonly ManualOutcome[] = ['approved', 'failed'];

export interface ManualSettlement {
  outcome: ManualOutcome;
  /** Why the administrator is sure: kept in the history. */
  note: string;
  /** Who settled it (login or name), if known. */
  by?: string;
  /** The authorization code from the terminal's report, for an approved payment. */
  authorizationCode?: string;
}

export type ManualSettlementError =
  | { kind: 'not-found' }
  | { kind: 'settled'; status: string }
  /** `by`: who is still sending it, e.g. `process 4242` or `host shop-1:4242:a1b2c3`. */
  | { kind: 'in-flight'; by: string }
  | { kind: 'invalid'; message: string };

const MAX_NOTE = 500;
/** How long a settlement by hand may wait for the journal's answer about the terminal's lease. */
const LEASE_ASK_MS = 10_000;
const AUTHORIZATION_CODE = /^[0-9A-Za-z]{1,12}$/;

export async function settleByHand(
  store: JournalStore,
  leases: TerminalLeases,
  idOrNo: string,
  settlement: ManualSettlement,
): Promise<Result<JournalEntry, ManualSettlementError>> {
  const note = settlement.note.trim();
  if (!MANUAL_OUTCOMES.includes(settlement.outcome))
    return err({ kind: 'invalid', message: `the outcome must be ${MANUAL_OUTCOMES.join(' or ')}` });
  if (note === '') return err({ kind: 'invalid', message: 'a note is required: say how the outcome was checked' });
  if (note.length > MAX_NOTE) return err({ kind: 'invalid', message: `the note is longer than ${MAX_NOTE} characters` });
  const code = settlement.authorizationCode;
  if (code !== undefined && (settlement.outcome !== 'approved' || !AUTHORIZATION_CODE.test(code))) {
    return err({ kind: 'invalid', message: 'an authorization code is 1–12 letters or digits, and only for an approved payment' });
  }
  const entry = await store.get(idOrNo);
  if (!entry) return err({ kind: 'not-found' });
  if (!UNSETTLED.includes(entry.status)) return err({ kind: 'settled', status: entry.status });
  // A host working the terminal now (this one included) may be waiting for this very answer: its
  // outcome is on its way. Under the lease nobody else works it, and the write carries its fence.
  const answer = await leases.acquire(entry.terminal, { waitMs: 0, signal: AbortSignal.timeout(LEASE_ASK_MS) });
  if (answer.kind === 'busy') return err({ kind: 'in-flight', by: `host ${answer.holder}` });
  try {
    const sender = answer.lease.senderOf(entry);
    if (sender) return err({ kind: 'in-flight', by: sender });
    return ok(await store.change(entry.id, manualState(settlement, note), 'admin', 'disk', answer.lease.fence));
  } finally {
    await answer.lease.release();
  }
}

function manualState(settlement: ManualSettlement, note: string): TransactionState {
  const code = settlement.authorizationCode;
  return {
    status: settlement.outcome,
    responseCode: '',
    descriptionKey: settlement.outcome,
    responseText: `settled by hand${settlement.by ? ` by ${settlement.by}` : ''}: ${note}`,
    ...(code !== undefined && { authorizationCode: code }),
  };
}

/** One line for people, in the words of the CLI and the HTTP answers. */
export function describeSettlementError(idOrNo: string, error: ManualSettlementError): string {
  switch (error.kind) {
    case 'not-found':
      return `no transaction ${idOrNo} in the journal`;
    case 'settled':
      return `transaction ${idOrNo} is already settled (${error.status}); only pending and in-doubt transactions are settled by hand`;
    case 'in-flight':
      return `transaction ${idOrNo} is still being sent by a running payscript (${error.by}); its answer will settle it`;
    case 'invalid':
      return error.message;
  }
}
