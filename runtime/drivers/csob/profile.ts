// Everything ČSOB-specific about the wire, as one letter-field profile (csob-b.md). Items marked
// "inferred" are our reading of public integrations; a bank's certified document replaces them
// here, not in code.
import { crc16CcittFalse } from '../letter-field/crc16.js';
import type { FrameProfile } from '../letter-field/frame-profile.js';
import type { LetterFieldProfile } from '../letter-field/profile.js';
import { CSOB_RESPONSE_CODES } from './response-codes.js';

const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Frame layout: csob-b.md, "Frame". */
export const CSOB_FRAME: FrameProfile = {
  stx: 0x02,
  etx: 0x03,
  header: [
    { name: 'type', width: 2, pattern: /^B[0-4]$/, pad: 'right-space' },
    { name: 'version', width: 2, pattern: /^\d\d$/, pad: 'left-zero' },
    { name: 'terminalId', width: 8, pattern: /^[\x20-\x7e]{8}$/, pad: 'right-space' },
    { name: 'dateTime', width: 12, pattern: /^\d{12}$/, pad: 'left-zero' },
    { name: 'flags', width: 4, pattern: HEX4, pad: 'left-zero' },
    { name: 'length', width: 4, pattern: HEX4, pad: 'left-zero' },
    { name: 'crc', width: 4, pattern: HEX4, pad: 'left-zero' },
  ],
  lengthField: 'length',
  crcField: 'crc',
  // Integrations send A5A5 and terminals accept it; the real algorithm is unknown, so the
  // computed checksum (CRC-16/CCITT-FALSE over the data area) is inferred and off by default.
  crcPlaceholder: 'A5A5',
  computeCrc: crc16CcittFalse,
};

/** Inferred default for the cashback amount field (not public, so the `cashbackFieldId` option overrides it). */
export const DEFAULT_CASHBACK_FIELD_ID = 'C';

export const CSOB_PROFILE: LetterFieldProfile = {
  protocol: 'csob',
  frame: CSOB_FRAME,
  protocolVersion: '01',
  messageCode: { activity: 'B0', request: 'B1', result: 'B2', 'receipt-request': 'B3', 'receipt-page': 'B4' },
  // csob-b.md, "Fields".
  field: {
    transactionType: 'T',
    amount: 'B',
    cashback: DEFAULT_CASHBACK_FIELD_ID,
    currency: 'E',
    authorizationCode: 'F',
    responseCode: 'R',
    responseText: 'g',
    composite: '9',
    /** Inferred: card number as the terminal reports it (masked or not; we mask again). */
    cardNumber: 'P',
    /** Inferred: the terminal's own transaction sequence number, when it sends one. */
    transactionId: 'I',
    /** Inferred, after GPE's totals "field L" (gpe.md): close totals per currency. */
    totals: 'L',
  },
  // Up to nine characters in field S; 10–20 in sub-field S of field 9.
  variableSymbol: { field: 'S', shortMax: 9, longSubField: 'S', pattern: /^[\x21-\x7e]{1,20}$/ },
  receiptSubField: 't',
  receiptPartCode: { merchant: 'M', customer: 'C', next: '-' },
  receiptMoreFollows: '1',
  // csob-b.md, "Transaction types".
  transactionType: {
    sale: '00',
    refund: '04',
    saleWithCashback: '08',
    reversal: '10',
    closeTotals: '60',
    applicationInfo: '80',
    passivate: '81',
    lastTransaction: '82',
    /** Inferred: "test connection with bank". */
    lineTest: '95',
  },
  // csob-b.md, "Messages"; the result-flag meanings are inferred.
  flag: { register: 0x8000, confirmWithLastTransaction: 0x8000, receiptReady: 0x0002 },
  totalsFormat: 'per-currency',
  responseCodes: CSOB_RESPONSE_CODES,
  // csob-b.md, "Transport": set per terminal by the bank's technician; 3333 is common.
  defaultPort: 3333,
};

/** The profile with the cashback amount in another field (the `cashbackFieldId` option). */
export function withCashbackField(profile: LetterFieldProfile, id: string): LetterFieldProfile {
  return { ...profile, field: { ...profile.field, cashback: id } };
}
