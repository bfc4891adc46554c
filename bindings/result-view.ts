// What a script reads after Execute, and the line the run report keeps for each transaction.
import { describeResult } from '../runtime/i18n/describe.js';
import type { Language } from '../runtime/i18n/catalog.js';
import { describeRefusal, type Refusal } from '../runtime/journal/refusals.js';
import { formatMinorUnits } from '../runtime/money/amount.js';
import { lookupCurrency } from '../runtime/money/currency.js';
import type { Outcome, TransactionResult } from '../runtime/terminals/driver.js';
import type { PreparedOperation } from './client-kinds.js';

export type ScriptStatus = 'Approved' | 'Declined' | 'Cancelled' | 'Failed' | 'InDoubt';

const STATUS: Record<Outcome, ScriptStatus> = {
  approved: 'Approved',
  declined: 'Declined',
  cancelled: 'Cancelled',
  failed: 'Failed',
  'in-doubt': 'InDoubt',
};

/** Why the host refused the work before sending anything; '' when it did not. */
export type ScriptRefusal = '' | 'AlreadyPaid' | 'PaymentInDoubt' | 'TerminalInDoubt';

const REFUSAL: Record<Refusal, ScriptRefusal> = {
  'already-paid': 'AlreadyPaid',
  'payment-in-doubt': 'PaymentInDoubt',
  'terminal-in-doubt': 'TerminalInDoubt',
};

export interface ScriptResult {
  Success: boolean;
  Status: ScriptStatus;
  ResponseCode: string;
  LocalizedResponseDescription: string;
  AuthorizationCode: string;
  MaskedCardNumber: string;
  TransactionId: string;
  TerminalId: string;
  MerchantReceipt: string;
  CustomerReceipt: string;
  Totals: { Currency: string; Count: number; Sum: number }[];
  Refusal: ScriptRefusal;
}

export interface TransactionReport {
  client: string;
  terminal: string;
  status: ScriptStatus;
  success: boolean;
  responseCode: string;
  description: string;
  /** Decimal string in major units, as the script gave it. */
  amount?: string;
  currency?: string;
  authorizationCode?: string;
  transactionId?: string;
  /** Set when the host refused the work (already paid, an unsettled transaction). */
  refusal?: Refusal;
  /** The transaction's number in the journal (`payscript journal receipt <no>`). */
  journalNo?: number;
}

export function scriptResult(
  result: TransactionResult,
  protocol: string,
  language: Language,
  terminalId: string,
  refusal?: Refusal,
): ScriptResult {
  return {
    Success: result.outcome === 'approved',
    Status: STATUS[result.outcome],
    ResponseCode: result.responseCode,
    LocalizedResponseDescription: refusal ? describeRefusal(refusal, language) : describeResult(result, protocol, language),
    AuthorizationCode: result.authorizationCode ?? '',
    MaskedCardNumber: result.maskedCardNumber ?? '',
    TransactionId: result.transactionId ?? '',
    TerminalId: result.terminalId ?? terminalId,
    MerchantReceipt: result.merchantReceipt ?? '',
    CustomerReceipt: result.customerReceipt ?? '',
    Totals: (result.totals ?? []).map((t) => ({
      Currency: t.currency,
      Count: t.count,
      Sum: Number(formatMinorUnits(t.amountMinor, lookupCurrency(t.currency)?.exponent ?? 2)),
    })),
    Refusal: refusal ? REFUSAL[refusal] : '',
  };
}

export function transactionReport(
  client: string,
  terminal: string,
  operation: PreparedOperation,
  view: ScriptResult,
  journal: { refusal?: Refusal; journalNo?: number } = {},
): TransactionReport {
  return {
    client,
    terminal,
    status: view.Status,
    success: view.Success,
    responseCode: view.ResponseCode,
    description: view.LocalizedResponseDescription,
    amount:
      operation.amountMinor !== undefined && operation.currency
        ? formatMinorUnits(operation.amountMinor, operation.currency.exponent)
        : undefined,
    currency: operation.currency?.alpha,
    authorizationCode: view.AuthorizationCode || undefined,
    transactionId: view.TransactionId || undefined,
    refusal: journal.refusal,
    journalNo: journal.journalNo,
  };
}
