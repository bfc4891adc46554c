// Between the driver's TransactionResult and the journal's TransactionState, both ways: a result
// becomes a state when it is recorded, and a settled state becomes a result again for a script
// that still waits on it.
import type { Outcome, Reason, TransactionResult } from '../terminals/driver.js';
import type { JournalEntry, TransactionState } from './journal-store.js';
import type { Refusal } from './refusals.js';

/** Written before the request leaves the host. */
export const PENDING: TransactionState = { status: 'pending', responseCode: '', descriptionKey: 'in-doubt' };

export function stateOfResult(result: TransactionResult): TransactionState {
  return {
    status: result.outcome,
    responseCode: result.responseCode,
    ...(result.reason !== undefined && { reason: result.reason }),
    descriptionKey: result.outcome === 'in-doubt' ? result.outcome : (result.reason ?? result.outcome),
    ...(result.responseText !== undefined && { responseText: result.responseText }),
    ...(result.authorizationCode !== undefined && { authorizationCode: result.authorizationCode }),
    ...(result.maskedCardNumber !== undefined && { maskedCardNumber: result.maskedCardNumber }),
    ...(result.transactionId !== undefined && { terminalTransactionId: result.transactionId }),
    ...(result.terminalId !== undefined && { terminalId: result.terminalId }),
    ...(result.merchantReceipt !== undefined && { merchantReceipt: result.merchantReceipt }),
    ...(result.customerReceipt !== undefined && { customerReceipt: result.customerReceipt }),
  };
}

export function refusedState(refusal: Refusal): TransactionState {
  return { status: 'refused', responseCode: '', reason: refusal, descriptionKey: `refusal:${refusal}` };
}

/** The outcome a script reads for a journal state; pending reads as in doubt. */
export function outcomeOf(state: TransactionState): Outcome {
  switch (state.status) {
    case 'pending':
      return 'in-doubt';
    case 'refused':
      return 'failed';
    default:
      return state.status;
  }
}

/** A recorded transaction as a driver result (refusals are not driver results: see refusals.ts). */
export function resultOfEntry(entry: JournalEntry): TransactionResult {
  return {
    outcome: outcomeOf(entry),
    responseCode: entry.responseCode,
    ...(entry.reason !== undefined && { reason: entry.reason as Reason }),
    ...(entry.responseText !== undefined && { responseText: entry.responseText }),
    ...(entry.authorizationCode !== undefined && { authorizationCode: entry.authorizationCode }),
    ...(entry.maskedCardNumber !== undefined && { maskedCardNumber: entry.maskedCardNumber }),
    ...(entry.terminalTransactionId !== undefined && { transactionId: entry.terminalTransactionId }),
    ...(entry.terminalId !== undefined && { terminalId: entry.terminalId }),
    ...(entry.merchantReceipt !== undefined && { merchantReceipt: entry.merchantReceipt }),
    ...(entry.customerReceipt !== undefined && { customerReceipt: entry.customerReceipt }),
    ...(entry.amountMinor !== undefined && { amountMinor: entry.amountMinor }),
    ...(entry.variableSymbol !== undefined && { variableSymbol: entry.variableSymbol }),
  };
}
