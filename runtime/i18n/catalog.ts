// Per-language catalogs of what the cashier reads. Keys are protocol-neutral (outcome, reason) plus
// each protocol's raw response codes; protocol code never holds user-facing text.
import type { Outcome, Reason } from '../terminals/driver.js';

export const LANGUAGES = ['en', 'cs', 'sk', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Catalog {
  outcomes: Record<Outcome, string>;
  reasons: Record<Reason, string>;
  /** Raw terminal codes per protocol: `codes.csob['-12']`. */
  codes: Record<string, Record<string, string>>;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
