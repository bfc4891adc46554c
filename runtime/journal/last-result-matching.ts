// Is the terminal's last-result record the outcome of a journaled transaction? A terminal reports
// only its latest transaction, which may be an older one: ours may never have reached it (the host
// died between the write-ahead and the send) or the card flow may have been dropped unpaid.
//
// The rules, common to the protocol notes (csob-b.md "Flows"; nets-connect-cloud.md "Recovery
// lessons": match by our reference where the terminal echoes it, else by a record not seen before):
// - a record that echoes a reference (NETS orderId, Viva MerchantTrns) is ours exactly when the
//   reference is ours;
// - no record, or a record whose amount or variable symbol differs from ours → not ours;
// - a record another journaled transaction of the terminal already owns (same terminal transaction
//   id, or without one the same authorization code of the same kind) → not ours, so an old approval
//   is never taken for a new one;
// - a lookup the terminal did not answer (response code '', driver.ts), or whose record is itself
//   in doubt, proves nothing.
// A field the terminal leaves out does not contradict (the drivers' echo rule).
// A false "not ours" for a declined record is harmless (nothing was charged either way); the
// rules are strict where it matters, so a false "ours" can only ever read an old refusal.
import type { TransactionResult } from '../terminals/driver.js';
import type { JournalEntry, JournalStore } from './journal-store.js';

export type LookupVerdict =
  /** The record is this transaction's outcome. */
  | { kind: 'ours'; result: TransactionResult }
  /** The terminal's latest record is something else: this transaction did not happen there. */
  | { kind: 'not-found' }
  /** The provider vouches that this request charged nothing and no longer can (`findTransaction`). */
  | { kind: 'absent' }
  /** The lookup itself failed: try again later. */
  | { kind: 'no-answer' };

export async function judgeLastResult(
  entry: JournalEntry,
  record: TransactionResult | undefined,
  store: Pick<JournalStore, 'isClaimed'>,
): Promise<LookupVerdict> {
  if (record === undefined) return { kind: 'not-found' };
  // A record the terminal cannot vouch for (in doubt itself) proves nothing either.
  if (record.responseCode === '' || record.outcome === 'in-doubt') return { kind: 'no-answer' };
  if (record.echoedReference !== undefined)
    return record.echoedReference === entry.id ? { kind: 'ours', result: record } : { kind: 'not-found' };
  if (!echoes(record.amountMinor, entry.amountMinor) || !echoes(record.variableSymbol, entry.variableSymbol))
    return { kind: 'not-found' };
  // A reversal record carries the authorization code of the charge it cancelled (csob-b.md).
  if (entry.kind === 'reversal' && !echoes(record.authorizationCode, entry.reversedAuthorizationCode))
    return { kind: 'not-found' };
  const claimed = await store.isClaimed(
    entry.terminal,
    { kind: entry.kind, terminalTransactionId: record.transactionId, authorizationCode: record.authorizationCode },
    entry.id,
  );
  return claimed ? { kind: 'not-found' } : { kind: 'ours', result: record };
}

/** The record may leave a field out; a field it reports must be ours (absent on both sides included). */
function echoes<T>(reported: T | undefined, ours: T | undefined): boolean {
  return reported === undefined || reported === ours;
}
