import type { Catalog } from './catalog.js';

export const et: Catalog = {
  outcomes: {
    approved: 'Kinnitatud',
    declined: 'Tagasi lükatud',
    cancelled: 'Katkestatud',
    failed: 'Tehing ebaõnnestus',
    'in-doubt': 'Tehingu tulemus pole veel teada; kontrollige seda enne uut katset',
  },
  reasons: {
    'insufficient-funds': 'Tagasi lükatud: kaardil pole piisavalt raha',
    'issuer-declined': 'Kaardi väljastaja lükkas tehingu tagasi',
    'customer-cancelled': 'Klient katkestas tehingu terminalis',
    'merchant-aborted': 'Kassa katkestas tehingu',
    'card-removed': 'Kaart eemaldati enne tehingu lõppu',
    'card-error': 'Kaarti ei saa lugeda',
    'card-expired': 'Kaart on aegunud',
    'card-not-yet-valid': 'Kaart ei kehti veel',
    'card-blocked': 'Kaart on blokeeritud',
    'terminal-busy': 'Terminal on hõivatud teise toiminguga; proovige hetke pärast uuesti',
    duplicate: 'Tagasi lükatud kui varasema tehingu kordus',
    timeout: 'Terminal ei vastanud õigeaegselt; tehing ebaõnnestus',
    'connection-refused': 'Terminaliga ei saa ühendust; kontrollige, et see oleks sisse lülitatud ja võrgus',
    'connection-lost': 'Ühendus terminaliga katkes ja tulemust ei õnnestunud kindlaks teha',
    'dropped-by-newer-client': 'Selle kliendi asendas uuem klient samas terminalis',
    'client-freed': 'See klient on juba Free abil vabastatud',
    'malformed-answer': 'Terminal saatis vastuse, millest ei saa aru',
    'not-supported': 'See terminal seda toimingut ei toeta',
    declined: 'Tagasi lükatud',
    unknown: 'Terminal teatas tundmatust tulemusest',
  },
};
