import type { Catalog } from './catalog.js';

export const nb: Catalog = {
  outcomes: {
    approved: 'Godkjent',
    declined: 'Avvist',
    cancelled: 'Avbrutt',
    failed: 'Transaksjonen mislyktes',
    'in-doubt': 'Resultatet av transaksjonen er ikke kjent ennå; kontroller det før du belaster på nytt',
  },
  reasons: {
    'insufficient-funds': 'Avvist: ikke dekning på kortet',
    'issuer-declined': 'Avvist av kortutstederen',
    'customer-cancelled': 'Avbrutt av kunden på terminalen',
    'merchant-aborted': 'Avbrutt av kassen',
    'card-removed': 'Kortet ble tatt ut før transaksjonen var fullført',
    'card-error': 'Kortet kan ikke leses',
    'card-expired': 'Kortet er utløpt',
    'card-not-yet-valid': 'Kortet er ikke gyldig ennå',
    'card-blocked': 'Kortet er sperret',
    'terminal-busy': 'Terminalen er opptatt med en annen operasjon; prøv igjen om litt',
    duplicate: 'Avvist som duplikat av en tidligere transaksjon',
    timeout: 'Terminalen svarte ikke i tide; transaksjonen mislyktes',
    'connection-refused': 'Får ikke kontakt med terminalen; kontroller at den er slått på og koblet til nettverket',
    'connection-lost': 'Forbindelsen til terminalen ble brutt, og resultatet kunne ikke hentes',
    'dropped-by-newer-client': 'Denne klienten ble erstattet av en nyere på samme terminal',
    'client-freed': 'Denne klienten er allerede frigitt med Free',
    'malformed-answer': 'Terminalen sendte et svar som ikke kan tolkes',
    'not-supported': 'Denne terminalen støtter ikke operasjonen',
    declined: 'Avvist',
    unknown: 'Terminalen rapporterte et ukjent resultat',
  },
};
