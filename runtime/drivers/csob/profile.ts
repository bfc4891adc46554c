// Everything ČSOB-specific about the wire, as data (csob-b.md). Items marked "inferred" are our
// reading of public integrations; a bank's certified document replaces them here, not in code.
import { crc16CcittFalse } from '../../protocol/crc16.js';
import type { FrameProfile } from '../../protocol/frame-profile.js';

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

export const PROTOCOL_VERSION = '01';

/** Letter-field ids (csob-b.md, "Fields"). */
export const FIELD = {
  transactionType: 'T',
  amount: 'B',
  currency: 'E',
  variableSymbol: 'S',
  authorizationCode: 'F',
  responseCode: 'R',
  responseText: 'g',
  /** Holds GS sub-fields: the long variable symbol and receipt paging. */
  composite: '9',
  /** Inferred: card number as the terminal reports it (masked or not; we mask again). */
  cardNumber: 'P',
  /** Inferred: the terminal's own transaction sequence number, when it sends one. */
  transactionId: 'I',
  /** Inferred, after GPE's totals "field L" (gpe.md): close-totals per currency. */
  totals: 'L',
} as const;

/** Sub-field ids inside FIELD.composite. */
export const SUB_FIELD = {
  /** Variable symbols of 10–20 characters travel here instead of in field S. */
  variableSymbol: 'S',
  /** Receipt part in B3 (M, C, -) and the "more follows" marker in B4 (1). */
  receipt: 't',
} as const;

/** Longest variable symbol that fits field S; longer ones go to sub-field 9/S. */
export const SHORT_VARIABLE_SYMBOL_MAX = 9;
export const VARIABLE_SYMBOL_MAX = 20;

/** Inferred default for the cashback amount field (not public, so an option overrides it). */
export const DEFAULT_CASHBACK_FIELD_ID = 'C';

/** Transaction type codes, sent as `T<code>` (csob-b.md, "Transaction types"). */
export const TRANSACTION_TYPE = {
  sale: '00',
  refund: '04',
  saleWithCashback: '08',
  reversal: '10',
  closeTotals: '60',
  applicationInfo: '80',
  passivate: '81',
  lastTransaction: '82',
  lineTest: '95',
} as const;

/** Types whose outcome moves money and so is never sent twice: it is looked up with T82. */
export const FINANCIAL_TYPES: readonly string[] = [
  TRANSACTION_TYPE.sale,
  TRANSACTION_TYPE.refund,
  TRANSACTION_TYPE.saleWithCashback,
  TRANSACTION_TYPE.reversal,
];

/** Header flags (csob-b.md, "Messages"; the B2 meanings are inferred). */
export const FLAG = {
  /** Sent by the register in B1 and B3. */
  register: 0x8000,
  /** In B2: the register should confirm the result with a T82 query. */
  confirmWithLastTransaction: 0x8000,
  /** In B2: a receipt is ready, fetch it with B3. */
  receiptReady: 0x0002,
  /** In B2: the customer must sign the merchant copy. */
  signatureRequired: 0x0001,
} as const;

/** B3 receipt parts and the B4 continuation marker (sub-field `t`). */
export const RECEIPT_PART = { merchant: 'M', customer: 'C', next: '-' } as const;
export const RECEIPT_MORE_FOLLOWS = '1';
