// The SQLite journal's writes on one connection, as data (so the writer thread can take them) and
// with their group commit: the writes of one turn of the event loop share one transaction and so
// one commit, and each resolves only once that commit is as durable as it asked. A thousand desks
// then cost one fsync per turn instead of one each, with no weaker promise to any of them.
// A 'disk' write commits with synchronous=FULL and survives a power cut; an 'os' write (a
// terminal's answer, whose loss recovery settles) commits with synchronous=NORMAL: safe from a
// killed process, and on disk with the next FULL commit, whose fsync covers every WAL frame before it.
// The writes are applied at once inside the open transaction, so the double-charge guard, decided
// in that same transaction, sees every write before it, committed or not.
import type Database from 'better-sqlite3';
import { repeatRefusal } from './double-charge-guard.js';
import { STATE_COLUMNS, stateValues, transactionValues, type ColumnValue } from './journal-columns.js';
import type { Durability, GuardedAppend, NewTransaction, StateSource, TransactionState } from './journal-store.js';
import { asJournalFault } from './journal-unavailable.js';
import type { Refusal } from './refusals.js';
import { statementCache } from './sqlite-connection.js';
import { SqliteReads } from './sqlite-reads.js';
import { PENDING, refusedState } from './transaction-state.js';

/** One write of the journal; states arrive masked (the store masks them before they go anywhere). */
export type JournalWrite =
  | { kind: 'append'; transaction: NewTransaction; state: TransactionState; source: StateSource }
  /** Pending, or refused by the double-charge guard, decided and written in one step. */
  | { kind: 'append-guarded'; transaction: NewTransaction }
  | { kind: 'change'; id: string; state: TransactionState; source: StateSource };

/** Applies journal writes: on the host's own thread (SqliteWriter) or on a thread of its own (WriterThread). */
export interface JournalWriter {
  /** The written transaction (with the guard's refusal, if any) once it is as durable as asked. */
  write(write: JournalWrite, durability: Durability): Promise<GuardedAppend>;
  /** Commits what is written and stops taking writes. */
  close(): Promise<void>;
}

/** A write applied in the open transaction, waiting for its commit. */
interface UncommittedWrite {
  resolve(): void;
  reject(error: unknown): void;
}

export class SqliteWriter implements JournalWriter {
  /** The writes of the open transaction and what its commit promises; undefined while none is open. */
  private batch: { writes: UncommittedWrite[]; durability: Durability } | undefined;
  /** What the connection's commits promise now (PRAGMA synchronous, set outside transactions only). */
  private level: Durability = 'disk';
  private readonly statement: (sql: string) => Database.Statement;
  private readonly reads: SqliteReads;
  /** Each write in its own savepoint, so one failing write does not undo its batch-mates. */
  private readonly savepoint: (apply: () => GuardedAppend) => GuardedAppend;
  private closed = false;

  /** `dir` is the journal's folder, named by its errors; `reads` those of the same connection, if the caller has them. */
  constructor(
    private readonly db: Database.Database,
    private readonly dir: string,
    reads = new SqliteReads(db),
  ) {
    this.statement = statementCache(db);
    this.reads = reads;
    this.savepoint = db.transaction((apply: () => GuardedAppend) => apply());
  }

  write(write: JournalWrite, durability: Durability): Promise<GuardedAppend> {
    if (this.closed || !this.db.open) return Promise.reject(new Error(`the journal in ${this.dir} is closed`));
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
      const written = this.savepoint(() => this.apply(write));
      return new Promise((resolve, reject) => this.batch!.writes.push({ resolve: () => resolve(written), reject }));
    } catch (error) {
      return Promise.reject(asJournalFault(error, this.dir));
    }
  }

  async close(): Promise<void> {
    this.commit();
    this.closed = true;
  }

  private apply(write: JournalWrite): GuardedAppend {
    switch (write.kind) {
      case 'append':
        return { entry: this.insert(write.transaction, write.state, write.source) };
      case 'append-guarded': {
        const { transaction } = write;
        const charges = transaction.documentReference === undefined ? [] : this.reads.charges(transaction.documentReference);
        const refusal: Refusal | undefined = repeatRefusal(transaction, charges);
        return refusal
          ? { entry: this.insert(transaction, refusedState(refusal), 'host'), refusal }
          : { entry: this.insert(transaction, PENDING, 'write-ahead') };
      }
      case 'change':
        return { entry: this.update(write.id, write.state, write.source) };
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
      const fault = asJournalFault(error, this.dir);
      for (const write of batch.writes) write.reject(fault);
      return;
    }
    for (const write of batch.writes) write.resolve();
  }

  private insert(transaction: NewTransaction, state: TransactionState, source: StateSource) {
    const at = new Date().toISOString();
    const row: Record<string, ColumnValue> = {
      ...transactionValues(transaction),
      ...stateValues(state),
      allow_repeat: transaction.allowRepeat ? 1 : 0,
      created_at: at,
      updated_at: at,
    };
    const columns = Object.keys(row);
    this.statement(`INSERT INTO transactions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
      row,
    );
    this.addEvent(transaction.id, at, source, state);
    return this.reads.mustGet(transaction.id);
  }

  private update(id: string, state: TransactionState, source: StateSource) {
    const at = new Date().toISOString();
    const row: Record<string, ColumnValue> = { id, updated_at: at, ...stateValues(state) };
    const assignments = Object.keys(row)
      .filter((column) => column !== 'id')
      // The provider's handle, once known, is never forgotten (journal-store.ts).
      .map((column) =>
        column === STATE_COLUMNS.providerReference ? `${column} = COALESCE(@${column}, ${column})` : `${column} = @${column}`,
      );
    if (this.statement(`UPDATE transactions SET ${assignments.join(', ')} WHERE id = @id`).run(row).changes !== 1)
      throw new Error(`journal: no transaction ${id}`);
    this.addEvent(id, at, source, state);
    return this.reads.mustGet(id);
  }

  private addEvent(id: string, at: string, source: StateSource, state: TransactionState): void {
    this.statement('INSERT INTO transaction_events (transaction_id, at, source, state) VALUES (?, ?, ?, ?)').run(
      id,
      at,
      source,
      JSON.stringify(state),
    );
  }
}
