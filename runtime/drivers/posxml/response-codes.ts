// PoSXML result codes and their protocol-neutral meaning, as data. Two kinds of code reach us:
// the terminal's ReturnCode (spec 7.1 §2.9, every one listed) and the host's HostAnswer, ISO 8583
// field 39 (spec §2.3), which tells why the bank declined. Exported whole so the catalogs can
// describe every code the driver may report.
import type { Outcome, Reason } from '../../terminals/driver.js';

export interface CodeEntry {
  code: string;
  outcome: Outcome;
  reason?: Reason;
  meaning: string;
  /** Our reading, not the spec's words. */
  inferred?: true;
}

/** The ReturnCodes code refers to by name (spec 7.1 §2.9). */
export const RETURN_CODE = {
  ok: 0,
  xmlMessageError: 32769,
  wrongVersion: 32770,
  incorrectParameter: 32771,
  xmlSyntaxError: 32773,
  technicalError: 32774,
  sequenceError: 32775,
  transactionFailed: 32778,
  transactionMissing: 32781,
  cancelledManually: 32782,
  smartcardReaderError: 32785,
} as const;

/** HostAnswer of an authorised transaction (posxml.md, "Fields": `"000"` OK). */
export const HOST_APPROVED = '000';

/** Spec 7.1 §2.9, in its order. */
export const POSXML_RETURN_CODES: readonly CodeEntry[] = [
  // Only a ReturnCode; approval needs TransactionCompletion and HostAnswer too (see verdict.ts).
  { code: '0', outcome: 'approved', meaning: 'operation succeeded' },
  // An info code, never a final answer to a transaction.
  { code: '1', outcome: 'failed', reason: 'unknown', meaning: 'card inserted' },
  { code: '32769', outcome: 'failed', reason: 'not-supported', meaning: 'XML message error (unknown message)' },
  { code: '32770', outcome: 'failed', reason: 'not-supported', meaning: 'wrong XML message version' },
  { code: '32771', outcome: 'failed', reason: 'unknown', meaning: 'incorrect parameter in the XML message' },
  // Between the terminal and the bank's host (the spec does not say which link; inferred).
  { code: '32772', outcome: 'failed', reason: 'connection-lost', meaning: 'communication problem', inferred: true },
  { code: '32773', outcome: 'failed', reason: 'unknown', meaning: 'XML syntax error' },
  { code: '32774', outcome: 'failed', reason: 'unknown', meaning: 'technical error' },
  // Another operation runs (posxml.md: "busy, inferred").
  { code: '32775', outcome: 'failed', reason: 'terminal-busy', meaning: 'sequence error (busy)', inferred: true },
  { code: '32776', outcome: 'failed', reason: 'timeout', meaning: 'timeout' },
  // A HostAnswer, when present, says why (see HOST_ANSWERS).
  { code: '32778', outcome: 'declined', reason: 'declined', meaning: 'transaction failed' },
  { code: '32779', outcome: 'failed', reason: 'terminal-busy', meaning: 'operation cannot be performed, try again' },
  { code: '32780', outcome: 'failed', reason: 'connection-lost', meaning: 'disconnected from the client' },
  { code: '32781', outcome: 'failed', reason: 'unknown', meaning: 'specified transaction missing' },
  { code: '32782', outcome: 'failed', reason: 'customer-cancelled', meaning: 'operation cancelled manually' },
  { code: '32783', outcome: 'failed', reason: 'not-supported', meaning: 'command not supported by the terminal' },
  { code: '32784', outcome: 'declined', reason: 'card-error', meaning: 'ID card PIN error' },
  // What the chip reader reports when the card leaves it mid-flow (inferred; the spec has no
  // "card removed" code).
  { code: '32785', outcome: 'declined', reason: 'card-removed', meaning: 'smartcard reader error', inferred: true },
  { code: '32786', outcome: 'failed', reason: 'unknown', meaning: 'amount error' },
  { code: '32787', outcome: 'failed', reason: 'not-supported', meaning: 'currency error' },
];

/** ISO 8583 field 39 answers we map (the spec names the field only); any other non-000 answer is the issuer's decline. */
export const HOST_ANSWERS: readonly CodeEntry[] = [
  { code: HOST_APPROVED, outcome: 'approved', meaning: 'approved by the host' },
  { code: '001', outcome: 'declined', reason: 'issuer-declined', meaning: 'refer to card issuer' },
  { code: '005', outcome: 'declined', reason: 'issuer-declined', meaning: 'do not honour' },
  { code: '012', outcome: 'declined', reason: 'declined', meaning: 'invalid transaction' },
  { code: '013', outcome: 'declined', reason: 'declined', meaning: 'invalid amount' },
  { code: '014', outcome: 'declined', reason: 'card-error', meaning: 'invalid card number' },
  { code: '033', outcome: 'declined', reason: 'card-expired', meaning: 'expired card, pick up' },
  { code: '041', outcome: 'declined', reason: 'card-blocked', meaning: 'lost card' },
  { code: '043', outcome: 'declined', reason: 'card-blocked', meaning: 'stolen card' },
  { code: '051', outcome: 'declined', reason: 'insufficient-funds', meaning: 'insufficient funds' },
  { code: '054', outcome: 'declined', reason: 'card-expired', meaning: 'expired card' },
  { code: '055', outcome: 'declined', reason: 'declined', meaning: 'incorrect PIN' },
  { code: '057', outcome: 'declined', reason: 'issuer-declined', meaning: 'transaction not permitted to cardholder' },
  { code: '061', outcome: 'declined', reason: 'insufficient-funds', meaning: 'exceeds withdrawal amount limit' },
  { code: '062', outcome: 'declined', reason: 'card-blocked', meaning: 'restricted card' },
  { code: '065', outcome: 'declined', reason: 'issuer-declined', meaning: 'exceeds withdrawal frequency limit' },
  { code: '075', outcome: 'declined', reason: 'card-blocked', meaning: 'allowable number of PIN tries exceeded' },
  { code: '091', outcome: 'declined', reason: 'issuer-declined', meaning: 'issuer or switch inoperative' },
  { code: '094', outcome: 'declined', reason: 'duplicate', meaning: 'duplicate transmission' },
  { code: '096', outcome: 'failed', reason: 'unknown', meaning: 'system malfunction' },
];

/**
 * TransactionCompletion NOTIFICATION with ReturnCode 0: the terminal recorded the transaction as
 * failed (posxml.md, "Pitfalls"). Reported as the response code since it is what decided.
 */
export const NOTIFICATION_CODE = 'NOTIFICATION';
const NOTIFICATION_ENTRY: CodeEntry = {
  code: NOTIFICATION_CODE,
  outcome: 'failed',
  reason: 'unknown',
  meaning: 'transaction recorded as failed',
};

export const KNOWN_POSXML_RESPONSE_CODES: readonly string[] = [...POSXML_RETURN_CODES, ...HOST_ANSWERS, NOTIFICATION_ENTRY].map(
  (entry) => entry.code,
);

const returnCodes = new Map(POSXML_RETURN_CODES.map((entry) => [entry.code, entry]));
const hostAnswers = new Map(HOST_ANSWERS.map((entry) => [entry.code, entry]));

export interface Classified {
  outcome: Outcome;
  reason?: Reason;
  responseCode: string;
}

/** A ReturnCode outside the spec's table is a failure we cannot explain. */
export function classifyReturnCode(returnCode: number): Classified {
  const code = String(returnCode);
  return withCode(returnCodes.get(code) ?? { code, outcome: 'failed', reason: 'unknown', meaning: '' });
}

/** A host answer we do not list is still the issuer's refusal. */
export function classifyHostAnswer(hostAnswer: string): Classified {
  return withCode(
    hostAnswers.get(hostAnswer) ?? { code: hostAnswer, outcome: 'declined', reason: 'issuer-declined', meaning: '' },
  );
}

/**
 * A ReturnCode that refuses a request (an Error, spec §2.8.7, or a failed query). 0 there would
 * be nonsense and is read as a message error, never as an approval.
 */
export function classifyRefusal(returnCode: number): Classified {
  return classifyReturnCode(returnCode === RETURN_CODE.ok ? RETURN_CODE.xmlMessageError : returnCode);
}

export function classifyNotification(): Classified {
  return withCode(NOTIFICATION_ENTRY);
}

function withCode(entry: CodeEntry): Classified {
  return entry.reason
    ? { outcome: entry.outcome, reason: entry.reason, responseCode: entry.code }
    : { outcome: entry.outcome, responseCode: entry.code };
}
