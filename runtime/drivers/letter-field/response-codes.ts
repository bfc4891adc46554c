// A profile's response-code table (field R) and the one rule that reads it. Each profile exports
// its table whole so the localisation catalogs can list every code its driver knows.
import type { Outcome, Reason } from '../../terminals/driver.js';

export interface ResponseCodeEntry {
  code: string;
  outcome: Outcome;
  reason?: Reason;
  meaning: string;
  /** Our reading, not a published fact. */
  inferred?: true;
}

export interface ResponseCodeTable {
  entries: readonly ResponseCodeEntry[];
  /** Codes of this shape missing from the table are the card issuer's answer passed through. */
  hostCodePattern: RegExp;
}

/**
 * Anything not in the table is a decline: the issuer's, when the code has the host's shape, or the
 * terminal's own refusal otherwise (csob-b.md, "Response codes": "anything else: generic decline").
 */
export function classifyResponseCode(table: ResponseCodeTable, code: string): { outcome: Outcome; reason?: Reason } {
  const entry = table.entries.find((candidate) => candidate.code === code);
  if (entry) return entry.reason ? { outcome: entry.outcome, reason: entry.reason } : { outcome: entry.outcome };
  return { outcome: 'declined', reason: table.hostCodePattern.test(code) ? 'issuer-declined' : 'declined' };
}

export function codesOf(table: ResponseCodeTable): readonly string[] {
  return table.entries.map((entry) => entry.code);
}
