// ČSOB response codes (field R) and their protocol-neutral meaning. Exported whole so the
// localisation catalogs can list every code the driver knows.
import type { Outcome, Reason } from '../../terminals/driver.js';

export interface ResponseCodeEntry {
  code: string;
  outcome: Outcome;
  reason?: Reason;
  meaning: string;
  /** Our reading, not a published fact (csob-b.md marks these). */
  inferred?: true;
}

export const APPROVED_CODE = '000';
/** The normal answer to T81 passivate, and a customer's or operator's cancel. */
export const CANCELLED_CODE = '-01';

export const CSOB_RESPONSE_CODES: readonly ResponseCodeEntry[] = [
  { code: APPROVED_CODE, outcome: 'approved', meaning: 'approved' },
  { code: CANCELLED_CODE, outcome: 'cancelled', reason: 'customer-cancelled', meaning: 'cancelled by customer or operator' },
  { code: '-02', outcome: 'failed', reason: 'terminal-busy', meaning: 'terminal busy, cannot do it now', inferred: true },
  // No public code for a card pulled out mid-transaction; kept apart from -09 so the cashier sees
  // the precise reason. Replace with the bank's code when known.
  { code: '-08', outcome: 'declined', reason: 'card-removed', meaning: 'card removed before completion', inferred: true },
  { code: '-09', outcome: 'declined', reason: 'card-error', meaning: 'card error' },
  { code: '-10', outcome: 'declined', reason: 'card-expired', meaning: 'card expired' },
  { code: '-11', outcome: 'declined', reason: 'card-not-yet-valid', meaning: 'card not yet valid' },
  { code: '-12', outcome: 'declined', reason: 'insufficient-funds', meaning: 'insufficient funds' },
  { code: '-18', outcome: 'failed', reason: 'timeout', meaning: 'timeout' },
  { code: '-21', outcome: 'failed', reason: 'unknown', meaning: 'operation discarded' },
  { code: '-29', outcome: 'declined', reason: 'card-blocked', meaning: 'card blocked' },
];

export const KNOWN_CSOB_RESPONSE_CODES: readonly string[] = CSOB_RESPONSE_CODES.map((entry) => entry.code);

const byCode = new Map(CSOB_RESPONSE_CODES.map((entry) => [entry.code, entry]));

/**
 * Anything not in the table is a decline (csob-b.md, "Response codes"). A three-digit code other
 * than 000 is the host's (issuer's) answer passed through; any other shape is the terminal's own
 * refusal, a generic decline. "Duplicate" has no public code and lands here too.
 */
export function classifyResponseCode(code: string): { outcome: Outcome; reason?: Reason } {
  const entry = byCode.get(code);
  if (entry) return entry.reason ? { outcome: entry.outcome, reason: entry.reason } : { outcome: entry.outcome };
  return { outcome: 'declined', reason: /^\d{3}$/.test(code) ? 'issuer-declined' : 'declined' };
}
