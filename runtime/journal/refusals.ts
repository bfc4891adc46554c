// Work the host refuses before anything leaves it, and what the cashier reads about it. These are
// the journal's own decisions, not a terminal's, so their texts live here beside the rules that
// make them rather than among the terminal reasons of runtime/i18n.
import type { Language } from '../i18n/catalog.js';

export type Refusal =
  /** The document already has an approved payment (and no reversal of it). */
  | 'already-paid'
  /** The document has a payment whose outcome is not known yet. */
  | 'payment-in-doubt'
  /** The terminal has a transaction whose outcome is not known yet: it takes no new work. */
  | 'terminal-in-doubt';

const TEXTS: Readonly<Record<Language, Record<Refusal, string>>> = {
  en: {
    'already-paid': 'This document has already been paid by card; nothing was charged. To charge it again, set AllowRepeat = true',
    'payment-in-doubt': 'An earlier payment of this document is still being verified; nothing was charged. Try again in a moment',
    'terminal-in-doubt': 'The terminal has an earlier transaction whose result is still being verified; nothing was sent. Try again in a moment',
  },
  cs: {
    'already-paid': 'Tento doklad už byl zaplacen kartou; nic nebylo strženo. Pro opakovanou platbu nastavte AllowRepeat = true',
    'payment-in-doubt': 'Předchozí platba tohoto dokladu se ještě ověřuje; nic nebylo strženo. Zkuste to za chvíli',
    'terminal-in-doubt': 'Terminál má předchozí transakci, jejíž výsledek se ještě ověřuje; nic nebylo odesláno. Zkuste to za chvíli',
  },
  sk: {
    'already-paid': 'Tento doklad už bol zaplatený kartou; nič nebolo stiahnuté. Na opakovanú platbu nastavte AllowRepeat = true',
    'payment-in-doubt': 'Predchádzajúca platba tohto dokladu sa ešte overuje; nič nebolo stiahnuté. Skúste to o chvíľu',
    'terminal-in-doubt': 'Terminál má predchádzajúcu transakciu, ktorej výsledok sa ešte overuje; nič nebolo odoslané. Skúste to o chvíľu',
  },
  de: {
    'already-paid': 'Dieser Beleg wurde bereits mit Karte bezahlt; es wurde nichts belastet. Für eine erneute Zahlung AllowRepeat = true setzen',
    'payment-in-doubt': 'Eine frühere Zahlung dieses Belegs wird noch geprüft; es wurde nichts belastet. Bitte gleich noch einmal versuchen',
    'terminal-in-doubt': 'Das Terminal hat eine frühere Transaktion, deren Ergebnis noch geprüft wird; es wurde nichts gesendet. Bitte gleich noch einmal versuchen',
  },
  et: {
    'already-paid': 'See dokument on juba kaardiga tasutud; midagi ei debiteeritud. Uuesti maksmiseks määrake AllowRepeat = true',
    'payment-in-doubt': 'Selle dokumendi varasemat makset alles kontrollitakse; midagi ei debiteeritud. Proovige hetke pärast uuesti',
    'terminal-in-doubt': 'Terminalil on varasem tehing, mille tulemust alles kontrollitakse; midagi ei saadetud. Proovige hetke pärast uuesti',
  },
};

export function describeRefusal(refusal: Refusal, language: Language): string {
  return TEXTS[language][refusal];
}
