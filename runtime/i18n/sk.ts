import type { Catalog } from './catalog.js';

export const sk: Catalog = {
  outcomes: {
    approved: 'Schválené',
    declined: 'Zamietnuté',
    cancelled: 'Zrušené',
    failed: 'Transakcia sa nepodarila',
    'in-doubt': 'Výsledok transakcie zatiaľ nie je známy; pred ďalším pokusom ho overte',
  },
  reasons: {
    'insufficient-funds': 'Zamietnuté: nedostatok prostriedkov na karte',
    'issuer-declined': 'Zamietnuté vydavateľom karty',
    'customer-cancelled': 'Zrušené zákazníkom na termináli',
    'merchant-aborted': 'Zrušené pokladnicou',
    'card-removed': 'Karta bola vytiahnutá pred dokončením transakcie',
    'card-error': 'Kartu nie je možné prečítať',
    'card-expired': 'Platnosť karty vypršala',
    'card-not-yet-valid': 'Karta ešte nie je platná',
    'card-blocked': 'Karta je zablokovaná',
    'terminal-busy': 'Terminál je zaneprázdnený inou operáciou; skúste to o chvíľu',
    duplicate: 'Zamietnuté ako duplicitná transakcia',
    timeout: 'Terminál neodpovedal včas; transakcia sa nepodarila',
    'connection-refused': 'Nedá sa pripojiť k terminálu; skontrolujte, či je zapnutý a pripojený k sieti',
    'connection-lost': 'Spojenie s terminálom sa prerušilo a výsledok sa nepodarilo zistiť',
    'dropped-by-newer-client': 'Tohto klienta nahradil novší klient na tom istom termináli',
    'client-freed': 'Tento klient už bol uvoľnený volaním Free',
    'malformed-answer': 'Terminál poslal odpoveď, ktorej nie je možné porozumieť',
    'not-supported': 'Túto operáciu tento terminál nepodporuje',
    declined: 'Zamietnuté',
    unknown: 'Terminál vrátil neznámy výsledok',
  },
};
