// The transaction journal's storage contract. Everything above it (write-ahead, recovery, the
// double-charge guard, the CLI and HTTP log) speaks only this interface, so a server database
// (PostgreSQL for several hosts) can replace SQLite. Methods are
// asynchronous for that reason even where SQLite answers at once.
// Money is integer minor units; card numbers are masked by every implementation where rows enter.
import type { LeaseFence } from './postgres/lease-schema.js';
import type { Refusal } from './refusals.js';

/** Where a transaction stands. `pending` is written before the request leaves the host. */
export type JournalStatus = 'pending' | 'approved' | 'declined' | 'cancelled' | 'failed' | 'in-doubt' | 'refused';

/** Statuses whose outcome is not known yet: recovery settles them. */
export const UNSETTLED: readonly JournalStatus[] = ['pending', 'in-doubt'];

/** The result filter of the transaction log, as the cash desk's staff think of it. */
export type ResultGroup = 'success' | 'pending' | 'failed' | 'aborted';

export const RESULT_GROUPS: Readonly<Record<ResultGroup, readonly JournalStatus[]>> = {
  success: ['approved'],
  pending: UNSETTLED,
  // Refused by the host (already paid, terminal in doubt) counts as failed: nothing was charged.
  failed: ['declined', 'failed', 'refused'],
  aborted: ['cancelled'],
};

/** What the terminal is asked to do; charges are what the double-charge guard watches. */
export type OperationKind = 'sale' | 'sale-with-cashback' | 'refund' | 'reversal' | 'close';

export const CHARGES: readonly OperationKind[] = ['sale', 'sale-with-cashback'];

/** What is known of a transaction before it is sent: fixed for its whole life. */
export interface NewTransaction {
  /** Our reference: the `FinancialRequest.reference` the driver gets. */
  id: string;
  kind: OperationKind;
  /** The client class the script used, e.g. `TPaymentClient`. */
  client: string;
  /** The terminal's id in the configuration. */
  terminal: string;
  protocol: string;
  location?: string;
  pc?: string;
  user?: string;
  /** The editor's logged-in account that started the run; the desk's `user` may be another name. */
  account?: string;
  /** The script's entry file. */
  script?: string;
  amountMinor?: number;
  cashbackMinor?: number;
  /** ISO 4217 alphabetic code. */
  currency?: string;
  variableSymbol?: string;
  /** The document the payment is for (the variable symbol unless the script names another). */
  documentReference?: string;
  /** On a reversal: the authorization code of the charge it cancels. */
  reversedAuthorizationCode?: string;
  /** The script allowed a second payment for a document already paid. */
  allowRepeat: boolean;
  /** Process that sends it; recovery leaves the transactions of live processes alone. */
  ownerPid: number;
}

/** One state of a transaction: the status and what the terminal (or the host) said. */
export interface TransactionState {
  status: JournalStatus;
  /** The terminal's raw response code ('' when it never answered). */
  responseCode: string;
  /** Protocol-neutral reason (driver.ts `Reason`) or a host refusal. */
  reason?: string;
  /** Catalog key of the description: the reason, else the outcome (`refusal:<kind>` for refusals). */
  descriptionKey: string;
  responseText?: string;
  authorizationCode?: string;
  maskedCardNumber?: string;
  /** The terminal's or provider's own transaction id. */
  terminalTransactionId?: string;
  /** The terminal's own id (8 characters on ČSOB). */
  terminalId?: string;
  merchantReceipt?: string;
  customerReceipt?: string;
  /**
   * The provider's own handle for the request (Viva's order code), recorded as soon as the
   * provider names it; later states that leave it out keep it, so recovery can always reach it.
   */
  providerReference?: string;
}

/**
 * Who recorded a state: the write-ahead, the terminal's answer, recovery, the host itself, or a
 * person who settled the transaction by hand (`'admin'`, manual-settlement.ts).
 */
export type StateSource = 'write-ahead' | 'terminal' | 'recovery' | 'host' | 'admin';

export interface JournalEntry extends NewTransaction, TransactionState {
  /** Short sequential number for people (`payscript journal receipt 42`). */
  no: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of a transaction's append-only history. */
export interface JournalEvent {
  transactionId: string;
  at: Date;
  source: StateSource;
  state: TransactionState;
}

export interface JournalQuery {
  terminal?: string;
  protocol?: string;
  location?: string;
  pc?: string;
  user?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
  results?: readonly ResultGroup[];
  limit: number;
  offset: number;
}

export interface JournalPage {
  items: JournalEntry[];
  /** All matching transactions, for paging. */
  total: number;
  limit: number;
  offset: number;
}

/** A charge for a document, with whether an approved reversal has cancelled it since. */
export interface DocumentCharge {
  entry: JournalEntry;
  reversed: boolean;
}

/**
 * `'disk'`: the write survives a power cut of the host machine (fsync) before it resolves.
 * `'os'`: handed to the operating system without waiting for the disk: it survives a killed host
 * process, and the next `'disk'` write makes it durable too. Only for states whose loss in a power
 * cut leaves the transaction unsettled, which recovery settles from the terminal anyway.
 */
export type Durability = 'disk' | 'os';

export interface GuardedAppend {
  /** Written `pending` (by the write-ahead), or `refused` (by the host) when `refusal` is set. */
  entry: JournalEntry;
  refusal?: Refusal;
}

/**
 * Every write may carry the fence of the terminal lease it is made under (a store shared by several
 * hosts): it is stored only while that lease is still the terminal's current one, else it fails
 * with FencedOutError and nothing is written. A store of one machine has no leases and ignores it.
 */
export interface JournalStore {
  /** Records a new transaction with its first state (pending, or refused by the host). */
  append(transaction: NewTransaction, state: TransactionState, source: StateSource, fence?: LeaseFence): Promise<JournalEntry>;
  /**
   * Records a new transaction after the double-charge guard (double-charge-guard.ts) has looked at
   * the charges already recorded for its document, in one step no other writer (of any host) can
   * come between: `pending` by the write-ahead, or `refused` by the host with the refusal. Two
   * payments for one document at the same instant are thus decided one after the other. The rule
   * is fixed, not passed in, so a store may decide wherever its writes run (another thread).
   */
  appendGuarded(transaction: NewTransaction, fence?: LeaseFence): Promise<GuardedAppend>;
  /**
   * Records a later state; the earlier ones stay in the history. Resolves once the state is as
   * durable as `durability` asks (default `'disk'`).
   */
  change(
    id: string,
    state: TransactionState,
    source: StateSource,
    durability?: Durability,
    fence?: LeaseFence,
  ): Promise<JournalEntry>;
  /** By our reference, or by the sequential number as text. */
  get(idOrNo: string): Promise<JournalEntry | undefined>;
  /** Every state the transaction went through, oldest first. */
  history(id: string): Promise<JournalEvent[]>;
  /** Pending and in-doubt transactions, oldest first; of one terminal when given. */
  unsettled(terminal?: string): Promise<JournalEntry[]>;
  /** Charges recorded for a document, oldest first. */
  chargesFor(documentReference: string): Promise<DocumentCharge[]>;
  /**
   * Whether another transaction of the terminal already owns this terminal record (same terminal
   * transaction id, or without one the same authorization code of the same kind): a looked-up
   * record seen before is never taken for a new one.
   */
  isClaimed(terminal: string, record: ClaimedRecord, exceptId: string): Promise<boolean>;
  query(query: JournalQuery): Promise<JournalPage>;
  close(): Promise<void>;
}

export interface ClaimedRecord {
  kind: OperationKind;
  terminalTransactionId?: string;
  authorizationCode?: string;
}
