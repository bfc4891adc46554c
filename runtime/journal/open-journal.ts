// Where the journal lives: one SQLite file in the data directory (config key `dataDir`), or a
// PostgreSQL database several hosts share (`journal.url`, or PAYSCRIPT_JOURNAL_URL, which keeps the
// password out of the config file and wins over it).
import { join } from 'node:path';
import { ConfigError } from '../config/errors.js';
import type { JournalSettings } from '../config/schema.js';
import type { JournalStore } from './journal-store.js';
import { journalUnavailable } from './journal-unavailable.js';
import { isPostgresUrl, maskedUrl, POSTGRES_URL_FORMAT } from './postgres/journal-url.js';
import { SqliteJournal, type SqliteWriting } from './sqlite-journal.js';

export const JOURNAL_FILE_NAME = 'journal.sqlite';
export const JOURNAL_URL_VARIABLE = 'PAYSCRIPT_JOURNAL_URL';

export interface JournalLocation {
  dataDir: string;
  /** A PostgreSQL URL (password included): the shared journal instead of SQLite in `dataDir`. */
  url?: string;
  poolSize?: number;
  statementTimeoutSeconds?: number;
  /** The terminal leases of a shared journal: how this host is named, how long a lease lasts. */
  hostId?: string;
  leaseSeconds?: number;
}

/** The journal a configuration names, with PAYSCRIPT_JOURNAL_URL applied; ConfigError for a wrong variable. */
export function journalLocation(
  settings: { dataDir: string; journal?: Partial<JournalSettings> },
  env: NodeJS.ProcessEnv = process.env,
): JournalLocation {
  const fromEnv = env[JOURNAL_URL_VARIABLE];
  if (fromEnv && !isPostgresUrl(fromEnv)) throw new ConfigError(`${JOURNAL_URL_VARIABLE}: ${POSTGRES_URL_FORMAT}`);
  const url = fromEnv || settings.journal?.url;
  return { ...settings.journal, dataDir: settings.dataDir, ...(url ? { url } : {}) };
}

/** Where the journal is, as people may read it (a URL's password masked). */
export function describeJournal(location: JournalLocation): string {
  return location.url ? maskedUrl(location.url) : join(location.dataDir, JOURNAL_FILE_NAME);
}

/** Opens (and for PostgreSQL migrates) the journal; JournalUnavailableError naming where and why when it cannot. */
export async function openJournalStore(location: JournalLocation, writing: SqliteWriting = 'inline'): Promise<JournalStore> {
  if (!location.url) return openJournal(location.dataDir, writing);
  // Loaded only here: a desk on SQLite never loads the PostgreSQL driver.
  const { PostgresJournal } = await import('./postgres/postgres-journal.js');
  return PostgresJournal.open({
    url: location.url,
    poolSize: location.poolSize,
    statementTimeoutMs: location.statementTimeoutSeconds === undefined ? undefined : location.statementTimeoutSeconds * 1000,
  });
}

/**
 * The SQLite journal in `dataDir`, writing inline unless told to use a writer thread (sqlite-journal.ts);
 * throws JournalUnavailableError, naming the folder and the cause, when it cannot be used.
 */
export function openJournal(dataDir: string, writing: SqliteWriting = 'inline'): JournalStore {
  try {
    return new SqliteJournal(join(dataDir, JOURNAL_FILE_NAME), writing);
  } catch (error) {
    throw journalUnavailable(error, dataDir);
  }
}
