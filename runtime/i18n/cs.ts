import type { Catalog } from './catalog.js';

export const cs: Catalog = {
  outcomes: {
    approved: 'Schváleno',
    declined: 'Zamítnuto',
    cancelled: 'Zrušeno',
    failed: 'Transakce se nezdařila',
    'in-doubt': 'Výsledek transakce zatím není známý; před dalším pokusem jej ověřte',
  },
  reasons: {
    'insufficient-funds': 'Zamítnuto: nedostatek prostředků na kartě',
    'issuer-declined': 'Zamítnuto vydavatelem karty',
    'customer-cancelled': 'Zrušeno zákazníkem na terminálu',
    'merchant-aborted': 'Zrušeno pokladnou',
    'card-removed': 'Karta byla vytažena před dokončením transakce',
    'card-error': 'Kartu nelze přečíst',
    'card-expired': 'Platnost karty vypršela',
    'card-not-yet-valid': 'Karta ještě není platná',
    'card-blocked': 'Karta je blokována',
    'terminal-busy': 'Terminál je zaneprázdněn jinou operací; zkuste to za chvíli',
    duplicate: 'Zamítnuto jako duplicitní transakce',
    timeout: 'Terminál neodpověděl včas; transakce se nezdařila',
    'connection-refused': 'Nelze se připojit k terminálu; zkontrolujte, že je zapnutý a připojený k síti',
    'connection-lost': 'Spojení s terminálem bylo přerušeno a výsledek se nepodařilo zjistit',
    'dropped-by-newer-client': 'Tohoto klienta nahradil novější klient na stejném terminálu',
    'client-freed': 'Tento klient již byl uvolněn voláním Free',
    'malformed-answer': 'Terminál poslal odpověď, které nelze porozumět',
    'not-supported': 'Tuto operaci tento terminál nepodporuje',
    declined: 'Zamítnuto',
    unknown: 'Terminál vrátil neznámý výsledek',
  },
};
