// Per-language catalogs of what the cashier reads. Keys are protocol-neutral (outcome, reason);
// each protocol's raw response codes have their own texts in codes/<protocol>.ts. Protocol code
// never holds user-facing text.
import type { Outcome, Reason } from '../terminals/driver.js';

/**
 * Czech, Slovak, English and German desks; Estonian for the PoSXML terminals of Estonian banks;
 * Swedish, Finnish, Norwegian, Danish for NETS, Greek and Italian for Viva merchants.
 */
export const LANGUAGES = ['en', 'cs', 'sk', 'de', 'et', 'sv', 'fi', 'nb', 'da', 'el', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The languages of the region's desks, which the letter-field and PoSXML protocols serve. */
export const CORE_LANGUAGES = ['en', 'cs', 'sk', 'de', 'et'] as const;

export interface Catalog {
  outcomes: Record<Outcome, string>;
  reasons: Record<Reason, string>;
}

/**
 * One protocol's response codes described per language: `texts.cs['-12']`. English always; the
 * protocol's registry entry names the other languages it must describe them in, and a language
 * missing here falls back to the reason's text.
 */
export type CodeTexts = { en: Record<string, string> } & Partial<Record<Language, Record<string, string>>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
