// The journal's columns, shared by every store: which field of a transaction and of its state lives
// in which column, both ways. One table keeps the SQLite and the PostgreSQL journal in step.
import type { JournalEntry, NewTransaction, TransactionState } from './journal-store.js';

export const TRANSACTION_COLUMNS = {
  id: 'id',
  kind: 'kind',
  client: 'client',
  terminal: 'terminal',
  protocol: 'protocol',
  location: 'location',
  pc: 'pc',
  user: 'user',
  account: 'account',
  script: 'script',
  amountMinor: 'amount_minor',
  cashbackMinor: 'cashback_minor',
  currency: 'currency',
  variableSymbol: 'variable_symbol',
  documentReference: 'document_reference',
  reversedAuthorizationCode: 'reversed_authorization_code',
  ownerPid: 'owner_pid',
} as const satisfies Partial<Record<keyof NewTransaction, string>>;

export const STATE_COLUMNS = {
  status: 'status',
  responseCode: 'response_code',
  reason: 'reason',
  descriptionKey: 'description_key',
  responseText: 'response_text',
  authorizationCode: 'authorization_code',
  maskedCardNumber: 'masked_card_number',
  terminalTransactionId: 'terminal_transaction_id',
  terminalId: 'terminal_id',
  merchantReceipt: 'merchant_receipt',
  customerReceipt: 'customer_receipt',
  providerReference: 'provider_reference',
} as const satisfies Record<keyof TransactionState, string>;

export type ColumnValue = string | number | null;

/**
 * The `reversed` column of a charge `t` listed for the double-charge guard: an approved reversal of
 * its authorization code at its terminal, made after it. Both stores' SQL reads it alike.
 */
export const REVERSED_COLUMN = `EXISTS (
    SELECT 1 FROM transactions r
    WHERE r.kind = 'reversal' AND r.status = 'approved' AND r.terminal = t.terminal
      AND r.reversed_authorization_code = t.authorization_code AND r.no > t.no
  ) AS reversed`;

/** The columns of a transaction's fixed part (all but allow_repeat and the times). */
export function transactionValues(transaction: NewTransaction): Record<string, ColumnValue> {
  const row: Record<string, ColumnValue> = {};
  for (const [field, column] of Object.entries(TRANSACTION_COLUMNS))
    row[column] = nullable(transaction[field as keyof NewTransaction]);
  return row;
}

/** The columns of a (masked) state. */
export function stateValues(state: TransactionState): Record<string, ColumnValue> {
  const row: Record<string, ColumnValue> = {};
  for (const [field, column] of Object.entries(STATE_COLUMNS)) row[column] = nullable(state[field as keyof TransactionState]);
  return row;
}

/** A stored row as an entry; each store converts its own number, flag and time columns first. */
export function entryOfRow(
  row: Record<string, unknown>,
  converted: Pick<JournalEntry, 'no' | 'allowRepeat' | 'createdAt' | 'updatedAt'>,
): JournalEntry {
  const entry: Record<string, unknown> = { ...converted };
  for (const [field, column] of [...Object.entries(TRANSACTION_COLUMNS), ...Object.entries(STATE_COLUMNS)]) {
    if (row[column] !== null && row[column] !== undefined) entry[field] = row[column];
  }
  return entry as unknown as JournalEntry;
}

function nullable(value: unknown): ColumnValue {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : String(value);
}
