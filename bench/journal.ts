// (4) The journal at scale: inserts and status updates with 1 000 desks, and filtered queries of
// the transaction log over 1 000 000 rows. SQLite on the machine's disk, its writes on the main
// thread (a one-shot command) and on their writer thread (a host), with how long the event loop
// waits meanwhile (what every socket and host call of the host would wait); and PostgreSQL on a
// throwaway server of its own (Debian's binaries, started and removed here).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
// Node's own performance object: the global one's type (the DOM's) lacks eventLoopUtilization.
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { JournalQuery, JournalStore, NewTransaction } from '../runtime/journal/journal-store.js';
import { PostgresJournal } from '../runtime/journal/postgres/postgres-journal.js';
import { startThrowawayCluster } from '../runtime/journal/postgres/throwaway-cluster.js';
import { SqliteJournal } from '../runtime/journal/sqlite-journal.js';
import { PENDING } from '../runtime/journal/transaction-state.js';
import { add, median, ms, p99, perSecond } from './stats.js';
import { progress, tempDir } from './support.js';

const DESKS = 1000;
const WRITES = Number(process.env.BENCH_JOURNAL_WRITES ?? 10_000);
const ROWS = 1_000_000;
const QUERY_REPEATS = 15;
const G = '4 journal';

function transaction(i: number): NewTransaction {
  const d = i % DESKS;
  return {
    id: randomUUID(),
    kind: 'sale',
    client: 'TPaymentClient',
    terminal: `t${d}`,
    protocol: 'csob',
    pc: `KASA${d}`,
    user: `cashier${d % 50}`,
    location: `shop${d % 20}`,
    script: 'Prikl_142.ts',
    amountMinor: 1000 + i,
    currency: 'CZK',
    allowRepeat: false,
    ownerPid: process.pid,
  };
}

export async function journalGroup(): Promise<void> {
  const dir = tempDir('journal');
  for (const writing of ['inline', 'thread'] as const) {
    progress(`journal (SQLite, ${writing} writes): ${WRITES} inserts and updates from ${DESKS} desks`);
    const writes = new SqliteJournal(join(dir, `writes-${writing}.sqlite`), writing);
    await writeRates(writes, `SQLite ${writing === 'thread' ? 'writer thread' : 'inline'}`, 'synchronous=FULL, group commit');
    await writes.close();
  }

  progress(`journal (SQLite): building ${ROWS.toLocaleString('en-US')} rows`);
  const path = join(dir, 'million.sqlite');
  await new SqliteJournal(path).close(); // the real schema and indexes
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  // A year of payments from 1 000 desks: 88 % approved, the rest declined, failed or cancelled.
  db.prepare(
    `WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < ${ROWS - 1})
     INSERT INTO transactions (id, kind, client, terminal, protocol, location, pc, user, script, amount_minor, currency,
       document_reference, allow_repeat, owner_pid, status, response_code, description_key, authorization_code, created_at, updated_at)
     SELECT 'bench-' || x, 'sale', 'TPaymentClient', 't' || (x % ${DESKS}), 'csob', 'shop' || (x % 20), 'KASA' || (x % ${DESKS}),
       'cashier' || (x % 50), 'Prikl_142.ts', 100 + x % 100000, 'CZK', 'DOC' || x, 0, 1,
       CASE WHEN x % 100 < 88 THEN 'approved' WHEN x % 100 < 96 THEN 'declined' WHEN x % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
       '000', 'approved', printf('%06d', x % 1000000),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (x * 31.536) || ' seconds'),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (x * 31.536) || ' seconds')
     FROM n`,
  ).run();
  db.close();
  const million = new SqliteJournal(path);
  try {
    await queryTimes(million, 'SQLite');
  } finally {
    await million.close();
  }

  progress('journal (PostgreSQL): starting a throwaway server');
  const cluster = await startThrowawayCluster();
  try {
    // A pool as large as a busy host would give itself; the server is on this machine's loopback.
    const shared = await PostgresJournal.open({ url: await cluster.createDatabase('bench_writes'), poolSize: 20 });
    progress(`journal (PostgreSQL): ${WRITES} inserts and updates from ${DESKS} desks`);
    try {
      await writeRates(shared, 'PostgreSQL', 'pool of 20, one statement per write');
    } finally {
      await shared.close();
    }
    progress(`journal (PostgreSQL): building ${ROWS.toLocaleString('en-US')} rows`);
    const url = await cluster.createDatabase('bench_million');
    await (await PostgresJournal.open({ url })).close(); // the real schema and indexes
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The same year of payments as SQLite's, in one statement.
      await client.query(
        `INSERT INTO transactions (id, kind, client, terminal, protocol, location, pc, "user", script, amount_minor, currency,
           document_reference, allow_repeat, owner_pid, status, response_code, description_key, authorization_code, created_at, updated_at)
         SELECT 'bench-' || x, 'sale', 'TPaymentClient', 't' || (x % ${DESKS}), 'csob', 'shop' || (x % 20), 'KASA' || (x % ${DESKS}),
           'cashier' || (x % 50), 'Prikl_142.ts', 100 + x % 100000, 'CZK', 'DOC' || x, false, 1,
           CASE WHEN x % 100 < 88 THEN 'approved' WHEN x % 100 < 96 THEN 'declined' WHEN x % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
           '000', 'approved', lpad((x % 1000000)::text, 6, '0'),
           timestamptz '2025-01-01Z' + x * interval '31.536 seconds',
           timestamptz '2025-01-01Z' + x * interval '31.536 seconds'
         FROM generate_series(0, ${ROWS - 1}) AS x`,
      );
      // What autovacuum does to a live journal soon after: statistics, and the visibility map that
      // lets a count read an index alone.
      await client.query('VACUUM ANALYZE transactions');
    } finally {
      await client.end();
    }
    const big = await PostgresJournal.open({ url });
    try {
      await queryTimes(big, 'PostgreSQL');
    } finally {
      await big.close();
    }
  } finally {
    await cluster.stop();
  }
}

/** Every desk writes its transaction ahead and then its answer, all desks at once, as a host with 1 000 busy desks does. */
async function writeRates(journal: JournalStore, store: string, note: string): Promise<void> {
  const inserts: number[] = [];
  const updates: number[] = [];
  const timed = async <T>(into: number[], write: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await write();
    into.push(performance.now() - t);
    return value;
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const busy = nodePerformance.eventLoopUtilization();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: DESKS }, async (_, desk) => {
      for (let i = desk; i < WRITES; i += DESKS) {
        const { id } = await timed(inserts, () => journal.append(transaction(i), PENDING, 'write-ahead'));
        await timed(updates, () =>
          journal.change(
            id,
            { status: 'approved', responseCode: '000', descriptionKey: 'approved', authorizationCode: '123456' },
            'terminal',
          ),
        );
      }
    }),
  );
  const writeRate = ((inserts.length + updates.length) / (performance.now() - t0)) * 1000;
  loop.disable();
  const busyMs = nodePerformance.eventLoopUtilization(busy).active;
  add({
    group: G,
    figure: `${store}: insert (pending, write-ahead), ${DESKS} desks at once`,
    median: ms(median(inserts)),
    p99: ms(p99(inserts)),
    note,
  });
  add({
    group: G,
    figure: `${store}: status update (answer)`,
    median: ms(median(updates)),
    p99: ms(p99(updates)),
    note: `${perSecond(writeRate)} inserts + updates together`,
  });
  add({
    group: G,
    figure: `${store}: event-loop delay while writing`,
    median: ms(loop.percentile(50) / 1e6),
    p99: ms(loop.percentile(99) / 1e6),
    note: `max ${ms(loop.max / 1e6)}; main thread busy ${((busyMs / (inserts.length + updates.length)) * 1000).toFixed(0)} µs per write`,
  });
}

async function queryTimes(million: JournalStore, store: string): Promise<void> {
  const day = (iso: string) => new Date(iso);
  const queries: [string, Omit<JournalQuery, 'limit' | 'offset'>][] = [
    ['no filter (first page)', {}],
    ['terminal + success', { terminal: 't42', results: ['success'] }],
    ['one day', { from: day('2025-06-10T00:00:00Z'), to: day('2025-06-11T00:00:00Z') }],
    ['a month, failed', { from: day('2025-03-01T00:00:00Z'), to: day('2025-04-01T00:00:00Z'), results: ['failed'] }],
    ['PC (desk)', { pc: 'KASA42' }],
    ['location + a week', { location: 'shop7', from: day('2025-09-01T00:00:00Z'), to: day('2025-09-08T00:00:00Z') }],
  ];
  for (const [name, filter] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < QUERY_REPEATS + 1; i++) {
      const t = performance.now();
      const page = await million.query({ ...filter, limit: 50, offset: 0 });
      if (i > 0) times.push(performance.now() - t); // the first one reads the pages into the cache
      total = page.total;
    }
    add({
      group: G,
      figure: `${store}: query of ${ROWS.toLocaleString('en-US')} rows: ${name}`,
      median: ms(median(times)),
      p99: ms(p99(times)),
      target: '≤ 50 ms',
      met: median(times) <= 50,
      note: `${total.toLocaleString('en-US')} match; page of 50 + count`,
    });
  }
}
