// Settling a transaction by hand. Recovery settles an unsettled transaction from its terminal, and
// until then the terminal takes no new work; a terminal that never answers again (replaced, broken,
// its bank contract ended) would keep the desk blocked for good. An administrator who has checked
// the outcome elsewhere (the terminal's own report, the bank's statement) records it here, with a
// note that stays in the transaction's history beside every other state.
import { err, ok, type Result } from '../protocol/result.js';
import { UNSETTLED, type JournalEntry, type JournalStore, type TransactionState } from './journal-store.js';
import { isOtherLiveProcess } from './owner-process.js';

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
  | { kind: 'in-flight'; pid: number }
  | { kind: 'invalid'; message: string };

const MAX_NOTE = 500;
const AUTHORIZATION_CODE = /^[0-9A-Za-z]{1,12}$/;

export async function settleByHand(
  store: JournalStore,
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
  // A live host is still waiting for this terminal's answer: its outcome is on its way. In this
  // very process (the editor's server) a pending one is still running; an in-doubt one waits for
  // recovery like any other.
  const sending = isOtherLiveProcess(entry.ownerPid) || (entry.ownerPid === process.pid && entry.status === 'pending');
  if (sending) return err({ kind: 'in-flight', pid: entry.ownerPid });
  const state: TransactionState = {
    status: settlement.outcome,
    responseCode: '',
    descriptionKey: settlement.outcome,
    responseText: `settled by hand${settlement.by ? ` by ${settlement.by}` : ''}: ${note}`,
    ...(code !== undefined && { authorizationCode: code }),
  };
  return ok(await store.change(entry.id, state, 'admin'));
}

/** One line for people, in the words of the CLI and the HTTP answers. */
export function describeSettlementError(idOrNo: string, error: ManualSettlementError): string {
  switch (error.kind) {
    case 'not-found':
      return `no transaction ${idOrNo} in the journal`;
    case 'settled':
      return `transaction ${idOrNo} is already settled (${error.status}); only pending and in-doubt transactions are settled by hand`;
    case 'in-flight':
      return `transaction ${idOrNo} is still being sent by a running payscript (process ${error.pid}); its answer will settle it`;
    case 'invalid':
      return error.message;
  }
}
