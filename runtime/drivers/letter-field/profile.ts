// One protocol profile of the letter-field family (ČSOB B-protocol, GPE): every wire fact a bank
// may state differently, as data. The family's codec, session and simulator read only this, so a
// bank's certified document replaces values here, never code (protocols/README.md; gpe.md, "How
// we build it").
import type { FrameProfile } from './frame-profile.js';
import type { ResponseCodeTable } from './response-codes.js';

/** The family's five messages; each profile names their wire codes (ČSOB: B0–B4). */
export type MessageKind = 'activity' | 'request' | 'result' | 'receipt-request' | 'receipt-page';

/** Which receipt copy a receipt request asks for, or the next page of the one being read. */
export type ReceiptPart = 'merchant' | 'customer' | 'next';

/** Letter-field ids. Optional ones exist only in the profiles that carry them. */
export interface FieldIds {
  transactionType: string;
  amount: string;
  cashback: string;
  currency: string;
  authorizationCode: string;
  responseCode: string;
  responseText: string;
  /** Holds GS sub-fields: receipt paging, and the long variable symbol where a profile has one. */
  composite: string;
  cardNumber: string;
  transactionId: string;
  totals: string;
  customerLanguage?: string;
  /** The transaction's own time, `YYMMDDhhmmss`. */
  timestamp?: string;
  codePage?: string;
}

/** Where the document's variable symbol travels and what the wire accepts. */
export interface VariableSymbolSpec {
  field: string;
  /** Longest symbol that fits `field`. */
  shortMax: number;
  /** Sub-field of the composite field for longer symbols, when the profile has one. */
  longSubField?: string;
  /** Every symbol the profile can carry, whole. */
  pattern: RegExp;
}

export interface TransactionTypes {
  sale: string;
  refund: string;
  saleWithCashback: string;
  reversal: string;
  closeTotals: string;
  applicationInfo: string;
  passivate: string;
  lastTransaction: string;
  lineTest: string;
}

export interface LetterFieldProfile {
  /** The protocol name in configuration files. */
  protocol: string;
  frame: FrameProfile;
  protocolVersion: string;
  messageCode: Readonly<Record<MessageKind, string>>;
  field: Readonly<FieldIds>;
  variableSymbol: Readonly<VariableSymbolSpec>;
  /** Sub-field (inside the composite field) of the receipt part and the more-follows marker. */
  receiptSubField: string;
  receiptPartCode: Readonly<Record<ReceiptPart, string>>;
  receiptMoreFollows: string;
  transactionType: Readonly<TransactionTypes>;
  flag: Readonly<{
    /** Sent by the register in requests and receipt requests. */
    register: number;
    /** In a result: confirm it with a last-transaction query. */
    confirmWithLastTransaction: number;
    /** In a result: a receipt is ready to be fetched page by page. */
    receiptReady: number;
  }>;
  /** Approved yes/no apart from the response code, where the profile has it (GPE). */
  approvedFlag?: Readonly<{ field: string; yes: string; no: string }>;
  /** ČSOB: net count and amount per currency; GPE: debit/credit/cashback counts and sums. */
  totalsFormat: 'per-currency' | 'debit-credit';
  responseCodes: ResponseCodeTable;
  defaultPort: number;
}

/** Types whose outcome moves money, so they are never sent twice but looked up. */
export function financialTypes(profile: LetterFieldProfile): readonly string[] {
  const type = profile.transactionType;
  return [type.sale, type.refund, type.saleWithCashback, type.reversal];
}

/** Ids already spoken for, so a configurable field id cannot collide with one. */
export function usedFieldIds(profile: LetterFieldProfile): string[] {
  const ids = Object.values(profile.field).filter((id): id is string => id !== undefined);
  return [...new Set([...ids, profile.variableSymbol.field, ...(profile.approvedFlag ? [profile.approvedFlag.field] : [])])];
}
