// Deciding whether a T82 "last transaction" record is the answer to the request we lost.
//
// T82 reports the terminal's latest transaction, which may be an older one: ours may never have
// reached the card flow, or been dropped by T81 (csob-b.md, "Flows"). A record is ours when its
// type, amount and variable symbol equal the request's AND it is not the record the terminal
// reported just before we sent (the baseline, a T82 we run before every financial request).
// Remembering only results we saw ourselves would miss transactions keyed in on the terminal, so
// the baseline is asked fresh. When the terminal sends a transaction id (an inferred field) the
// baseline comparison is exact; without one it compares everything the record carries, GPE's
// transaction timestamp included, so an identical retried decline (same symbol, amount and code,
// no authorization code) reads as the old record and the request ends "failed", never as a false
// approval.
import type { TransactionRequest, TransactionResponse } from './messages.js';
import type { LetterFieldProfile } from './profile.js';

/** What the terminal reported as its last transaction before we sent; `null` = it had none. */
export type Baseline = TransactionResponse | null | undefined;

export function isRecordOf(record: TransactionResponse, request: TransactionRequest, baseline: Baseline): boolean {
  return (
    record.transactionType === request.transactionType &&
    record.amountMinor === request.amountMinor &&
    (record.variableSymbol ?? '') === (request.variableSymbol ?? '') &&
    !(baseline && isSameRecord(record, baseline))
  );
}

/**
 * For a B2 flagged 0x8000 the T82 record confirms it; the amount is not compared because where
 * R, S or B differ the T82 record is the truth (csob-b.md, "Flows").
 */
export function confirmsResult(record: TransactionResponse, request: TransactionRequest, baseline: Baseline): boolean {
  return record.transactionType === request.transactionType && !(baseline && isSameRecord(record, baseline));
}

function isSameRecord(a: TransactionResponse, b: TransactionResponse): boolean {
  if (a.transactionId !== undefined && b.transactionId !== undefined) return a.transactionId === b.transactionId;
  return (
    a.transactionType === b.transactionType &&
    a.amountMinor === b.amountMinor &&
    a.variableSymbol === b.variableSymbol &&
    a.responseCode === b.responseCode &&
    a.authorizationCode === b.authorizationCode &&
    a.cardNumber === b.cardNumber &&
    a.timestamp === b.timestamp
  );
}

/** A T82 answer reports the last transaction under its own type; one echoing T82 means "none" (inferred). */
export function hasRecord(response: TransactionResponse, profile: LetterFieldProfile): boolean {
  return response.transactionType !== profile.transactionType.lastTransaction;
}
