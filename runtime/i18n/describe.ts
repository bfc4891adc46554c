// Picks the text the cashier reads for a result. A terminal's own code is the most precise
// description of what the terminal decided; host-side failures have no terminal code worth
// showing (the code may be an echo of our own abort), so their reason speaks instead. A code no
// catalog knows keeps the terminal's or cloud's own words after the general text, so a new
// rejection from a provider still tells the cashier what happened.
import type { Outcome, Reason } from '../terminals/driver.js';
import type { Catalog, Language } from './catalog.js';
import { CODE_TEXTS } from './codes/index.js';
import { cs } from './cs.js';
import { da } from './da.js';
import { de } from './de.js';
import { el } from './el.js';
import { en } from './en.js';
import { et } from './et.js';
import { fi } from './fi.js';
import { it } from './it.js';
import { nb } from './nb.js';
import { sk } from './sk.js';
import { sv } from './sv.js';

export const CATALOGS: Record<Language, Catalog> = { en, cs, sk, de, et, sv, fi, nb, da, el, it };

/** Reasons decided by the host, not by the terminal. */
const HOST_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'merchant-aborted',
  'timeout',
  'connection-refused',
  'connection-lost',
  'dropped-by-newer-client',
  'client-freed',
  'malformed-answer',
  'not-supported',
]);

export interface Describable {
  outcome: Outcome;
  reason?: Reason;
  responseCode: string;
  /** The terminal's or cloud's own text for the code, shown when no catalog text fits. */
  responseText?: string;
}

export function describeResult(result: Describable, protocol: string, language: Language): string {
  const catalog = CATALOGS[language];
  const hostDecided = result.reason !== undefined && HOST_REASONS.has(result.reason);
  if (!hostDecided) {
    const byCode = CODE_TEXTS[protocol]?.[language]?.[result.responseCode];
    if (byCode) return byCode;
  }
  // In doubt, the one thing the cashier must read is to check before charging again; the reason's
  // text speaks of a final end ("the transaction failed") that is not known.
  const general =
    result.reason && result.outcome !== 'in-doubt' ? catalog.reasons[result.reason] : catalog.outcomes[result.outcome];
  const ownWords = result.responseText?.trim();
  return !hostDecided && ownWords ? `${general}: ${ownWords}` : general;
}
