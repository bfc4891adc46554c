// The PostgreSQL journal's schema versions. Each host applies what the database lacks when it
// starts, in one transaction holding an advisory lock, so two hosts starting at once neither race
// nor apply a version twice; a database migrated by a newer payscript is refused, not guessed at.
import type pg from 'pg';
import { JOURNAL_SCHEMA_SQL } from './journal-schema.js';
import { LEASE_SCHEMA_SQL } from './lease-schema.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; a released version is never edited, a change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'transactions and their append-only history', sql: JOURNAL_SCHEMA_SQL },
  { version: 2, name: 'terminal leases', sql: LEASE_SCHEMA_SQL },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The advisory lock's key pair: the first names payscript's locks, the second this one. */
export const LOCK_SPACE = 0x50617953; // 'PayS'
const MIGRATION_LOCK = 1;

/** Brings the schema up to date; `client` must be inside a transaction (the lock lasts until its end). */
export async function migrate(client: pg.ClientBase): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  const from = rows[0]?.version ?? 0;
  if (from > SCHEMA_VERSION)
    throw new Error(`the journal's schema version ${from} is newer than this payscript's (${SCHEMA_VERSION}): update payscript`);
  for (const migration of MIGRATIONS.filter((m) => m.version > from)) {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
  }
  return { from, to: SCHEMA_VERSION };
}
