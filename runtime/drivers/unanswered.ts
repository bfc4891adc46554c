// Result shapes every driver's session shares: a request that got no final answer, a connection
// that could not be made, a lookup a cloud refused, and a connection test built from a result.
import type { ConnectionTestResult, Reason, TransactionResult } from '../terminals/driver.js';

/** The connection to the terminal could not be made (or the merchant aborted while it was made). */
export type ConnectFailure = { reason: 'connection-refused' | 'timeout' | 'merchant-aborted'; detail: string };

/** No final answer from the terminal; `detail` says why, for the log. */
export interface Unanswered {
  kind: 'unanswered';
  outcome: 'failed' | 'cancelled' | 'in-doubt';
  reason: Reason;
  detail: string;
}

export function unanswered(outcome: Unanswered['outcome'], reason: Reason, detail: string): Unanswered {
  return { kind: 'unanswered', outcome, reason, detail };
}

/** The merchant aborted before the request left: nothing can have been charged. */
export function abortedBeforeSending(): Unanswered {
  return unanswered('cancelled', 'merchant-aborted', 'aborted before sending');
}

/** Nothing was sent: an abort while connecting is the merchant's cancel, anything else a failure. */
export function unsent(failure: ConnectFailure): Unanswered {
  return failure.reason === 'merchant-aborted'
    ? unanswered('cancelled', 'merchant-aborted', failure.detail)
    : unanswered('failed', failure.reason, failure.detail);
}

/**
 * A lookup a cloud refused (login, token) or lost: the terminal never answered, so the response
 * code is '' (driver.ts), which the journal reads as "proves nothing"; the cloud's code is kept as
 * text for the log. With the code in place the journal would take the refusal for the terminal's
 * record and settle a payment by it.
 */
export function unansweredLookup(failure: TransactionResult): TransactionResult {
  return { ...failure, responseCode: '', ...(failure.responseCode !== '' && { responseText: failure.responseCode }) };
}

/** "Test connection": ok when the terminal approved the test exchange. */
export function connectionTestResult(result: TransactionResult, elapsedMs: number): ConnectionTestResult {
  return {
    ok: result.outcome === 'approved',
    ...(result.reason && { reason: result.reason }),
    responseCode: result.responseCode,
    ...(result.responseText !== undefined && { responseText: result.responseText }),
    elapsedMs,
  };
}
