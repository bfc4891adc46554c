// The SQLite journal's reads on one connection: the store's reads on the main thread, and the
// writer's own (the double-charge guard's charges, each written row read back) wherever it runs.
import type Database from 'better-sqlite3';
import { entryOfRow, REVERSED_COLUMN, type ColumnValue } from './journal-columns.js';
import {
  CHARGES,
  RESULT_GROUPS,
  UNSETTLED,
  type ClaimedRecord,
  type DocumentCharge,
  type JournalEntry,
  type JournalEvent,
  type JournalPage,
  type JournalQuery,
  type StateSource,
  type TransactionState,
} from './journal-store.js';
import { statementCache } from './sqlite-connection.js';

type Row = Record<string, ColumnValue>;

export class SqliteReads {
  private readonly statement: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.statement = statementCache(db);
  }

  /** By our reference, or by the sequential number as text. */
  get(idOrNo: string): JournalEntry | undefined {
    const byNo = /^\d+$/.test(idOrNo);
    const row = this.statement(`SELECT * FROM transactions WHERE ${byNo ? 'no' : 'id'} = ?`).get(
      byNo ? Number(idOrNo) : idOrNo,
    ) as Row | undefined;
    return row && toEntry(row);
  }

  mustGet(id: string): JournalEntry {
    const entry = this.get(id);
    if (!entry) throw new Error(`journal: no transaction ${id}`);
    return entry;
  }

  history(id: string): JournalEvent[] {
    const rows = this.statement('SELECT * FROM transaction_events WHERE transaction_id = ? ORDER BY seq').all(id) as Row[];
    return rows.map((row) => ({
      transactionId: String(row.transaction_id),
      at: new Date(String(row.at)),
      source: row.source as StateSource,
      state: JSON.parse(String(row.state)) as TransactionState,
    }));
  }

  unsettled(terminal?: string): JournalEntry[] {
    const statuses = UNSETTLED.map(quote).join(', ');
    const sql = `SELECT * FROM transactions WHERE status IN (${statuses})${terminal === undefined ? '' : ' AND terminal = ?'} ORDER BY no`;
    const rows = (terminal === undefined ? this.statement(sql).all() : this.statement(sql).all(terminal)) as Row[];
    return rows.map(toEntry);
  }

  charges(documentReference: string): DocumentCharge[] {
    const rows = this.statement(
      `SELECT t.*, ${REVERSED_COLUMN}
         FROM transactions t
         WHERE t.document_reference = ? AND t.kind IN (${CHARGES.map(quote).join(', ')})
         ORDER BY t.no`,
    ).all(documentReference) as Row[];
    return rows.map((row) => ({ entry: toEntry(row), reversed: row.reversed === 1 }));
  }

  isClaimed(terminal: string, record: ClaimedRecord, exceptId: string): boolean {
    const { terminalTransactionId, authorizationCode, kind } = record;
    if (terminalTransactionId !== undefined) {
      return this.exists('terminal = ? AND id <> ? AND terminal_transaction_id = ?', terminal, exceptId, terminalTransactionId);
    }
    if (authorizationCode !== undefined) {
      return this.exists(
        'terminal = ? AND id <> ? AND authorization_code = ? AND kind = ?',
        terminal,
        exceptId,
        authorizationCode,
        kind,
      );
    }
    return false;
  }

  query(query: JournalQuery): JournalPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    equal('terminal', query.terminal);
    equal('protocol', query.protocol);
    equal('location', query.location);
    equal('pc', query.pc);
    equal('user', query.user);
    if (query.from) {
      where.push('created_at >= ?');
      params.push(query.from.toISOString());
    }
    if (query.to) {
      where.push('created_at < ?');
      params.push(query.to.toISOString());
    }
    if (query.results?.length) {
      const statuses = query.results.flatMap((group) => RESULT_GROUPS[group]);
      where.push(`status IN (${statuses.map(quote).join(', ')})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM transactions ${clause}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM transactions ${clause} ORDER BY no DESC LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as Row[];
    return { items: rows.map(toEntry), total, limit: query.limit, offset: query.offset };
  }

  private exists(condition: string, ...params: (string | number)[]): boolean {
    return this.statement(`SELECT 1 FROM transactions WHERE ${condition} LIMIT 1`).get(...params) !== undefined;
  }
}

function toEntry(row: Row): JournalEntry {
  return entryOfRow(row, {
    no: Number(row.no),
    allowRepeat: row.allow_repeat === 1,
    createdAt: new Date(String(row.created_at)),
    updatedAt: new Date(String(row.updated_at)),
  });
}

/** Only for the fixed status and kind names of this module, never for input. */
function quote(value: string): string {
  return `'${value}'`;
}
