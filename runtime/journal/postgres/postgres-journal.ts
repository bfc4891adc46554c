// The journal in PostgreSQL, shared by every host of a chain or a cloud ERP (the `pg` driver on a
// bounded pool). Same columns and meaning as the SQLite journal; times are the database's clock, so
// hosts whose clocks differ still agree on the order. Each write is one database transaction: the
// double-charge guard reads and writes under an advisory lock on the document, so hosts paying one
// document at the same instant are decided one after the other; a write under a terminal lease
// checks (and holds, until its commit) the lease's fencing number. Every other write is a single
// statement (the row and its history line together), one round trip to the server.
import pg from 'pg';
import {
  CHARGES,
  RESULT_GROUPS,
  UNSETTLED,
  type ClaimedRecord,
  type DocumentCharge,
  type Durability,
  type GuardedAppend,
  type JournalEntry,
  type JournalEvent,
  type JournalPage,
  type JournalQuery,
  type JournalStore,
  type NewTransaction,
  type StateSource,
  type TransactionState,
} from '../journal-store.js';
import {
  entryOfRow,
  REVERSED_COLUMN,
  STATE_COLUMNS,
  stateValues,
  transactionValues,
  type ColumnValue,
} from '../journal-columns.js';
import { repeatRefusal } from '../double-charge-guard.js';
import { FencedOutError } from '../fenced-out.js';
import type { Refusal } from '../refusals.js';
import { maskedState } from '../state-masking.js';
import { PENDING, refusedState } from '../transaction-state.js';
import { maskedUrl } from './journal-url.js';
import type { LeaseFence } from './lease-schema.js';
import { LOCK_SPACE, migrate } from './migrations.js';
import { CONNECT_TIMEOUT_MS, DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS } from './pool-defaults.js';
import { asPostgresFault, postgresUnavailable } from './postgres-faults.js';

export interface PostgresJournalOptions {
  /** `postgres://user:password@host:5432/db`. */
  url: string;
  /** Most connections this process holds open (default 10). */
  poolSize?: number;
  /** Longest one statement may run before the server cancels it (default 15 s). */
  statementTimeoutMs?: number;
}

/** bigint columns (the number, money) as JavaScript numbers, refused where they would lose digits. */
const TYPES = new pg.TypeOverrides();
TYPES.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`journal: ${text} does not fit a safe integer`);
  return value;
});

type Row = Record<string, unknown>;
type Queryable = Pick<pg.ClientBase, 'query'>;

export class PostgresJournal implements JournalStore {
  private readonly pool: pg.Pool;
  /** The URL as messages may show it. */
  readonly where: string;

  private constructor(
    private readonly url: string,
    options: PostgresJournalOptions,
  ) {
    this.where = maskedUrl(url);
    const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: statementTimeout,
      // A server that stops answering altogether (a cut network) must not hold a desk forever.
      query_timeout: statementTimeout + CONNECT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: statementTimeout,
      application_name: 'payscript',
      keepAlive: true,
      types: TYPES,
    });
    // An idle connection the server dropped is only reported here; the pool makes a new one when
    // next asked, and a request that then fails gets its own error.
    this.pool.on('error', () => undefined);
  }

  /** Connects and brings the schema up to date; JournalUnavailableError (password masked) when it cannot. */
  static async open(options: PostgresJournalOptions): Promise<PostgresJournal> {
    const journal = new PostgresJournal(options.url, options);
    try {
      await journal.transaction((client) => migrate(client));
    } catch (error) {
      await journal.pool.end().catch(() => undefined);
      throw postgresUnavailable(error, options.url);
    }
    return journal;
  }

  append(transaction: NewTransaction, state: TransactionState, source: StateSource, fence?: LeaseFence): Promise<JournalEntry> {
    return this.fenced(fence, (client) => insert(client, transaction, state, source));
  }

  appendGuarded(transaction: NewTransaction, fence?: LeaseFence): Promise<GuardedAppend> {
    return this.transaction(async (client) => {
      // The write-ahead: what it records is sent next, so the lease must still run, not only be ours.
      await this.checkFence(client, fence, 'live');
      const document = transaction.documentReference;
      let charges: DocumentCharge[] = [];
      if (document !== undefined) {
        // Held until this transaction ends: the next payment for the document reads this one's row.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DOCUMENT_LOCK_SPACE, document]);
        charges = await chargesOf(client, document);
      }
      const refusal: Refusal | undefined = repeatRefusal(transaction, charges);
      const entry = refusal
        ? await insert(client, transaction, refusedState(refusal), 'host')
        : await insert(client, transaction, PENDING, 'write-ahead');
      return refusal ? { entry, refusal } : { entry };
    });
  }

  change(
    id: string,
    state: TransactionState,
    source: StateSource,
    // Every commit waits for the server's WAL flush: a write is one statement, and an 'os' write
    // gains no fsync of this host to skip.
    _durability?: Durability,
    fence?: LeaseFence,
  ): Promise<JournalEntry> {
    const stored = maskedState(state);
    const values = stateValues(stored);
    const columns = Object.keys(values);
    const assignments = columns.map((column, i) =>
      // The provider's handle, once known, is never forgotten (journal-store.ts).
      column === STATE_COLUMNS.providerReference
        ? `${quoted(column)} = COALESCE($${i + 2}, ${quoted(column)})`
        : `${quoted(column)} = $${i + 2}`,
    );
    const n = columns.length + 2;
    const sql = `WITH changed AS (
        UPDATE transactions SET ${assignments.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *
      ), event AS (
        INSERT INTO transaction_events (transaction_id, at, source, state) SELECT id, now(), $${n}, $${n + 1} FROM changed
      )
      SELECT * FROM changed`;
    return this.fenced(fence, async (client) => {
      const { rows } = await client.query<Row>(sql, [id, ...Object.values(values), source, JSON.stringify(stored)]);
      if (!rows[0]) throw new Error(`journal: no transaction ${id}`);
      return toEntry(rows[0]);
    });
  }

  async get(idOrNo: string): Promise<JournalEntry | undefined> {
    const byNo = /^\d{1,15}$/.test(idOrNo);
    const rows = await this.read(`SELECT * FROM transactions WHERE ${byNo ? 'no' : 'id'} = $1`, [idOrNo]);
    return rows[0] && toEntry(rows[0]);
  }

  async history(id: string): Promise<JournalEvent[]> {
    const rows = await this.read('SELECT * FROM transaction_events WHERE transaction_id = $1 ORDER BY seq', [id]);
    return rows.map((row) => ({
      transactionId: String(row.transaction_id),
      at: row.at as Date,
      source: row.source as StateSource,
      state: row.state as TransactionState,
    }));
  }

  async unsettled(terminal?: string): Promise<JournalEntry[]> {
    const rows = await this.read(
      `SELECT * FROM transactions WHERE status = ANY($1)${terminal === undefined ? '' : ' AND terminal = $2'} ORDER BY no`,
      terminal === undefined ? [UNSETTLED] : [UNSETTLED, terminal],
    );
    return rows.map(toEntry);
  }

  async chargesFor(documentReference: string): Promise<DocumentCharge[]> {
    return this.fault(() => chargesOf(this.pool, documentReference));
  }

  async isClaimed(terminal: string, record: ClaimedRecord, exceptId: string): Promise<boolean> {
    const { terminalTransactionId, authorizationCode, kind } = record;
    const exists = async (condition: string, params: unknown[]) =>
      (
        await this.read(`SELECT 1 FROM transactions WHERE terminal = $1 AND id <> $2 AND ${condition} LIMIT 1`, [
          terminal,
          exceptId,
          ...params,
        ])
      ).length > 0;
    if (terminalTransactionId !== undefined) return exists('terminal_transaction_id = $3', [terminalTransactionId]);
    if (authorizationCode !== undefined) return exists('authorization_code = $3 AND kind = $4', [authorizationCode, kind]);
    return false;
  }

  async query(query: JournalQuery): Promise<JournalPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const condition = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const filters = [
      ['terminal', query.terminal],
      ['protocol', query.protocol],
      ['location', query.location],
      ['pc', query.pc],
      ['"user"', query.user],
    ] as const;
    for (const [column, value] of filters) if (value !== undefined) condition((p) => `${column} = ${p}`, value);
    if (query.from) condition((p) => `created_at >= ${p}`, query.from);
    if (query.to) condition((p) => `created_at < ${p}`, query.to);
    if (query.results?.length)
      condition(
        (p) => `status = ANY(${p})`,
        query.results.flatMap((group) => RESULT_GROUPS[group]),
      );
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [counted, rows] = await Promise.all([
      // Unfiltered, the kept count (journal-schema.ts) answers at once; filtered, an index does.
      where.length
        ? this.read(`SELECT count(*) AS n FROM transactions ${clause}`, params)
        : this.read('SELECT sum(n) AS n FROM transaction_count', []),
      this.read(
        // Newest first by the time the planner can follow down an index (no rises with it; ties by no).
        `SELECT * FROM transactions ${clause} ORDER BY created_at DESC, no DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
    ]);
    return { items: rows.map(toEntry), total: Number(counted[0]?.n ?? 0), limit: query.limit, offset: query.offset };
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** Runs `work` in one database transaction on a connection of its own; failures of the server or network become JournalUnavailableError. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.fault(() => this.pool.connect());
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw asPostgresFault(error, this.url);
    } finally {
      // A connection that could not even roll back is dropped, not handed to the next writer.
      client.release(broken);
    }
  }

  /**
   * A write of one statement: on its own (one round trip) without a fence, else in a transaction
   * that checks and holds the lease first.
   */
  private fenced<T>(fence: LeaseFence | undefined, write: (client: Queryable) => Promise<T>): Promise<T> {
    if (!fence) return this.fault(() => write(this.pool));
    return this.transaction(async (client) => {
      await this.checkFence(client, fence);
      return write(client);
    });
  }

  private async read(sql: string, params: unknown[]): Promise<Row[]> {
    return this.fault(async () => (await this.pool.query<Row>(sql, params)).rows);
  }

  private async fault<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asPostgresFault(error, this.url);
    }
  }

  /**
   * The write goes ahead only under the terminal's current lease, which stays so until the commit
   * (FOR SHARE). An answer may still be recorded under a lease that ran out while nobody took it;
   * a request about to be sent (`'live'`) needs the lease unexpired, so no new holder can be
   * settling the terminal while it goes out.
   */
  private async checkFence(
    client: Queryable,
    fence: LeaseFence | undefined,
    need: 'current' | 'live' = 'current',
  ): Promise<void> {
    if (!fence) return;
    const { rows } = await client.query<{ fencing: number; live: boolean }>(
      'SELECT fencing, expires_at > now() AS live FROM terminal_leases WHERE terminal = $1 FOR SHARE',
      [fence.terminal],
    );
    const current = rows[0]?.fencing;
    if (current !== fence.fencing) throw new FencedOutError(this.where, fence, current);
    if (need === 'live' && !rows[0]!.live) throw new FencedOutError(this.where, fence, current, 'expired');
  }
}

/** The advisory locks of documents being paid, apart from every other lock of payscript's. */
const DOCUMENT_LOCK_SPACE = LOCK_SPACE + 1;

async function insert(
  client: Queryable,
  transaction: NewTransaction,
  state: TransactionState,
  source: StateSource,
): Promise<JournalEntry> {
  const stored = maskedState(state);
  const values: Record<string, ColumnValue | boolean> = {
    ...transactionValues(transaction),
    ...stateValues(stored),
    allow_repeat: transaction.allowRepeat,
  };
  const columns = Object.keys(values);
  const n = columns.length;
  const { rows } = await client.query<Row>(
    `WITH added AS (
       INSERT INTO transactions (${columns.map(quoted).join(', ')}, created_at, updated_at)
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, now(), now()) RETURNING *
     ), event AS (
       INSERT INTO transaction_events (transaction_id, at, source, state) SELECT id, now(), $${n + 1}, $${n + 2} FROM added
     )
     SELECT * FROM added`,
    [...Object.values(values), source, JSON.stringify(stored)],
  );
  return toEntry(rows[0]!);
}

async function chargesOf(client: Queryable, documentReference: string): Promise<DocumentCharge[]> {
  const { rows } = await client.query<Row>(
    `SELECT t.*, ${REVERSED_COLUMN}
       FROM transactions t
       WHERE t.document_reference = $1 AND t.kind = ANY($2)
       ORDER BY t.no`,
    [documentReference, CHARGES],
  );
  return rows.map((row) => ({ entry: toEntry(row), reversed: row.reversed === true }));
}

function toEntry(row: Row): JournalEntry {
  return entryOfRow(row, {
    no: row.no as number,
    allowRepeat: row.allow_repeat === true,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}

/** `user` is a keyword in PostgreSQL: every column name is quoted where names are built. */
function quoted(column: string): string {
  return `"${column}"`;
}
