// The GPE (Global Payments Europe) ECR protocol as a letter-field profile. No GPE specification is
// public (gpe.md): what integrators' connector documentation shows is marked "public"; all else is
// inferred from "ČSOB works in principle the same as GPE", so the profile starts from ČSOB's and
// differs where the public material says GPE does. Every value is data: Global Payments'
// certification documents replace them here, not in code.
import { CSOB_PROFILE } from '../csob/profile.js';
import type { LetterFieldProfile } from '../letter-field/profile.js';
import { GPE_RESPONSE_CODES } from './response-codes.js';

export const GPE_PROFILE: LetterFieldProfile = {
  // Inferred from the family: frame layout (STX, B0–B4, version 01, 8-character terminal id,
  // YYMMDDhhmmss, flags, hex length, A5A5 checksum placeholder), the `T` type codes (sale 00,
  // refund 04, cashback 08, reversal 10, close 60, terminal test 80, passivate 81, last
  // transaction 82, bank line test 95), flags, and receipt paging through sub-field 9/t.
  ...CSOB_PROFILE,
  protocol: 'gpe',
  field: {
    ...CSOB_PROFILE.field,
    // Public: amounts without a decimal point, i.e. minor units (field B, inferred id).
    // Public: the cashback amount in its own field, in the same form; the id is inferred.
    cashback: 'C',
    // Public: currency numeric, 3 digits, the terminal's default when absent (field E, inferred id).
    // Public: totals in "field L", with debit/credit counts and sums and cashback count and sum.
    totals: 'L',
    // Public: optional customer language (ISO 639-1); the id is inferred.
    customerLanguage: 'J',
    // Public: results carry a transaction timestamp YYMMDDhhmmss and a code page; ids inferred.
    timestamp: 'D',
    codePage: 'H',
  },
  // Public: an optional invoice number, an integer. The document's variable symbol (1–10 digits)
  // travels in it (see README.md, "Invoice number"); the id is inferred. GPE has no long form.
  variableSymbol: { field: 'N', shortMax: 10, pattern: /^\d{1,10}$/ },
  // Public: results carry approved yes/no apart from the response code; id and values inferred.
  approvedFlag: { field: 'A', yes: '1', no: '0' },
  totalsFormat: 'debit-credit',
  responseCodes: GPE_RESPONSE_CODES,
  // Public: the connector documentation's port example.
  defaultPort: 2050,
};
