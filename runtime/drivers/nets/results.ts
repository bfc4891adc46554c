// What the cloud answered → the protocol-neutral TransactionResult. The raw code is the host's
// ISO answer when it sent one, else the cloud's error category (error-categories.ts). An error the
// table does not know keeps the cloud's own words as responseText: production clouds send free
// text there (NaviPartner's parser shows `failure.error` to the cashier as it came). Card numbers
// are masked here even when the terminal sent them truncated already.
import type { TransactionResult } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import type { CloudFailure } from './cloud-api.js';
import {
  type Category,
  KNOWN_NETS_RESPONSE_CODES,
  NETS_ERROR_CATEGORIES,
  RESULT_UNKNOWN_CODE,
  classifyHostCode,
  classifyResultCode,
  classifyUnknownError,
  isErrorCode,
} from './error-categories.js';
import {
  type Answer,
  type LocalModeEventArgs,
  type LookedUp,
  RESULT,
  type Reconciliation,
  type SuccessEntry,
  readAmount,
} from './messages.js';

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
  return result;
}

/**
 * An end of day. The answer carries no result code and no totals: that it came is the approval
 * (the production parser marks it successful as soon as it reads the header). The closed batch's
 * session number is its transaction id; the printed report is the merchant's receipt.
 */
export function fromReconciliation(reconciliation: Reconciliation): TransactionResult {
  return {
    outcome: 'approved',
    responseCode: '00',
    transactionId: reconciliation.sessionNumber,
    ...(reconciliation.report !== undefined && { merchantReceipt: maskCardNumbersInText(reconciliation.report) }),
  };
}

/**
 * A looked-up last result. Its orderId (present only on success) is our reference as the cloud
 * echoed it: the journal matches by it, because TotalAmount is what the card paid, cashback
 * included, and so is not the purchase amount the journal holds.
 */
export function fromLookup(record: LookedUp): TransactionResult {
  const result = fromArgs(record.args);
  if (record.orderId !== undefined) result.echoedReference = record.orderId;
  if (record.printText !== undefined) result.merchantReceipt = maskCardNumbersInText(record.printText);
  return result;
}

/**
 * The event args alone: a success entry and a lookup both carry them. Only Result 0 is a payment
 * that went through (the production parser counts nothing else as successful for a payment,
 * refund or void); any other Result but 2 and 99 is reported by itself (error-categories.ts).
 */
function fromArgs(args: LocalModeEventArgs): TransactionResult {
  const details = detailsOf(args);
  switch (args.Result) {
    case RESULT.financialOk:
      return { ...approvedOrHost(args.ResponseCode), ...details };
    case RESULT.rejected:
      return fromFailure(rejectionCode(args), args);
    case RESULT.unknown:
      // The terminal lost its host mid-authorisation: nobody knows yet, so nothing may be repeated.
      return { outcome: 'in-doubt', reason: 'connection-lost', responseCode: RESULT_UNKNOWN_CODE, ...details };
    default: {
      const code = String(args.Result);
      return { ...neutral(classifyResultCode(code)), responseCode: code, ...details };
    }
  }
}

/**
 * A failure body, a rejected record, or one of our own refusals. A host decline speaks by its ISO
 * code; an error the table knows by its category; anything else by what the record says (rejected
 * → declined, result unknown → in doubt, else failed) with the cloud's words beside the code.
 */
export function fromFailure(error: string, args?: LocalModeEventArgs): TransactionResult {
  const details = args ? detailsOf(args) : {};
  const ownWords = isErrorCode(error) ? {} : { responseText: maskCardNumbersInText(error) };
  const hostCode = args?.ResponseCode;
  if (hostCode !== undefined && hostCode !== '' && hostCode !== '00') {
    return { ...neutral(classifyHostCode(hostCode)), responseCode: hostCode, ...ownWords, ...details };
  }
  if (isErrorCode(error)) return { ...neutral(NETS_ERROR_CATEGORIES[error]), responseCode: error, ...details };
  return { ...neutral(classifyUnknownError(args?.Result)), responseCode: maskCardNumbersInText(error), ...ownWords, ...details };
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
 * A rejection outside a failure body (a looked-up record): its RejectionReason as the error, which
 * is one of our categories when the simulator wrote it and the terminal's own text otherwise (the
 * production parser does not read the field, so its real values are not public); without one, a
 * plain terminal decline.
 */
function rejectionCode(args: LocalModeEventArgs): string {
  const reason = String(args.RejectionReason ?? '').trim();
  return reason === '' ? 'declinedByTerminal' : reason;
}

/** The raw code of a result when no catalog text describes it (the driver logs those). */
export function unknownCode(result: TransactionResult): string | undefined {
  const code = result.responseCode;
  return code === '' || KNOWN_NETS_RESPONSE_CODES.includes(code) ? undefined : code;
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
    // StanAuth, not SessionNumber: the session number is the reconciliation batch, shared by every
    // transaction until the next end of day, so the journal would take them all for one.
    ...(args.StanAuth && { transactionId: args.StanAuth }),
    ...(args.TerminalID && { terminalId: args.TerminalID }),
    ...(amountMinor !== undefined && { amountMinor }),
  };
}
