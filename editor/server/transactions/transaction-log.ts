// What the Transactions page reads. The journal (runtime/journal) will implement this interface;
// until it lands, SessionTransactionLog keeps the transactions of this server's runs in memory.
import type { TransactionReport } from '../../../bindings/result-view.js';
import type { ScriptStatus } from '../../../bindings/result-view.js';

export interface LoggedTransaction extends TransactionReport {
  id: string;
  /** ISO time the result reached the host. */
  time: string;
  pc?: string;
  user?: string;
  /** Virtual path of the script that made it. */
  script: string;
}

export interface TransactionQuery {
  terminal?: string;
  status?: ScriptStatus;
  /** Inclusive ISO date or date-time bounds. */
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export interface TransactionPage {
  items: LoggedTransaction[];
  total: number;
}

export interface TransactionLog {
  record(transactions: Omit<LoggedTransaction, 'id'>[]): void;
  list(query: TransactionQuery): Promise<TransactionPage>;
  /** The receipt to reprint, or undefined for an unknown id. */
  receipt(id: string): Promise<string | undefined>;
}

/** The newest first; older entries beyond the cap fall off, as this is a session view only. */
export class SessionTransactionLog implements TransactionLog {
  private readonly entries: LoggedTransaction[] = [];
  private nextId = 1;

  constructor(private readonly cap = 10_000) {}

  record(transactions: Omit<LoggedTransaction, 'id'>[]): void {
    for (const t of transactions) this.entries.unshift({ id: String(this.nextId++), ...t });
    this.entries.length = Math.min(this.entries.length, this.cap);
  }

  async list(query: TransactionQuery): Promise<TransactionPage> {
    const from = query.from ? Date.parse(query.from) : -Infinity;
    const to = query.to ? endOf(query.to) : Infinity;
    const matching = this.entries.filter((t) => {
      const time = Date.parse(t.time);
      return (!query.terminal || t.terminal === query.terminal) && (!query.status || t.status === query.status) && time >= from && time <= to;
    });
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  async receipt(id: string): Promise<string | undefined> {
    const t = this.entries.find((e) => e.id === id);
    return t && duplicateSlip(t);
  }
}

/** A date without a time means the whole day. */
function endOf(bound: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(bound) ? Date.parse(`${bound}T23:59:59.999`) : Date.parse(bound);
}

/**
 * Run reports do not carry the terminal's own receipt text, so the session log reprints a
 * duplicate slip from what it has; the journal will return the terminal's receipt.
 */
function duplicateSlip(t: LoggedTransaction): string {
  const lines = [
    '*** DUPLICATE ***',
    `Time:          ${t.time}`,
    `Terminal:      ${t.terminal}`,
    `Operation:     ${t.client}`,
    t.amount ? `Amount:        ${t.amount} ${t.currency ?? ''}` : undefined,
    `Result:        ${t.status} (${t.responseCode || 'no code'})`,
    `               ${t.description}`,
    t.authorizationCode ? `Authorization: ${t.authorizationCode}` : undefined,
    t.transactionId ? `Transaction:   ${t.transactionId}` : undefined,
  ];
  return lines.filter((l) => l !== undefined).join('\n');
}
