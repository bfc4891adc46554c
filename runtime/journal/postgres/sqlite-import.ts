// Moving a desk's SQLite journal into a shared PostgreSQL one (`payscript journal migrate`): every
// transaction with its number, times and whole history, in one database transaction that holds
// the journal's tables against other writers. Only an empty journal is filled, so running it again
// (or after another host began writing) copies nothing twice. Rows are masked again on the way in,
// as every write into a journal is.
import Database from 'better-sqlite3';
import type pg from 'pg';
import { STATE_COLUMNS, TRANSACTION_COLUMNS } from '../journal-columns.js';
import type { TransactionState } from '../journal-store.js';
import { maskedState } from '../state-masking.js';
import type { PostgresJournal } from './postgres-journal.js';

export type ImportResult =
  | { kind: 'copied'; transactions: number; events: number }
  /** The target already holds transactions: nothing was copied. */
  | { kind: 'not-empty'; transactions: number };

/** Rows per INSERT: well within PostgreSQL's 65 535 parameters at ~35 columns. */
const BATCH = 500;

const COLUMNS = [
  'no',
  ...Object.values(TRANSACTION_COLUMNS),
  ...Object.values(STATE_COLUMNS),
  'allow_repeat',
  'created_at',
  'updated_at',
];
const EVENT_COLUMNS = ['transaction_id', 'at', 'source', 'state'];

type Row = Record<string, unknown>;

export async function importSqliteJournal(sqlitePath: string, target: PostgresJournal): Promise<ImportResult> {
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return await target.transaction(async (client) => {
      // Hosts writing now wait until the copy is committed, and then write after it.
      await client.query('LOCK TABLE transactions, transaction_events IN EXCLUSIVE MODE');
      const present = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM transactions')).rows[0]!.n);
      if (present > 0) return { kind: 'not-empty', transactions: present };
      let transactions = 0;
      for (const rows of batches(source.prepare('SELECT * FROM transactions ORDER BY no').iterate() as Iterable<Row>)) {
        await insertRows(client, 'transactions', COLUMNS, rows.map(transactionValues));
        transactions += rows.length;
      }
      let events = 0;
      for (const rows of batches(source.prepare('SELECT * FROM transaction_events ORDER BY seq').iterate() as Iterable<Row>)) {
        await insertRows(client, 'transaction_events', EVENT_COLUMNS, rows.map(eventValues));
        events += rows.length;
      }
      // New transactions continue after the copied numbers.
      await client.query(
        "SELECT setval(pg_get_serial_sequence('transactions', 'no'), GREATEST((SELECT max(no) FROM transactions), 1), (SELECT count(*) > 0 FROM transactions))",
      );
      return { kind: 'copied', transactions, events };
    });
  } finally {
    source.close();
  }
}

const STATE_FIELD_OF_COLUMN = new Map<string, string>(Object.entries(STATE_COLUMNS).map(([field, column]) => [column, field]));

function transactionValues(row: Row): unknown[] {
  const state = maskedState(
    Object.fromEntries(
      Object.entries(STATE_COLUMNS)
        .filter(([, column]) => row[column] !== null && row[column] !== undefined)
        .map(([field, column]) => [field, row[column]]),
    ) as unknown as TransactionState,
  );
  return COLUMNS.map((column) => {
    if (column === 'allow_repeat') return row.allow_repeat === 1;
    const field = STATE_FIELD_OF_COLUMN.get(column) as keyof TransactionState | undefined;
    return field ? (state[field] ?? null) : row[column];
  });
}

function eventValues(row: Row): unknown[] {
  const state = maskedState(JSON.parse(String(row.state)) as TransactionState);
  return [row.transaction_id, row.at, row.source, JSON.stringify(state)];
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const placeholders = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  // The events get new sequence numbers in their old order, which is all `seq` means.
  await client.query(
    `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${placeholders.join(', ')}`,
    rows.flat(),
  );
}

function* batches(rows: Iterable<Row>): Generator<Row[]> {
  let batch: Row[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
