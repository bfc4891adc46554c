// What the cloud answered → the protocol-neutral TransactionResult. The raw code is the host's
// ISO answer when it sent one, else the cloud's error category (error-categories.ts). Card numbers
// are masked here even when the terminal sent them truncated already.
import type { TransactionResult } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import type { CloudFailure } from './cloud-api.js';
import { type Category, RESULT_UNKNOWN_CODE, classifyErrorCode, classifyHostCode, isErrorCode } from './error-categories.js';
import { type Answer, type LocalModeEventArgs, type LookedUp, RESULT, type SuccessEntry, readAmount } from './messages.js';

/** A success body, a failure body, or a looked-up record (which has only the event args). */
export function fromAnswer(answer: Answer): TransactionResult {
  if (answer.kind === 'failure') return fromFailure(answer.error, answer.args);
  return fromSuccess(answer.entry);
}

export function fromSuccess(entry: SuccessEntry): TransactionResult {
  const result = fromArgs(entry.localModeEventArgs);
  if (entry.orderId !== undefined) result.echoedReference = entry.orderId;
  if (entry.merchantReceipt !== undefined) result.merchantReceipt = maskCardNumbersInText(entry.merchantReceipt);
  if (entry.customerReceipt !== undefined) result.customerReceipt = maskCardNumbersInText(entry.customerReceipt);
  if (entry.totals !== undefined) {
    result.totals = entry.totals.map((t) => ({ currency: t.currency, count: t.count, amountMinor: t.amount }));
  }
  return result;
}

/**
 * A looked-up last result. Its orderId (present only on success) is our reference as the cloud
 * echoed it: the journal matches by it, because TotalAmount includes any cashback and so is not
 * the purchase amount the journal holds.
 */
export function fromLookup(record: LookedUp): TransactionResult {
  const result = fromArgs(record.args);
  if (record.orderId !== undefined) result.echoedReference = record.orderId;
  if (record.printText !== undefined) result.merchantReceipt = maskCardNumbersInText(record.printText);
  return result;
}

/** The event args alone: a success entry and a lookup both carry them. */
function fromArgs(args: LocalModeEventArgs): TransactionResult {
  const details = detailsOf(args);
  if (args.Result === RESULT.unknown) {
    // The terminal lost its host mid-authorisation: nobody knows yet, so nothing may be repeated.
    return { outcome: 'in-doubt', reason: 'connection-lost', responseCode: RESULT_UNKNOWN_CODE, ...details };
  }
  if (args.Result === RESULT.rejected) return fromFailure(rejectionCode(args), args);
  return { ...approvedOrHost(args.ResponseCode), ...details };
}

export function fromFailure(error: string, args?: LocalModeEventArgs): TransactionResult {
  const hostCode = args?.ResponseCode;
  const byHost = hostCode !== undefined && hostCode !== '' && hostCode !== '00';
  const category = byHost ? classifyHostCode(hostCode) : classifyErrorCode(error);
  return { ...neutral(category), responseCode: byHost ? hostCode : error, ...(args && detailsOf(args)) };
}

/** No answer to read: what the transport says. */
export function fromCloudFailure(failure: CloudFailure): TransactionResult {
  switch (failure.kind) {
    case 'not-sent':
      return { outcome: 'failed', reason: 'connection-refused', responseCode: '' };
    case 'timeout':
      return { outcome: 'failed', reason: 'timeout', responseCode: '' };
    case 'lost':
      return { outcome: 'failed', reason: 'connection-lost', responseCode: '' };
    case 'aborted':
      return { outcome: 'cancelled', reason: 'merchant-aborted', responseCode: '' };
    case 'malformed':
      return malformed();
    case 'refused-login':
      return fromFailure(failure.code);
  }
}

export function malformed(): TransactionResult {
  return { outcome: 'failed', reason: 'malformed-answer', responseCode: '' };
}


/**
 * A rejection outside a failure body (a looked-up record): the terminal's RejectionReason when it
 * names one of our categories (inferred wire: the simulator writes our category codes there), else
 * a plain terminal decline.
 */
function rejectionCode(args: LocalModeEventArgs): string {
  const reason = String(args.RejectionReason ?? '');
  return isErrorCode(reason) ? reason : 'declinedByTerminal';
}

function approvedOrHost(code: string | undefined): Pick<TransactionResult, 'outcome' | 'reason' | 'responseCode'> {
  if (code === undefined || code === '' || code === '00') return { outcome: 'approved', responseCode: code || '00' };
  return { ...neutral(classifyHostCode(code)), responseCode: code };
}

function neutral(category: Category): Pick<TransactionResult, 'outcome' | 'reason'> {
  return { outcome: category.outcome, ...(category.reason && { reason: category.reason }) };
}

function detailsOf(args: LocalModeEventArgs): Partial<TransactionResult> {
  const amountMinor = readAmount(args.TotalAmount);
  return {
    ...(args.StanAuth && { authorizationCode: args.StanAuth }),
    ...(args.TruncatedPAN && { maskedCardNumber: maskCardNumber(args.TruncatedPAN) }),
    ...(args.SessionNumber && { transactionId: args.SessionNumber }),
    ...(args.TerminalID && { terminalId: args.TerminalID }),
    ...(amountMinor !== undefined && { amountMinor }),
  };
}
