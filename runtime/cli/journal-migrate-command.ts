// payscript journal migrate --to postgres://…: moves this desk's SQLite journal (config `dataDir`)
// into an empty PostgreSQL journal that several hosts will share. The URL may come from
// PAYSCRIPT_JOURNAL_URL instead, which keeps the password off the command line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigFile, loadConfigFile } from '../config/load.js';
import { defaultDataDir } from '../config/schema.js';
import { JOURNAL_FILE_NAME, JOURNAL_URL_VARIABLE, openJournal } from '../journal/open-journal.js';
import { isPostgresUrl, maskedUrl, POSTGRES_URL_FORMAT } from '../journal/postgres/journal-url.js';
import { parseCommandLine, UsageError } from './usage.js';

export async function journalMigrateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('journal migrate', argv);
  if (positionals.length) throw new UsageError('journal migrate takes no arguments besides its options');
  const to = values.to ?? process.env[JOURNAL_URL_VARIABLE];
  if (!to)
    throw new UsageError(`journal migrate needs --to postgres://user:password@host:5432/database (or ${JOURNAL_URL_VARIABLE})`);
  if (!isPostgresUrl(to)) throw new UsageError(`--to ${POSTGRES_URL_FORMAT}`);
  const file = findConfigFile(values.config);
  const dataDir = (file ? await loadConfigFile(file) : undefined)?.dataDir ?? defaultDataDir();
  const sqlitePath = join(dataDir, JOURNAL_FILE_NAME);
  if (!existsSync(sqlitePath)) {
    process.stderr.write(`payscript: there is no journal at ${sqlitePath} to migrate\n`);
    return 1;
  }
  // Opened once as a host would: an older file gains the columns the copy reads.
  await openJournal(dataDir).close();
  // Loaded only here: the other journal commands on SQLite never load the database driver.
  const { PostgresJournal } = await import('../journal/postgres/postgres-journal.js');
  const { importSqliteJournal } = await import('../journal/postgres/sqlite-import.js');
  const target = await PostgresJournal.open({ url: to });
  try {
    const result = await importSqliteJournal(sqlitePath, target);
    if (result.kind === 'not-empty') {
      process.stderr.write(
        `payscript: the journal at ${maskedUrl(to)} already holds ${result.transactions} transaction(s); migrate fills only an empty journal, so nothing was copied\n`,
      );
      return 1;
    }
    process.stdout.write(
      `copied ${result.transactions} transaction(s) with ${result.events} history entries from ${sqlitePath} to ${maskedUrl(to)}\n`,
    );
    return 0;
  } finally {
    await target.close();
  }
}
