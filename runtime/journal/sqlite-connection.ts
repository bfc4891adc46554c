// One connection to the SQLite journal file, as every thread that uses it opens it: the file and
// its folder created owner-only, WAL (log readers read while a host writes), synchronous=FULL, and
// the schema created or migrated. The history table refuses UPDATE and DELETE in the database itself.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

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

/** Opens the journal at `path`, creating or migrating its schema; throws SQLite's or the file system's error. */
export function openJournalConnection(path: string): Database.Database {
  // Owner only, whichever command creates them first; SQLite gives its -wal and -shm files the
  // database file's permissions.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Several processes (a desk's host, the CLI, the editor) may open the file at once.
    db.pragma('busy_timeout = 5000');
    // Immediate: two processes opening an older file at once must not both migrate it.
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION)
        throw new Error(`${path}: journal schema ${version} is newer than this payscript (${SCHEMA_VERSION})`);
      // A new file (version 0) gets the whole schema; an older one first gains what it lacks.
      if (version > 0) for (let v = version + 1; v <= SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Prepares each SQL text once per connection. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}
