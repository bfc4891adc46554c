// The journal in one SQLite file (better-sqlite3). WAL lets the log readers (CLI, editor) read
// while a host writes. Writes go to a JournalWriter with its group commit (sqlite-writer.ts):
// - 'thread' (a long-running host): on a writer thread of their own (writer-thread.ts), so no
//   commit or fsync blocks the event loop (1 000 desks writing at once: the loop waits 12 ms at
//   p99 instead of 919 ms, and 30 % more writes per second, `npm run bench -- journal`). Reads stay on this thread, on a connection that only
//   reads: each is a few index lookups, cheaper than a message to the thread and back, and in WAL
//   it never waits for the writer, so a slow log query delays no payment's write. A write resolves
//   only after its commit, so every read sees the writes that resolved before it.
// - 'inline' (a one-shot command): on this thread's one connection, as starting the thread (open
//   to first write 170-450 ms instead of 20-60 ms on a loaded 2-core machine) would cost a
//   `payscript run` more than its few writes save.
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type {
  ClaimedRecord,
  DocumentCharge,
  Durability,
  GuardedAppend,
  JournalEntry,
  JournalEvent,
  JournalPage,
  JournalQuery,
  JournalStore,
  NewTransaction,
  StateSource,
  TransactionState,
} from './journal-store.js';
import { maskedState } from './state-masking.js';
import { openJournalConnection } from './sqlite-connection.js';
import { SqliteReads } from './sqlite-reads.js';
import { SqliteWriter, type JournalWriter } from './sqlite-writer.js';
import { WriterThread } from './writer-thread.js';

/** Where the SQLite journal's writes run: a thread of their own, or the caller's thread. */
export type SqliteWriting = 'thread' | 'inline';

export class SqliteJournal implements JournalStore {
  private readonly db: Database.Database;
  private readonly reads: SqliteReads;
  private readonly writer: JournalWriter;

  /** Throws SQLite's or the file system's error when the file cannot be opened or migrated. */
  constructor(
    readonly path: string,
    writing: SqliteWriting = 'inline',
  ) {
    // Opened (and migrated) here first, so a damaged file fails the open itself, not a later write.
    this.db = openJournalConnection(path);
    this.reads = new SqliteReads(this.db);
    if (writing === 'inline') {
      this.writer = new SqliteWriter(this.db, dirname(path), this.reads);
      return;
    }
    this.db.pragma('query_only = ON');
    this.writer = new WriterThread(path);
  }

  /** The writer thread, while one runs ('thread' writing only). */
  get writerThread(): WriterThread | undefined {
    return this.writer instanceof WriterThread ? this.writer : undefined;
  }

  // Fences are ignored: one machine holds this journal, and process liveness rules who sends.
  async append(transaction: NewTransaction, state: TransactionState, source: StateSource): Promise<JournalEntry> {
    return (await this.writer.write({ kind: 'append', transaction, state: maskedState(state), source }, 'disk')).entry;
  }

  appendGuarded(transaction: NewTransaction): Promise<GuardedAppend> {
    // Decided and written inside the writer's open write transaction (BEGIN IMMEDIATE), in order
    // with every other write: no write of this or another process comes in between.
    return this.writer.write({ kind: 'append-guarded', transaction }, 'disk');
  }

  async change(id: string, state: TransactionState, source: StateSource, durability: Durability = 'disk'): Promise<JournalEntry> {
    return (await this.writer.write({ kind: 'change', id, state: maskedState(state), source }, durability)).entry;
  }

  async get(idOrNo: string): Promise<JournalEntry | undefined> {
    return this.reads.get(idOrNo);
  }

  async history(id: string): Promise<JournalEvent[]> {
    return this.reads.history(id);
  }

  async unsettled(terminal?: string): Promise<JournalEntry[]> {
    return this.reads.unsettled(terminal);
  }

  async chargesFor(documentReference: string): Promise<DocumentCharge[]> {
    return this.reads.charges(documentReference);
  }

  async isClaimed(terminal: string, record: ClaimedRecord, exceptId: string): Promise<boolean> {
    return this.reads.isClaimed(terminal, record, exceptId);
  }

  async query(query: JournalQuery): Promise<JournalPage> {
    return this.reads.query(query);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.writer.close();
    this.db.close();
  }
}
