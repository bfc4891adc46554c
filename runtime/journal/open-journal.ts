// Where the journal lives: one SQLite file in the data directory (config key `dataDir`).
import { join } from 'node:path';
import type { JournalStore } from './journal-store.js';
import { journalUnavailable } from './journal-unavailable.js';
import { SqliteJournal } from './sqlite-journal.js';

export const JOURNAL_FILE_NAME = 'journal.sqlite';

/** Throws JournalUnavailableError, naming the folder and the cause, when the journal cannot be used. */
export function openJournal(dataDir: string): JournalStore {
  try {
    return new SqliteJournal(join(dataDir, JOURNAL_FILE_NAME));
  } catch (error) {
    throw journalUnavailable(error, dataDir);
  }
}
