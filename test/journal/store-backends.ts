// The journal's two stores as the behaviour suite opens them: SQLite in a temporary folder and
// PostgreSQL in a fresh database of the test run's server. Each also gives the suite a raw
// connection of its own, for what only the database itself can show or must refuse.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { JournalStore, NewTransaction, TransactionState } from '../../runtime/journal/journal-store.js';
import { JOURNAL_FILE_NAME, openJournal } from '../../runtime/journal/open-journal.js';
import type { SqliteWriting } from '../../runtime/journal/sqlite-journal.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

export interface OpenedJournal {
  store: JournalStore;
  /**
   * Another store on the same journal, as a second host opens it: only where hosts share the store
   * (two SQLite connections in one process would wait on each other's open write transaction).
   */
  another?(): Promise<JournalStore>;
  /** Runs SQL on a connection of its own and answers the rows. */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Stores shared by several hosts hold terminal leases; the suite sets a lease's fencing by hand. */
  leases?: { setFencing(terminal: string, fencing: number): Promise<void> };
  close(): Promise<void>;
}

export interface JournalBackend {
  name: string;
  open(): Promise<OpenedJournal>;
}

/** SQLite, its writes on the caller's thread (a one-shot command) or on a writer thread (a host). */
function sqliteBackend(writing: SqliteWriting): JournalBackend {
  return {
    name: writing === 'thread' ? 'SQLite (writer thread)' : 'SQLite',
    async open() {
      const dir = tempDir('journal');
      const store = openJournal(dir, writing);
      return {
        store,
        async raw(sql, params = []) {
          const db = new Database(join(dir, JOURNAL_FILE_NAME));
          try {
            const statement = db.prepare(sql);
            return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
          } finally {
            db.close();
          }
        },
        close: () => store.close(),
      };
    },
  };
}

export const postgresBackend: JournalBackend = {
  name: 'PostgreSQL',
  async open() {
    const url = await freshPostgresDatabase();
    const opened: JournalStore[] = [await PostgresJournal.open({ url })];
    const raw = async (sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    return {
      store: opened[0]!,
      async another() {
        opened.push(await PostgresJournal.open({ url }));
        return opened[opened.length - 1]!;
      },
      raw,
      leases: {
        async setFencing(terminal, fencing) {
          await raw(
            `INSERT INTO terminal_leases (terminal, holder, fencing, expires_at) VALUES ($1, 'test', $2, now() + interval '1 minute')
             ON CONFLICT (terminal) DO UPDATE SET fencing = EXCLUDED.fencing, holder = EXCLUDED.holder`,
            [terminal, fencing],
          );
        },
      },
      async close() {
        await Promise.all(opened.map((store) => store.close()));
      },
    };
  },
};

export const BACKENDS: readonly JournalBackend[] = [sqliteBackend('inline'), sqliteBackend('thread'), postgresBackend];

let counter = 0;

/** A sale at desk1 with a fresh id; `overrides` change what a test needs. */
export function sampleTransaction(overrides: Partial<NewTransaction> = {}): NewTransaction {
  return {
    id: `tx-${process.pid}-${++counter}`,
    kind: 'sale',
    client: 'TPaymentClient',
    terminal: 'desk1',
    protocol: 'csob',
    pc: 'KASA1',
    user: 'novak',
    location: 'Brno',
    script: '/scripts/pay.ts',
    amountMinor: 1000,
    currency: 'CZK',
    allowRepeat: false,
    ownerPid: process.pid,
    ...overrides,
  };
}

export const approvedState = (overrides: Partial<TransactionState> = {}): TransactionState => ({
  status: 'approved',
  responseCode: '000',
  descriptionKey: 'approved',
  authorizationCode: `A${counter}`,
  terminalTransactionId: `T${counter}`,
  ...overrides,
});
