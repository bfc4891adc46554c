// Where the journal lives: one SQLite file in the data directory (config key `dataDir`).
import { join } from 'node:path';
import type { JournalStore } from './journal-store.js';
import { SqliteJournal } from './sqlite-journal.js';

export const JOURNAL_FILE_NAME = 'journal.sqlite';

export function openJournal(dataDir: string): JournalStore {
  return new SqliteJournal(join(dataDir, JOURNAL_FILE_NAME));
}
