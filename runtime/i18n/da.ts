import type { Catalog } from './catalog.js';

export const da: Catalog = {
  outcomes: {
    approved: 'Godkendt',
    declined: 'Afvist',
    cancelled: 'Annulleret',
    failed: 'Transaktionen mislykkedes',
    'in-doubt': 'Transaktionens resultat er endnu ikke kendt; kontrollér det, før der trækkes igen',
  },
  reasons: {
    'insufficient-funds': 'Afvist: ikke dækning på kortet',
    'issuer-declined': 'Afvist af kortudstederen',
    'customer-cancelled': 'Annulleret af kunden på terminalen',
    'merchant-aborted': 'Annulleret af kassen',
    'card-removed': 'Kortet blev taget ud, før transaktionen var gennemført',
    'card-error': 'Kortet kan ikke læses',
    'card-expired': 'Kortet er udløbet',
    'card-not-yet-valid': 'Kortet er endnu ikke gyldigt',
    'card-blocked': 'Kortet er spærret',
    'terminal-busy': 'Terminalen er optaget af en anden handling; prøv igen om lidt',
    duplicate: 'Afvist som dublet af en tidligere transaktion',
    timeout: 'Terminalen svarede ikke i tide; transaktionen mislykkedes',
    'connection-refused': 'Kan ikke oprette forbindelse til terminalen; kontrollér, at den er tændt og på netværket',
    'connection-lost': 'Forbindelsen til terminalen blev afbrudt, og resultatet kunne ikke hentes',
    'dropped-by-newer-client': 'Denne klient blev erstattet af en nyere på samme terminal',
    'client-freed': 'Denne klient er allerede frigivet med Free',
    'malformed-answer': 'Terminalen sendte et svar, der ikke kan tolkes',
    'not-supported': 'Denne terminal understøtter ikke handlingen',
    declined: 'Afvist',
    unknown: 'Terminalen rapporterede et ukendt resultat',
  },
};
