// Turns what the session got from the terminal into the protocol-neutral TransactionResult.
// Card numbers are masked here even when the terminal sent them in full.
import type { CurrencyTotal, Outcome, Reason, TransactionResult } from '../../terminals/driver.js';
import { alphaOfNumeric } from '../../money/currency.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import type { TransactionResponse } from './messages.js';
import type { LetterFieldProfile } from './profile.js';
import { classifyResponseCode } from './response-codes.js';
import type { Answered, SessionOutcome } from './session.js';
import type { BatchTotals, TotalsLine } from './totals.js';

/** What reading a result needs besides the answer itself. */
export interface ResultContext {
  profile: LetterFieldProfile;
  /** ISO 4217 alpha of totals that carry no currency (GPE's, which sum every amount). */
  totalsCurrency?: string;
}

export function toTransactionResult(outcome: SessionOutcome, context: ResultContext): TransactionResult {
  if (outcome.kind === 'unanswered') return { outcome: outcome.outcome, reason: outcome.reason, responseCode: '' };
  return fromAnswer(outcome, context);
}

function fromAnswer(answer: Answered, context: ResultContext): TransactionResult {
  const { response } = answer;
  const responseCode = response.responseCode ?? '';
  let classified = classify(response, context.profile);
  // A merchant abort that charged nothing is the merchant's cancel, whatever code the terminal
  // recorded for the interrupted flow; an approval that won the race stays an approval.
  if (answer.abortedByMerchant && classified.outcome !== 'approved') {
    classified = { outcome: 'cancelled', reason: 'merchant-aborted' };
  }
  const result: TransactionResult = {
    outcome: classified.outcome,
    ...(classified.reason && { reason: classified.reason }),
    responseCode,
    terminalId: answer.terminalId,
  };
  if (response.responseText !== undefined) result.responseText = response.responseText;
  if (response.authorizationCode !== undefined) result.authorizationCode = response.authorizationCode;
  if (response.cardNumber !== undefined) result.maskedCardNumber = maskCardNumber(response.cardNumber);
  if (response.transactionId !== undefined) result.transactionId = response.transactionId;
  if (response.amountMinor !== undefined) result.amountMinor = response.amountMinor;
  if (response.currencyNumeric !== undefined) result.currencyNumeric = response.currencyNumeric;
  if (response.variableSymbol !== undefined) result.variableSymbol = response.variableSymbol;
  if (response.totals !== undefined) result.totals = response.totals.map(toCurrencyTotal);
  if (response.batchTotals !== undefined) result.totals = [batchTotal(response.batchTotals, context.totalsCurrency ?? '')];
  if (answer.merchantReceipt !== undefined) result.merchantReceipt = maskCardNumbersInText(answer.merchantReceipt);
  if (answer.customerReceipt !== undefined) result.customerReceipt = maskCardNumbersInText(answer.customerReceipt);
  return result;
}

function toCurrencyTotal(line: TotalsLine): CurrencyTotal {
  return {
    // An ISO number the table does not know is passed on as is rather than dropped.
    currency: alphaOfNumeric(line.currencyNumeric) ?? line.currencyNumeric,
    count: line.count,
    amountMinor: line.amountMinor,
  };
}

/**
 * The response code decides, except where the profile also sends an approved flag (GPE: "approved
 * yes/no" beside the code, gpe.md): a result is approved only when both say so; a code that reads
 * approved under a "no" flag is a plain decline.
 */
function classify(response: TransactionResponse, profile: LetterFieldProfile): { outcome: Outcome; reason?: Reason } {
  const byCode = classifyResponseCode(profile.responseCodes, response.responseCode ?? '');
  return response.approved === false && byCode.outcome === 'approved' ? { outcome: 'declined', reason: 'declined' } : byCode;
}

/** GPE totals have no currency; net count and amount go out in the terminal's default currency. */
function batchTotal(totals: BatchTotals, currency: string): CurrencyTotal {
  return {
    currency,
    count: totals.debitCount + totals.creditCount,
    amountMinor: totals.debitMinor - totals.creditMinor,
  };
}
