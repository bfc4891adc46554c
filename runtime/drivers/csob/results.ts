// Turns what the session got from the terminal into the protocol-neutral TransactionResult.
// Card numbers are masked here even when the terminal sent them in full.
import currencyCodes from 'currency-codes';
import type { ConnectionTestResult, CurrencyTotal, TransactionResult } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import type { TotalsLine } from './messages.js';
import { classifyResponseCode } from './response-codes.js';
import type { Answered, SessionOutcome } from './session.js';

export function toTransactionResult(outcome: SessionOutcome): TransactionResult {
  if (outcome.kind === 'unanswered') return { outcome: outcome.outcome, reason: outcome.reason, responseCode: '' };
  return fromAnswer(outcome);
}

export function toConnectionTestResult(outcome: SessionOutcome, elapsedMs: number): ConnectionTestResult {
  const result = toTransactionResult(outcome);
  return {
    ok: result.outcome === 'approved',
    ...(result.reason && { reason: result.reason }),
    responseCode: result.responseCode,
    ...(result.responseText !== undefined && { responseText: result.responseText }),
    elapsedMs,
  };
}

function fromAnswer(answer: Answered): TransactionResult {
  const { response } = answer;
  const responseCode = response.responseCode ?? '';
  let classified = classifyResponseCode(responseCode);
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
  if (answer.merchantReceipt !== undefined) result.merchantReceipt = maskCardNumbersInText(answer.merchantReceipt);
  if (answer.customerReceipt !== undefined) result.customerReceipt = maskCardNumbersInText(answer.customerReceipt);
  return result;
}

function toCurrencyTotal(line: TotalsLine): CurrencyTotal {
  return {
    // An ISO number the table does not know is passed on as is rather than dropped.
    currency: currencyCodes.number(line.currencyNumeric)?.code ?? line.currencyNumeric,
    count: line.count,
    amountMinor: line.amountMinor,
  };
}
