// Per-language catalogs of what the cashier reads. Keys are protocol-neutral (outcome, reason);
// each protocol's raw response codes have their own texts in codes/<protocol>.ts. Protocol code
// never holds user-facing text.
import type { Outcome, Reason } from '../terminals/driver.js';

/** Czech, Slovak, English and German desks; Estonian for the PoSXML terminals of Estonian banks. */
export const LANGUAGES = ['en', 'cs', 'sk', 'de', 'et'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Catalog {
  outcomes: Record<Outcome, string>;
  reasons: Record<Reason, string>;
}

/** One protocol's response codes described in every language: `texts.cs['-12']`. */
export type CodeTexts = Record<Language, Record<string, string>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
