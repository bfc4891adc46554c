// What a transaction answer means. ReturnCode 0 alone is not an approval (posxml.md, "Pitfalls"):
// a transaction is done only when ReturnCode = 0 AND TransactionCompletion is the state the
// operation aims at (COMPLETED; COMPLETED_REV for a reversal) AND HostAnswer = "000".
import type { TransactionCompletion, TransactionData, TransactionOutcomeResponse } from './messages.js';
import {
  type Classified,
  HOST_APPROVED,
  RETURN_CODE,
  classifyHostAnswer,
  classifyNotification,
  classifyReturnCode,
} from './response-codes.js';

export type Judgement =
  /** The answer decides the outcome (approved, declined, cancelled or failed). */
  | { kind: 'final'; verdict: Classified }
  /** ReturnCode 0 without the proof of completion: money may have moved, nothing proves it did. */
  | { kind: 'unproven'; detail: string };

export function judgeAnswer(response: TransactionOutcomeResponse, aim: TransactionCompletion): Judgement {
  const data = response.transactionData ?? {};
  const hostAnswer = data.hostAnswer?.trim();
  // The host's own answer is the most precise reason for a refusal (32778 + 051 = insufficient funds).
  if (hostAnswer && hostAnswer !== HOST_APPROVED) return final(classifyHostAnswer(hostAnswer));
  if (response.returnCode !== RETURN_CODE.ok) return final(classifyReturnCode(response.returnCode));
  if (data.transactionCompletion === 'NOTIFICATION') return final(classifyNotification());
  if (data.transactionCompletion === aim && hostAnswer === HOST_APPROVED) return final(classifyHostAnswer(HOST_APPROVED));
  return {
    kind: 'unproven',
    detail: `ReturnCode 0 with TransactionCompletion ${data.transactionCompletion ?? '(none)'} and HostAnswer ${hostAnswer ?? '(none)'}`,
  };
}

/** Which transaction a lookup asks for, and what its record must show to be ours. */
export interface RecordAddress {
  transactionId?: string;
  transactionStan?: string;
  /**
   * The amount we sent: a register that reuses a reference (a new day, a reinstalled till) must
   * not take an older transaction with the same TransactionID for this one.
   */
  amountMinor?: number;
}

export type RecordReading =
  | { kind: 'done'; verdict: Classified }
  /** The terminal has the transaction and it moved no money; `verdict` tells why. */
  | { kind: 'not-done'; verdict: Classified }
  /** No record of it (32781, spec §2.9: "specified transaction missing"). */
  | { kind: 'missing' }
  /** The lookup itself did not work (busy, try again…) or the record proves nothing. */
  | { kind: 'unknown'; detail: string };

/**
 * Reads a GetLastTransactionDataResponse for the transaction we addressed. A record without
 * TransactionData, or of another transaction, is not a record of ours.
 */
export function readRecord(
  response: TransactionOutcomeResponse,
  aim: TransactionCompletion,
  address: RecordAddress,
): RecordReading {
  const data = response.transactionData;
  if (!data) {
    return response.returnCode === RETURN_CODE.transactionMissing
      ? { kind: 'missing' }
      : { kind: 'unknown', detail: `lookup answered ReturnCode ${response.returnCode} without transaction data` };
  }
  if (!isAddressed(data, address)) {
    return { kind: 'unknown', detail: `lookup returned transaction ${data.transactionId ?? data.stan ?? '(no id)'}, not ours` };
  }
  // A reversal looks up the transaction it reverses: still COMPLETED means it was not reversed.
  if (aim === 'COMPLETED_REV' && data.transactionCompletion === 'COMPLETED') {
    return { kind: 'not-done', verdict: classifyReturnCode(RETURN_CODE.transactionFailed) };
  }
  const judged = judgeAnswer(response, aim);
  if (judged.kind === 'unproven') return { kind: 'unknown', detail: judged.detail };
  return judged.verdict.outcome === 'approved'
    ? { kind: 'done', verdict: judged.verdict }
    : { kind: 'not-done', verdict: judged.verdict };
}

function isAddressed(data: TransactionData, address: RecordAddress): boolean {
  if (address.amountMinor !== undefined && data.amountMinor !== undefined && data.amountMinor !== address.amountMinor)
    return false;
  if (address.transactionId !== undefined) return data.transactionId === address.transactionId;
  if (address.transactionStan !== undefined)
    return data.stan !== undefined && Number(data.stan) === Number(address.transactionStan);
  return true;
}

function final(verdict: Classified): Judgement {
  return { kind: 'final', verdict };
}
