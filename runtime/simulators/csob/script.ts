// What the simulated ČSOB terminal answers, in ČSOB codes (drivers/csob/response-codes.ts) and
// the Czech texts a ČSOB terminal shows.
import type { SimulatorScript } from '../letter-field/script.js';

export const CSOB_SCRIPT: SimulatorScript = {
  receiptHeading: 'ČSOB - simulátor terminálu',
  approved: { responseCode: '000', responseText: 'Schváleno' },
  refusals: {
    'insufficient-funds': { responseCode: '-12', responseText: 'Nedostatek prostředků' },
    // A host answer passed through (ISO 8583 "do not honour"): the driver reads it as issuer-declined.
    'issuer-declined': { responseCode: '005', responseText: 'Zamítnuto vydavatelem' },
    'customer-cancelled': { responseCode: '-01', responseText: 'Zrušeno zákazníkem' },
    // Inferred code for "card removed" (see the driver's response-codes.ts).
    'card-removed': { responseCode: '-08', responseText: 'Karta vytažena' },
    'terminal-busy': { responseCode: '-02', responseText: 'Terminál je zaneprázdněn' },
    // ČSOB has no public "duplicate" code: the terminal refuses with a code outside the table.
    duplicate: { responseCode: '-30', responseText: 'Duplicitní transakce' },
    'card-expired': { responseCode: '-10', responseText: 'Karta expirovala' },
  },
  passivated: { responseCode: '-01', responseText: 'Přerušeno' },
  unsupported: { responseCode: '-21', responseText: 'Nepodporovaná operace' },
  // Host-style "invalid transaction": nothing to reverse under that authorization code.
  nothingToReverse: { responseCode: '012', responseText: 'Transakce nenalezena' },
  applicationInfoText: 'ČSOB simulátor 1.0',
  lineTestText: 'Spojení s bankou v pořádku',
  closedText: 'Uzávěrka provedena',
};
