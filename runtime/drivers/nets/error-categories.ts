// Every error category the cashier must see (nets-connect-cloud.md, "Error categories")
// as data: the cloud's error code → protocol-neutral outcome and reason. Nets' own error-code
// documents are not public, and the production integration we read (NaviPartner's, in
// navipartner/npcore-partners) maps no error values at all: it shows `failure.error` as free text.
// So the wire codes are ours (the simulator sends exactly these), and any other error is judged by
// the record beside it, keeping the cloud's words. A certified document replaces this table, not
// the code. The wire code is the raw response code the driver reports, so each category has its
// own catalog text (runtime/i18n/codes/nets.ts).
//
// Where driver.ts has no Reason for a category, the reason is `unknown` (never a host reason such
// as `connection-lost` or `timeout`: describe.ts shows a host reason's text instead of the code's,
// which would merge "terminal offline" with "connection lost").
import type { Outcome, Reason } from '../../terminals/driver.js';
import { RESULT } from './messages.js';

export interface Category {
  outcome: Outcome;
  reason?: Reason;
  meaning: string;
}

/** `failure.error` (or a login `error`) → what it means. */
export const NETS_ERROR_CATEGORIES = {
  // Login ("login failed" in its three kinds).
  loginFailed: { outcome: 'failed', reason: 'unknown', meaning: 'login failed: wrong or missing username or password' },
  authTemporarilyUnavailable: { outcome: 'failed', reason: 'unknown', meaning: 'login failed: temporary authentication failure' },
  accountNotActivated: { outcome: 'failed', reason: 'unknown', meaning: 'login failed: the account is not activated' },
  // A second 401 right after a fresh login.
  tokenExpired: { outcome: 'failed', reason: 'unknown', meaning: 'the login token was refused although it was just renewed' },
  terminalNotAllowed: { outcome: 'failed', reason: 'unknown', meaning: 'the terminal is not bound to this account' },
  terminalDisconnected: { outcome: 'failed', reason: 'unknown', meaning: 'the terminal is disconnected from the cloud' },
  terminalBusy: { outcome: 'failed', reason: 'terminal-busy', meaning: 'a payment, refund or admin operation is running' },
  // account model: "a terminal must do a reconciliation before it accepts payments".
  reconciliationRequired: { outcome: 'failed', reason: 'unknown', meaning: 'the terminal needs a reconciliation first' },
  // The card flow's own endings.
  cancelledByCustomer: { outcome: 'failed', reason: 'customer-cancelled', meaning: 'aborted by the customer' },
  cancelledByMerchant: { outcome: 'cancelled', reason: 'merchant-aborted', meaning: 'aborted by the merchant (cancelAction)' },
  cardRemoved: { outcome: 'declined', reason: 'card-removed', meaning: 'card removed' },
  terminalTimeout: { outcome: 'failed', reason: 'unknown', meaning: 'timed out on the terminal' },
  // A host decline; the ISO ResponseCode beside it, when sent, is the more precise raw code.
  declinedByHost: { outcome: 'declined', reason: 'issuer-declined', meaning: 'declined by the payment service provider' },
  declinedByTerminal: { outcome: 'declined', reason: 'declined', meaning: 'declined by the terminal' },
  // "same amount, same card, same terminal within a short time: wait a minute".
  duplicateTransaction: { outcome: 'declined', reason: 'duplicate', meaning: 'duplicate transaction' },
  // DELETE reverses the last transaction only (REST API table).
  reversalNotPossible: {
    outcome: 'declined',
    reason: 'declined',
    meaning: 'nothing to reverse: not the last transaction, or already reversed',
  },
} as const satisfies Record<string, Category>;

export type NetsErrorCode = keyof typeof NETS_ERROR_CATEGORIES;

/**
 * ISO 8583 host answers in `localModeEventArgs.ResponseCode` that have a more precise reason than
 * "declined by the payment service provider", which every other non-`00` code is.
 */
export const NETS_HOST_RESPONSE_CODES = {
  '00': { outcome: 'approved', meaning: 'approved' },
  '51': { outcome: 'declined', reason: 'insufficient-funds', meaning: 'insufficient funds' },
  '54': { outcome: 'declined', reason: 'card-expired', meaning: 'expired card' },
  '05': { outcome: 'declined', reason: 'issuer-declined', meaning: 'do not honour: declined by the payment service provider' },
} as const satisfies Record<string, Category>;

const PROVIDER_DECLINE: Category = {
  outcome: 'declined',
  reason: 'issuer-declined',
  meaning: 'declined by the payment service provider',
};

/**
 * An error the table does not know, by the `Result` of the event args beside it (if any). No reason
 * where none is known: the cashier reads the outcome's general text and the cloud's own words, not
 * "unknown result" for an error the cloud described.
 */
const UNKNOWN_ERRORS = {
  rejected: { outcome: 'declined', reason: 'declined', meaning: 'rejected for a reason the table does not know' },
  // The terminal itself does not know the outcome: nothing may be repeated.
  resultUnknown: { outcome: 'in-doubt', meaning: 'an error while the outcome is unknown' },
  other: { outcome: 'failed', meaning: 'an error the table does not know' },
} as const satisfies Record<string, Category>;

/** The `Result` 99 of localModeEventArgs: the terminal lost its host, so nobody knows. */
export const RESULT_UNKNOWN_CODE = '99';

/**
 * Other `Result` values on a financial request, reported as the raw code: only 0 is a payment
 * that went through (1 is success only for administration, e.g. an end of day), so these charged
 * nothing the request asked for. A value not listed here is reported the same way, without a text.
 */
export const NETS_RESULT_CODES = {
  [String(RESULT.administrativeOk)]: { outcome: 'failed', reason: 'unknown', meaning: 'an administrative result, not a payment' },
  [String(RESULT.loyalty)]: { outcome: 'failed', reason: 'unknown', meaning: 'a loyalty result, not a payment' },
} as const satisfies Record<string, Category>;

const UNKNOWN_RESULT: Category = { outcome: 'failed', reason: 'unknown', meaning: 'a Result value the notes do not list' };

/** Every raw code the driver can report with a meaning of its own, for the catalogs. */
export const KNOWN_NETS_RESPONSE_CODES: readonly string[] = [
  ...Object.keys(NETS_HOST_RESPONSE_CODES),
  ...Object.keys(NETS_ERROR_CATEGORIES),
  ...Object.keys(NETS_RESULT_CODES),
  RESULT_UNKNOWN_CODE,
];

export function isErrorCode(code: string): code is NetsErrorCode {
  return Object.hasOwn(NETS_ERROR_CATEGORIES, code);
}

export function classifyUnknownError(result: number | undefined): Category {
  if (result === RESULT.rejected) return UNKNOWN_ERRORS.rejected;
  return result === RESULT.unknown ? UNKNOWN_ERRORS.resultUnknown : UNKNOWN_ERRORS.other;
}

/** A `Result` other than 0, 2 and 99 on a financial request, by its raw code. */
export function classifyResultCode(code: string): Category {
  return Object.hasOwn(NETS_RESULT_CODES, code) ? NETS_RESULT_CODES[code]! : UNKNOWN_RESULT;
}

/** A host answer: `00` approves, a known code has its reason, any other is the provider's decline. */
export function classifyHostCode(code: string): Category {
  return Object.hasOwn(NETS_HOST_RESPONSE_CODES, code)
    ? NETS_HOST_RESPONSE_CODES[code as keyof typeof NETS_HOST_RESPONSE_CODES]
    : PROVIDER_DECLINE;
}
