// Viva's record (or its absence) as the driver interface's protocol-neutral result. Whether money
// moved comes from `success` / StatusId only; the code explains a refusal. A record found by
// recovery that did not charge the card reads as the reason recovery started (a timeout, an
// unreadable answer, the merchant's abort), as the letter-field drivers do.
import type { TransactionResult } from '../../terminals/driver.js';
import { maskCardNumber } from '../../protocol/card-number.js';
import type { FlowEnd, LostCause } from './payment-flow.js';
import { meaningOfRefusal } from './response-codes.js';
import type { VivaRecord } from './style.js';

export function toTransactionResult(end: FlowEnd): TransactionResult {
  if (end.kind === 'none') {
    return { outcome: end.outcome, reason: end.reason, responseCode: end.code, responseText: end.detail };
  }
  const { record, cause } = end;
  const details = detailsOf(record);
  if (record.charged) return { outcome: 'approved', ...details };
  if (cause) return { ...causeResult(cause), ...details };
  const meaning = meaningOfRefusal(record.code, record.text);
  return { outcome: meaning.outcome, ...(meaning.reason && { reason: meaning.reason }), ...details };
}

function causeResult(cause: LostCause): Pick<TransactionResult, 'outcome' | 'reason'> {
  return cause === 'aborted' ? { outcome: 'cancelled', reason: 'merchant-aborted' } : { outcome: 'failed', reason: cause };
}

function detailsOf(record: VivaRecord): Omit<TransactionResult, 'outcome'> {
  return {
    responseCode: record.code,
    ...(record.text && { responseText: record.text }),
    ...(record.authorizationCode && { authorizationCode: record.authorizationCode }),
    ...(record.cardNumber && { maskedCardNumber: maskCardNumber(record.cardNumber) }),
    ...(record.transactionId && { transactionId: record.transactionId }),
    ...(record.terminalId && { terminalId: record.terminalId }),
    ...(record.amountMinor !== undefined && { amountMinor: record.amountMinor }),
    ...(record.currencyNumeric && { currencyNumeric: record.currencyNumeric }),
    ...(record.reference && { echoedReference: record.reference }),
  };
}
