// A journal entry as the transaction log shows it (CLI --json, the editor's HTTP API): amounts as
// decimal strings, times in ISO 8601, the description in the reader's language. Receipts are left
// out of listings; they are reprinted one transaction at a time.
import type { Language } from '../i18n/catalog.js';
import { describeResult } from '../i18n/describe.js';
import { formatMinorUnits } from '../money/amount.js';
import { exponentOf } from '../money/currency.js';
import type { Reason } from '../terminals/driver.js';
import type { JournalEntry, JournalStatus, OperationKind } from './journal-store.js';
import { describeRefusal, type Refusal } from './refusals.js';
import { outcomeOf } from './transaction-state.js';

export interface EntryView {
  no: number;
  id: string;
  createdAt: string;
  updatedAt: string;
  kind: OperationKind;
  client: string;
  terminal: string;
  terminalId?: string;
  protocol: string;
  location?: string;
  pc?: string;
  user?: string;
  /** Who started the run in the editor, when it was not `payscript run` at the desk. */
  account?: string;
  script?: string;
  status: JournalStatus;
  /** Decimal string in major units. */
  amount?: string;
  cashback?: string;
  currency?: string;
  variableSymbol?: string;
  documentReference?: string;
  responseCode: string;
  descriptionKey: string;
  description: string;
  authorizationCode?: string;
  maskedCardNumber?: string;
  terminalTransactionId?: string;
  hasReceipt: boolean;
}

export function entryView(entry: JournalEntry, language: Language): EntryView {
  const exponent = exponentOf(entry.currency);
  const money = (minor: number | undefined) => (minor === undefined ? undefined : formatMinorUnits(minor, exponent));
  return {
    no: entry.no,
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    kind: entry.kind,
    client: entry.client,
    terminal: entry.terminal,
    terminalId: entry.terminalId,
    protocol: entry.protocol,
    location: entry.location,
    pc: entry.pc,
    user: entry.user,
    account: entry.account,
    script: entry.script,
    status: entry.status,
    amount: money(entry.amountMinor),
    cashback: money(entry.cashbackMinor),
    currency: entry.currency,
    variableSymbol: entry.variableSymbol,
    documentReference: entry.documentReference,
    responseCode: entry.responseCode,
    descriptionKey: entry.descriptionKey,
    description: describeEntry(entry, language),
    authorizationCode: entry.authorizationCode,
    maskedCardNumber: entry.maskedCardNumber,
    terminalTransactionId: entry.terminalTransactionId,
    hasReceipt: entry.merchantReceipt !== undefined || entry.customerReceipt !== undefined,
  };
}

/** What the cashier reads about an entry, in any language, long after the run. */
function describeEntry(entry: JournalEntry, language: Language): string {
  if (entry.status === 'refused') return describeRefusal(entry.reason as Refusal, language);
  const reason = entry.reason as Reason | undefined;
  const { responseCode, responseText } = entry;
  return describeResult(
    { outcome: outcomeOf(entry), responseCode, ...(responseText && { responseText }), ...(reason && { reason }) },
    entry.protocol,
    language,
  );
}
