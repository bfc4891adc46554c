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
    'already-paid':
      'This document has already been paid by card; nothing was charged. To charge it again, set AllowRepeat = true',
    'payment-in-doubt': 'An earlier payment of this document is still being verified; nothing was charged. Try again in a moment',
    'terminal-in-doubt':
      'The terminal has an earlier transaction whose result is still being verified; nothing was sent. Try again in a moment',
  },
  cs: {
    'already-paid': 'Tento doklad už byl zaplacen kartou; nic nebylo strženo. Pro opakovanou platbu nastavte AllowRepeat = true',
    'payment-in-doubt': 'Předchozí platba tohoto dokladu se ještě ověřuje; nic nebylo strženo. Zkuste to za chvíli',
    'terminal-in-doubt':
      'Terminál má předchozí transakci, jejíž výsledek se ještě ověřuje; nic nebylo odesláno. Zkuste to za chvíli',
  },
  sk: {
    'already-paid': 'Tento doklad už bol zaplatený kartou; nič nebolo stiahnuté. Na opakovanú platbu nastavte AllowRepeat = true',
    'payment-in-doubt': 'Predchádzajúca platba tohto dokladu sa ešte overuje; nič nebolo stiahnuté. Skúste to o chvíľu',
    'terminal-in-doubt':
      'Terminál má predchádzajúcu transakciu, ktorej výsledok sa ešte overuje; nič nebolo odoslané. Skúste to o chvíľu',
  },
  de: {
    'already-paid':
      'Dieser Beleg wurde bereits mit Karte bezahlt; es wurde nichts belastet. Für eine erneute Zahlung AllowRepeat = true setzen',
    'payment-in-doubt':
      'Eine frühere Zahlung dieses Belegs wird noch geprüft; es wurde nichts belastet. Bitte gleich noch einmal versuchen',
    'terminal-in-doubt':
      'Das Terminal hat eine frühere Transaktion, deren Ergebnis noch geprüft wird; es wurde nichts gesendet. Bitte gleich noch einmal versuchen',
  },
  et: {
    'already-paid': 'See dokument on juba kaardiga tasutud; midagi ei debiteeritud. Uuesti maksmiseks määrake AllowRepeat = true',
    'payment-in-doubt':
      'Selle dokumendi varasemat makset alles kontrollitakse; midagi ei debiteeritud. Proovige hetke pärast uuesti',
    'terminal-in-doubt':
      'Terminalil on varasem tehing, mille tulemust alles kontrollitakse; midagi ei saadetud. Proovige hetke pärast uuesti',
  },
  sv: {
    'already-paid': 'Dokumentet är redan betalt med kort; inget debiterades. Sätt AllowRepeat = true för att debitera igen',
    'payment-in-doubt':
      'En tidigare betalning av dokumentet kontrolleras fortfarande; inget debiterades. Försök igen om en stund',
    'terminal-in-doubt':
      'Terminalen har en tidigare transaktion vars resultat fortfarande kontrolleras; inget skickades. Försök igen om en stund',
  },
  fi: {
    'already-paid': 'Asiakirja on jo maksettu kortilla; mitään ei veloitettu. Aseta AllowRepeat = true veloittaaksesi uudelleen',
    'payment-in-doubt': 'Asiakirjan aiempaa maksua tarkistetaan vielä; mitään ei veloitettu. Yritä hetken kuluttua uudelleen',
    'terminal-in-doubt':
      'Maksupäätteellä on aiempi tapahtuma, jonka tulosta tarkistetaan vielä; mitään ei lähetetty. Yritä hetken kuluttua uudelleen',
  },
  nb: {
    'already-paid':
      'Dokumentet er allerede betalt med kort; ingenting ble belastet. Sett AllowRepeat = true for å belaste på nytt',
    'payment-in-doubt': 'En tidligere betaling av dokumentet kontrolleres fortsatt; ingenting ble belastet. Prøv igjen om litt',
    'terminal-in-doubt':
      'Terminalen har en tidligere transaksjon som fortsatt kontrolleres; ingenting ble sendt. Prøv igjen om litt',
  },
  da: {
    'already-paid': 'Dokumentet er allerede betalt med kort; intet blev trukket. Sæt AllowRepeat = true for at trække igen',
    'payment-in-doubt': 'En tidligere betaling af dokumentet kontrolleres stadig; intet blev trukket. Prøv igen om lidt',
    'terminal-in-doubt':
      'Terminalen har en tidligere transaktion, hvis resultat stadig kontrolleres; intet blev sendt. Prøv igen om lidt',
  },
  el: {
    'already-paid': 'Το παραστατικό έχει ήδη εξοφληθεί με κάρτα· δεν έγινε χρέωση. Για νέα χρέωση ορίστε AllowRepeat = true',
    'payment-in-doubt': 'Μια προηγούμενη πληρωμή του παραστατικού ελέγχεται ακόμη· δεν έγινε χρέωση. Δοκιμάστε ξανά σε λίγο',
    'terminal-in-doubt':
      'Το τερματικό έχει προηγούμενη συναλλαγή που ελέγχεται ακόμη· δεν στάλθηκε τίποτα. Δοκιμάστε ξανά σε λίγο',
  },
  it: {
    'already-paid':
      'Il documento è già stato pagato con carta; nulla è stato addebitato. Per addebitare di nuovo impostare AllowRepeat = true',
    'payment-in-doubt':
      'Un pagamento precedente del documento è ancora in verifica; nulla è stato addebitato. Riprovare tra poco',
    'terminal-in-doubt':
      'Il terminale ha una transazione precedente il cui esito è ancora in verifica; non è stato inviato nulla. Riprovare tra poco',
  },
};

export function describeRefusal(refusal: Refusal, language: Language): string {
  return TEXTS[language][refusal];
}
