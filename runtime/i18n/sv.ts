import type { Catalog } from './catalog.js';

export const sv: Catalog = {
  outcomes: {
    approved: 'Godkänd',
    declined: 'Nekad',
    cancelled: 'Avbruten',
    failed: 'Transaktionen misslyckades',
    'in-doubt': 'Transaktionens resultat är ännu inte känt; kontrollera det innan du debiterar igen',
  },
  reasons: {
    'insufficient-funds': 'Nekad: otillräckligt saldo på kortet',
    'issuer-declined': 'Nekad av kortutgivaren',
    'customer-cancelled': 'Avbruten av kunden på terminalen',
    'merchant-aborted': 'Avbruten av kassan',
    'card-removed': 'Kortet togs ut innan transaktionen var klar',
    'card-error': 'Kortet kan inte läsas',
    'card-expired': 'Kortet har gått ut',
    'card-not-yet-valid': 'Kortet är ännu inte giltigt',
    'card-blocked': 'Kortet är spärrat',
    'terminal-busy': 'Terminalen är upptagen med en annan åtgärd; försök igen om en stund',
    duplicate: 'Nekad som dubblett av en tidigare transaktion',
    timeout: 'Terminalen svarade inte i tid; transaktionen misslyckades',
    'connection-refused': 'Kan inte ansluta till terminalen; kontrollera att den är påslagen och ansluten till nätverket',
    'connection-lost': 'Anslutningen till terminalen bröts och resultatet kunde inte hämtas',
    'dropped-by-newer-client': 'Denna klient ersattes av en nyare på samma terminal',
    'client-freed': 'Denna klient har redan frigjorts med Free',
    'malformed-answer': 'Terminalen skickade ett svar som inte går att tolka',
    'not-supported': 'Denna terminal stöder inte åtgärden',
    declined: 'Nekad',
    unknown: 'Terminalen rapporterade ett okänt resultat',
  },
};
