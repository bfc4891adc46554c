// The journal in one SQLite file (better-sqlite3). WAL lets the log readers (CLI, editor) read
// while a host writes. A 'disk' write is committed with synchronous=FULL and survives a power cut
// of the host machine, not only a killed process: the write-ahead of every transaction is one. An
// 'os' write (a terminal's answer, whose loss recovery settles) commits with synchronous=NORMAL:
// no fsync to wait for on the event loop, safe from a killed process, and on disk with the next
// FULL commit, whose fsync covers every WAL frame before it.
// The history table refuses UPDATE and DELETE in the database itself.
// Group commit: the writes of one turn of the event loop share one transaction and so one commit,
// and each resolves only once that commit is as durable as it asked. A thousand desks then cost
// one fsync per turn instead of one each, with no weaker promise to any of them. The writes are
// applied at once inside the open transaction, so this host's own reads (the double-charge guard,
// recovery) see them before the commit, as they would without batching.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CHARGES,
  RESULT_GROUPS,
  UNSETTLED,
  type ClaimedRecord,
  type DocumentCharge,
  type Durability,
  type GuardDecision,
  type GuardedAppend,
  type JournalEntry,
  type JournalEvent,
  type JournalPage,
  type JournalQuery,
  type JournalStore,
  type NewTransaction,
  type StateSource,
  type TransactionState,
} from './journal-store.js';
import {
  entryOfRow,
  REVERSED_COLUMN,
  STATE_COLUMNS,
  stateValues,
  transactionValues,
  type ColumnValue,
} from './journal-columns.js';
import { asJournalFault } from './journal-unavailable.js';
import type { Refusal } from './refusals.js';
import { maskedState } from './state-masking.js';
import { PENDING, refusedState } from './transaction-state.js';

const SCHEMA_VERSION = 3;

/** What each older schema version lacks; run in order on a journal opened by a newer payscript. */
const MIGRATIONS: Readonly<Record<number, string>> = {
  2: 'ALTER TABLE transactions ADD COLUMN provider_reference TEXT;',
  3: 'ALTER TABLE transactions ADD COLUMN account TEXT;',
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS transactions (
  no                          INTEGER PRIMARY KEY AUTOINCREMENT,
  id                          TEXT NOT NULL UNIQUE,
  kind                        TEXT NOT NULL,
  client                      TEXT NOT NULL,
  terminal                    TEXT NOT NULL,
  protocol                    TEXT NOT NULL,
  location                    TEXT,
  pc                          TEXT,
  user                        TEXT,
  account                     TEXT,
  script                      TEXT,
  amount_minor                INTEGER,
  cashback_minor              INTEGER,
  currency                    TEXT,
  variable_symbol             TEXT,
  document_reference          TEXT,
  reversed_authorization_code TEXT,
  allow_repeat                INTEGER NOT NULL,
  owner_pid                   INTEGER NOT NULL,
  status                      TEXT NOT NULL,
  response_code               TEXT NOT NULL,
  reason                      TEXT,
  description_key             TEXT NOT NULL,
  response_text               TEXT,
  authorization_code          TEXT,
  masked_card_number          TEXT,
  terminal_transaction_id     TEXT,
  terminal_id                 TEXT,
  merchant_receipt            TEXT,
  customer_receipt            TEXT,
  provider_reference          TEXT,
  created_at                  TEXT NOT NULL,
  updated_at                  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_by_terminal_status ON transactions (terminal, status);
CREATE INDEX IF NOT EXISTS transactions_by_document ON transactions (document_reference);
CREATE INDEX IF NOT EXISTS transactions_by_created ON transactions (created_at);
CREATE INDEX IF NOT EXISTS transactions_by_terminal_record ON transactions (terminal, terminal_transaction_id);
-- The transaction log's filters (desk, cashier, branch, result over a period) must stay fast on
-- millions of rows: each has an index that ends in created_at, the log's order.
CREATE INDEX IF NOT EXISTS transactions_by_pc ON transactions (pc, created_at);
CREATE INDEX IF NOT EXISTS transactions_by_user ON transactions (user, created_at);
CREATE INDEX IF NOT EXISTS transactions_by_location ON transactions (location, created_at);
CREATE INDEX IF NOT EXISTS transactions_by_status ON transactions (status, created_at);
CREATE TABLE IF NOT EXISTS transaction_events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  transaction_id TEXT NOT NULL REFERENCES transactions (id),
  at             TEXT NOT NULL,
  source         TEXT NOT NULL,
  state          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transaction_events_by_transaction ON transaction_events (transaction_id, seq);
CREATE TRIGGER IF NOT EXISTS transaction_events_no_update BEFORE UPDATE ON transaction_events
  BEGIN SELECT RAISE(ABORT, 'the transaction history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS transaction_events_no_delete BEFORE DELETE ON transaction_events
  BEGIN SELECT RAISE(ABORT, 'the transaction history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS transactions_no_delete BEFORE DELETE ON transactions
  BEGIN SELECT RAISE(ABORT, 'journal transactions are never deleted'); END;
`;

type Row = Record<string, ColumnValue>;

/** A write applied in the open transaction, waiting for its commit. */
interface UncommittedWrite {
  resolve(): void;
  reject(error: unknown): void;
}

export class SqliteJournal implements JournalStore {
  private readonly db: Database.Database;
  /** The writes of the open transaction and what its commit promises; undefined while none is open. */
  private batch: { writes: UncommittedWrite[]; durability: Durability } | undefined;
  /** What the connection's commits promise now (PRAGMA synchronous, set outside transactions only). */
  private level: Durability = 'disk';
  private readonly statements = new Map<string, Database.Statement>();
  /** Each write in its own savepoint, so one failing write does not undo its batch-mates. */
  private readonly savepoint: (apply: () => JournalEntry) => JournalEntry;

  constructor(readonly path: string) {
    // Owner only, whichever command creates them first; SQLite gives its -wal and -shm files the
    // database file's permissions.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Several processes (a desk's host, the CLI, the editor) may open the file at once.
    this.db.pragma('busy_timeout = 5000');
    // Immediate: two processes opening an older file at once must not both migrate it.
    this.db
      .transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        if (version > SCHEMA_VERSION)
          throw new Error(`${path}: journal schema ${version} is newer than this payscript (${SCHEMA_VERSION})`);
        // A new file (version 0) gets the whole schema; an older one first gains what it lacks.
        if (version > 0) for (let v = version + 1; v <= SCHEMA_VERSION; v++) this.db.exec(MIGRATIONS[v] ?? '');
        this.db.exec(SCHEMA);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
    this.savepoint = this.db.transaction((apply: () => JournalEntry) => apply());
  }

  // Fences are ignored: one machine holds this journal, and process liveness rules who sends.
  append(transaction: NewTransaction, state: TransactionState, source: StateSource): Promise<JournalEntry> {
    return this.write(() => this.insert(transaction, state, source), 'disk');
  }

  appendGuarded(transaction: NewTransaction, decide: GuardDecision): Promise<GuardedAppend> {
    // Decided and written inside the open write transaction (BEGIN IMMEDIATE): no other process
    // writes in between.
    let refusal: Refusal | undefined;
    return this.write(() => {
      const charges = transaction.documentReference === undefined ? [] : this.charges(transaction.documentReference);
      refusal = decide(charges);
      return refusal ? this.insert(transaction, refusedState(refusal), 'host') : this.insert(transaction, PENDING, 'write-ahead');
    }, 'disk').then((entry) => (refusal ? { entry, refusal } : { entry }));
  }

  change(id: string, state: TransactionState, source: StateSource, durability: Durability = 'disk'): Promise<JournalEntry> {
    const stored = maskedState(state);
    const at = new Date().toISOString();
    const row: Row = { id, updated_at: at, ...stateValues(stored) };
    const assignments = Object.keys(row)
      .filter((column) => column !== 'id')
      // The provider's handle, once known, is never forgotten (journal-store.ts).
      .map((column) =>
        column === STATE_COLUMNS.providerReference ? `${column} = COALESCE(@${column}, ${column})` : `${column} = @${column}`,
      );
    const update = this.statement(`UPDATE transactions SET ${assignments.join(', ')} WHERE id = @id`);
    return this.write(() => {
      if (update.run(row).changes !== 1) throw new Error(`journal: no transaction ${id}`);
      this.addEvent(id, at, source, stored);
      return this.mustRead(id);
    }, durability);
  }

  async get(idOrNo: string): Promise<JournalEntry | undefined> {
    return this.read(idOrNo);
  }

  async history(id: string): Promise<JournalEvent[]> {
    const rows = this.statement('SELECT * FROM transaction_events WHERE transaction_id = ? ORDER BY seq').all(id) as Row[];
    return rows.map((row) => ({
      transactionId: String(row.transaction_id),
      at: new Date(String(row.at)),
      source: row.source as StateSource,
      state: JSON.parse(String(row.state)) as TransactionState,
    }));
  }

  async unsettled(terminal?: string): Promise<JournalEntry[]> {
    const statuses = UNSETTLED.map(quote).join(', ');
    const sql = `SELECT * FROM transactions WHERE status IN (${statuses})${terminal === undefined ? '' : ' AND terminal = ?'} ORDER BY no`;
    const rows = (terminal === undefined ? this.statement(sql).all() : this.statement(sql).all(terminal)) as Row[];
    return rows.map(toEntry);
  }

  async chargesFor(documentReference: string): Promise<DocumentCharge[]> {
    return this.charges(documentReference);
  }

  private charges(documentReference: string): DocumentCharge[] {
    const rows = this.statement(
      `SELECT t.*, ${REVERSED_COLUMN}
         FROM transactions t
         WHERE t.document_reference = ? AND t.kind IN (${CHARGES.map(quote).join(', ')})
         ORDER BY t.no`,
    ).all(documentReference) as Row[];
    return rows.map((row) => ({ entry: toEntry(row), reversed: row.reversed === 1 }));
  }

  async isClaimed(terminal: string, record: ClaimedRecord, exceptId: string): Promise<boolean> {
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

  async query(query: JournalQuery): Promise<JournalPage> {
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

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commit();
    this.db.close();
  }

  /** Applies a write in the open transaction (opening one); resolves once its commit is as durable as asked. */
  private write(apply: () => JournalEntry, durability: Durability): Promise<JournalEntry> {
    if (!this.db.open) return Promise.reject(new Error(`journal ${this.path} is closed`));
    try {
      // An 'os' batch goes first: the fsync of the 'disk' commit after it then covers both. An
      // 'os' write may join a 'disk' batch (it only gets more than it asked).
      if (this.batch?.durability === 'os' && durability === 'disk') this.commit();
      if (!this.batch) {
        if (this.level !== durability) {
          this.db.pragma(`synchronous = ${durability === 'disk' ? 'FULL' : 'NORMAL'}`);
          this.level = durability;
        }
        this.db.exec('BEGIN IMMEDIATE');
        this.batch = { writes: [], durability };
        // The next turn of the event loop: the writes of every desk answered meanwhile join it.
        setImmediate(() => this.commit());
      }
      const entry = this.savepoint(apply);
      return new Promise((resolve, reject) => this.batch!.writes.push({ resolve: () => resolve(entry), reject }));
    } catch (error) {
      return Promise.reject(asJournalFault(error, dirname(this.path)));
    }
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      // Nothing of the batch is stored: every write of it fails.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      const fault = asJournalFault(error, dirname(this.path));
      for (const write of batch.writes) write.reject(fault);
      return;
    }
    for (const write of batch.writes) write.resolve();
  }

  private insert(transaction: NewTransaction, state: TransactionState, source: StateSource): JournalEntry {
    const stored = maskedState(state);
    const at = new Date().toISOString();
    const row: Row = {
      ...transactionValues(transaction),
      ...stateValues(stored),
      allow_repeat: transaction.allowRepeat ? 1 : 0,
      created_at: at,
      updated_at: at,
    };
    const columns = Object.keys(row);
    this.statement(`INSERT INTO transactions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
      row,
    );
    this.addEvent(transaction.id, at, source, stored);
    return this.mustRead(transaction.id);
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private read(idOrNo: string): JournalEntry | undefined {
    const byNo = /^\d+$/.test(idOrNo);
    const row = this.statement(`SELECT * FROM transactions WHERE ${byNo ? 'no' : 'id'} = ?`).get(
      byNo ? Number(idOrNo) : idOrNo,
    ) as Row | undefined;
    return row && toEntry(row);
  }

  private mustRead(id: string): JournalEntry {
    const entry = this.read(id);
    if (!entry) throw new Error(`journal: no transaction ${id}`);
    return entry;
  }

  private addEvent(id: string, at: string, source: StateSource, state: TransactionState): void {
    this.statement('INSERT INTO transaction_events (transaction_id, at, source, state) VALUES (?, ?, ?, ?)').run(
      id,
      at,
      source,
      JSON.stringify(state),
    );
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
