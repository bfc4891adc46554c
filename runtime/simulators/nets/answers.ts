// What the simulated terminal answers, in the wire form of drivers/nets/messages.ts and the codes
// of drivers/nets/error-categories.ts: the shared outcome table's refusals as NETS failures.
import type { NetsErrorCode } from '../../drivers/nets/error-categories.js';
import { type LocalModeEventArgs, RESULT, type ReconciliationBody, type SuccessEntry } from '../../drivers/nets/messages.js';
import type { SimulatedRefusal } from '../outcome-table.js';

/**
 * A refusal as the cloud sends it: `failure.error` and, for a host decline, the ISO code. The error
 * is one of our categories, or free text when a test scripts the cloud's own words.
 */
export interface Refusal {
  error: string;
  responseCode?: string;
}

export const REFUSALS: Record<Exclude<SimulatedRefusal, 'terminal-busy'>, Refusal & { error: NetsErrorCode }> = {
  'insufficient-funds': { error: 'declinedByHost', responseCode: '51' },
  // ISO 8583 "do not honour": the payment service provider's decline.
  'issuer-declined': { error: 'declinedByHost', responseCode: '05' },
  'card-expired': { error: 'declinedByHost', responseCode: '54' },
  'customer-cancelled': { error: 'cancelledByCustomer' },
  'card-removed': { error: 'cardRemoved' },
  duplicate: { error: 'duplicateTransaction' },
};

export const MERCHANT_CANCEL: Refusal & { error: NetsErrorCode } = { error: 'cancelledByMerchant' };

/** A terminal record: the event args every answer and every lookup carries. */
export interface TerminalRecord {
  args: LocalModeEventArgs;
  /** Echoed only on success (notes: "orderId comes back only on success"). */
  orderId?: string;
  receipt?: string;
}

/**
 * An approval's event args: the fields NaviPartner's NETS Cloud response parser reads from
 * `localModeEventArgs` (navipartner/npcore-partners), with the simulator's own values.
 */
export function approvedArgs(base: RecordBase, authCode: string): LocalModeEventArgs {
  return {
    Result: RESULT.financialOk,
    ResponseCode: '00',
    StanAuth: `${base.stan}${authCode}`,
    TruncatedPAN: base.cardNumber,
    TimeStamp: compactTime(base.at),
    SessionNumber: base.sessionNumber,
    TotalAmount: base.amount,
    TerminalID: base.terminalId,
    CVM: 0,
    CardIssuerName: 'VISA',
    AID: 'A0000000031010',
  };
}

/**
 * A rejection records its error in RejectionReason, so a lookup can tell it (inferred: the
 * production parser does not read the field, so its real values are not public).
 */
export function rejectedArgs(base: RecordBase, refusal: Refusal): LocalModeEventArgs {
  return {
    Result: RESULT.rejected,
    StanAuth: base.stan,
    TimeStamp: compactTime(base.at),
    SessionNumber: base.sessionNumber,
    TotalAmount: base.amount,
    TerminalID: base.terminalId,
    RejectionSource: refusal.responseCode ? 'host' : 'terminal',
    RejectionReason: refusal.error,
    ...(refusal.responseCode && { ResponseCode: refusal.responseCode }),
  };
}

export interface RecordBase {
  stan: string;
  /** The reconciliation batch: the same for every record until the next end of day. */
  sessionNumber: string;
  at: Date;
  /** What the card is charged, cashback included (TotalAmount). */
  amount: number;
  terminalId: string;
  cardNumber: string;
}

/**
 * The one element of a success body's `result` array: event args and both receipts, as that parser
 * reads them. `orderId` here is inferred: the parser reads it only in a lookup, at `result.orderId`.
 */
export function successEntry(record: TerminalRecord): SuccessEntry {
  return {
    localModeEventArgs: record.args,
    ...(record.receipt !== undefined && { customerReceipt: record.receipt, merchantReceipt: record.receipt }),
    cardType: 'VISA',
    ...(record.orderId !== undefined && { orderId: record.orderId }),
  };
}

/**
 * The answer to a reconciliation: `result.reconciliation` with a header (ISO-8601 timestamp, the
 * closed batch's session number) and the printed report — the shape NaviPartner's NETS Cloud
 * response parser reads (navipartner/npcore-partners). No event args, no totals.
 */
export function reconciliationBody(sessionNumber: string, at: Date, report: string): ReconciliationBody {
  return { result: { reconciliation: { header: { timestamp: at.toISOString(), sessionNumber }, printText: { Text: report } } } };
}

export function receipt(heading: string, lines: readonly string[]): string {
  return ['NETS - payscript simulator', heading, ...lines].join('\n');
}

/** `YYYYMMDDhhmmss` in local time, the terminal's own form (nets-connect-cloud.md). */
function compactTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
}
