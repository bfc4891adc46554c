// Turns what the session got from the terminal into the protocol-neutral results. Card numbers
// are masked here even though the terminal already masks CardData.Pan (spec §3.4.4).
import type { TransactionResult } from '../../terminals/driver.js';
import { lookupCurrency } from '../../money/currency.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import type { TransactionFileResponse } from './messages.js';
import { type Classified, RETURN_CODE, classifyRefusal } from './response-codes.js';
import type { SessionOutcome } from './session.js';
import type { Unanswered } from '../unanswered.js';

/** The close-day answer may leave CurrencyName out; the spec's own currency then (spec §2.6: "’EUR’"). */
const DEFAULT_TOTALS_CURRENCY = 'EUR';

export function toTransactionResult(outcome: SessionOutcome): TransactionResult {
  if (outcome.kind === 'unanswered') return unansweredResult(outcome);
  const { response, verdict } = outcome;
  const data = response.transactionData ?? {};
  const result: TransactionResult = classified(verdict);
  const set = <K extends keyof TransactionResult>(key: K, value: TransactionResult[K] | undefined) => {
    if (value !== undefined && value !== '') result[key] = value;
  };
  set('responseText', response.reason?.trim());
  set('authorizationCode', data.authorizationNo?.trim());
  set('maskedCardNumber', response.cardData?.pan === undefined ? undefined : maskCardNumber(response.cardData.pan));
  set('transactionId', data.transactionId ?? data.stan);
  set('terminalId', response.terminalData?.id);
  set('amountMinor', data.amountMinor);
  set('currencyNumeric', data.currencyName === undefined ? undefined : lookupCurrency(data.currencyName)?.numeric);
  set('merchantReceipt', response.merchReceipt === undefined ? undefined : maskCardNumbersInText(response.merchReceipt));
  set('customerReceipt', response.custReceipt === undefined ? undefined : maskCardNumbersInText(response.custReceipt));
  return result;
}

/**
 * TransactionSendResponse (spec §2.6.1): the day's file went to the host when ReturnCode is 0 and
 * FileSendStatus is not 0 ("1-success, 0-fail", spec §2.3). The totals are the file's.
 */
export function toCloseResult(response: TransactionFileResponse): TransactionResult {
  if (response.returnCode !== RETURN_CODE.ok) return classified(classifyRefusal(response.returnCode));
  if (response.fileSendStatus === 0) {
    return {
      outcome: 'failed',
      reason: 'unknown',
      responseCode: '0',
      responseText: 'FileSendStatus 0: the transaction file was not sent to the host',
    };
  }
  const result: TransactionResult = { outcome: 'approved', responseCode: '0' };
  if (response.fileTotalAmountMinor !== undefined || response.fileTransactionCount !== undefined) {
    result.totals = [
      {
        currency: response.currencyName ?? DEFAULT_TOTALS_CURRENCY,
        count: response.fileTransactionCount ?? 0,
        amountMinor: response.fileTotalAmountMinor ?? 0,
      },
    ];
  }
  if (response.receiptData) result.merchantReceipt = maskCardNumbersInText(response.receiptData);
  return result;
}

export function unansweredResult(outcome: Unanswered): TransactionResult {
  return { outcome: outcome.outcome, reason: outcome.reason, responseCode: '' };
}

export function classified(verdict: Classified): TransactionResult {
  return verdict.reason
    ? { outcome: verdict.outcome, reason: verdict.reason, responseCode: verdict.responseCode }
    : { outcome: verdict.outcome, responseCode: verdict.responseCode };
}
