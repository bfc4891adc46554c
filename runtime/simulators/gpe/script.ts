// What the simulated GPE terminal answers, in the GPE profile's (inferred) codes
// (drivers/gpe/response-codes.ts) and the Czech texts of a terminal at a Czech desk.
import type { SimulatorScript } from '../letter-field/script.js';

export const GPE_SCRIPT: SimulatorScript = {
  receiptHeading: 'GPE - simulátor terminálu',
  approved: { responseCode: '00', responseText: 'Schváleno' },
  refusals: {
    'insufficient-funds': { responseCode: '51', responseText: 'Nedostatek prostředků' },
    'issuer-declined': { responseCode: '05', responseText: 'Zamítnuto vydavatelem' },
    'customer-cancelled': { responseCode: 'T1', responseText: 'Zrušeno zákazníkem' },
    'card-removed': { responseCode: 'T3', responseText: 'Karta vytažena' },
    'terminal-busy': { responseCode: 'T2', responseText: 'Terminál je zaneprázdněn' },
    duplicate: { responseCode: '94', responseText: 'Duplicitní transakce' },
    'card-expired': { responseCode: '54', responseText: 'Karta expirovala' },
  },
  passivated: { responseCode: 'T1', responseText: 'Přerušeno' },
  unsupported: { responseCode: 'T6', responseText: 'Nepodporovaná operace' },
  // ISO 8583 "invalid transaction" from the host: outside the table, so an issuer decline.
  nothingToReverse: { responseCode: '12', responseText: 'Transakce nenalezena' },
  applicationInfoText: 'GPE simulátor 1.0',
  lineTestText: 'Spojení s autorizačním centrem v pořádku',
  closedText: 'Uzávěrka provedena',
  // Frames are ISO-8859-2 (csob-b.md, "Transport"); the terminal says so in its code-page field.
  codePage: 'ISO-8859-2',
};
