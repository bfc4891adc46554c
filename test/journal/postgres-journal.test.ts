// What only the PostgreSQL journal does (the behaviour both stores share is journal-store.test.ts):
// versioned migrations that two hosts starting at once apply once, a newer schema refused, and a
// server that cannot be used reported without the password.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { JournalUnavailableError } from '../../runtime/journal/journal-unavailable.js';
import { SCHEMA_VERSION } from '../../runtime/journal/postgres/migrations.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { sampleTransaction } from './store-backends.js';

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL journal', () => {
  it('migrates a new database once when several hosts start on it at the same instant', async () => {
    const url = await freshPostgresDatabase();
    const hosts = await Promise.all(Array.from({ length: 4 }, () => PostgresJournal.open({ url, poolSize: 2 })));
    try {
      const applied = await rows(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      // Every host writes and reads the one journal.
      const tx = sampleTransaction();
      await hosts[0]!.append(tx, PENDING, 'write-ahead');
      expect(await hosts[3]!.get(tx.id)).toMatchObject({ status: 'pending' });
      const tables = await rows(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
      expect(tables.map((row) => row.tablename)).toEqual([
        'schema_migrations',
        'terminal_leases',
        'transaction_events',
        'transactions',
      ]);
    } finally {
      await Promise.all(hosts.map((host) => host.close()));
    }
    // Opening again applies nothing and keeps the rows.
    const again = await PostgresJournal.open({ url });
    await again.close();
    expect(await rows(url, 'SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: SCHEMA_VERSION }]);
    expect(await rows(url, 'SELECT count(*)::int AS n FROM transactions')).toEqual([{ n: 1 }]);
  });

  it('refuses a journal migrated by a newer payscript', async () => {
    const url = await freshPostgresDatabase();
    await (await PostgresJournal.open({ url })).close();
    await rows(url, `INSERT INTO schema_migrations (version, name) VALUES (${SCHEMA_VERSION + 1}, 'from the future')`);
    const opening = PostgresJournal.open({ url });
    await expect(opening).rejects.toBeInstanceOf(JournalUnavailableError);
    await expect(opening).rejects.toThrow(`schema version ${SCHEMA_VERSION + 1} is newer than this payscript's`);
  });

  it('names the server and the cause, never the password, when the journal cannot be used', async () => {
    const url = new URL(await freshPostgresDatabase());
    url.password = 'S3cret-wrong';
    const wrong = PostgresJournal.open({ url: url.toString() });
    await expect(wrong).rejects.toBeInstanceOf(JournalUnavailableError);
    const message = await wrong.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toContain('the database refused the user name or password');
    expect(message).toContain(`${url.hostname}:${url.port}`);
    expect(message).not.toContain('S3cret-wrong');

    url.pathname = '/no_such_database';
    await expect(PostgresJournal.open({ url: url.toString() })).rejects.toThrow(
      /refused the user name or password|does not exist/,
    );

    // Nothing listens on port 1 of the loopback.
    const refused = PostgresJournal.open({ url: 'postgres://payscript:S3cret@127.0.0.1:1/journal' });
    await expect(refused).rejects.toThrow(/refuses connections/);
    await expect(refused).rejects.not.toThrow(/S3cret/);
  });

  it('fails writes as unavailable once the server is gone, and works again without reopening', async () => {
    const url = await freshPostgresDatabase();
    const store = await PostgresJournal.open({ url, poolSize: 2 });
    try {
      const tx = sampleTransaction();
      await store.append(tx, PENDING, 'write-ahead');
      // The server ends every connection of this store (an admin's restart, a failover).
      await rows(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'payscript'");
      const after = store.change(tx.id, { status: 'failed', responseCode: '', descriptionKey: 'failed' }, 'recovery');
      // The pool may notice the dropped connection either at this write or before it.
      const outcome = await after.then(
        (entry) => entry.status,
        (error: Error) => error,
      );
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(JournalUnavailableError);
      expect((await store.get(tx.id))?.id).toBe(tx.id);
    } finally {
      await store.close();
    }
  });
});
