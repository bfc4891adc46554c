// A journal that cannot be opened or written (disk full, a corrupt or foreign file, a folder the
// process may not write) stops payments before anything reaches a terminal. The message names the
// journal's folder and the cause in the cash desk's words, never a stack trace.

export class JournalUnavailableError extends Error {
  constructor(
    /** The data folder that holds the journal. */
    readonly dir: string,
    /** What is wrong, in a few words. */
    readonly problem: string,
  ) {
    super(`the transaction journal in ${dir} cannot be used (${problem})`);
    this.name = 'JournalUnavailableError';
  }
}

/** SQLite's and the file system's error codes → what an admin should check. */
const CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/^SQLITE_(NOTADB|CORRUPT)/, 'the journal file is damaged or is not a payscript journal'],
  [/^(SQLITE_FULL|ENOSPC)/, 'the disk is full'],
  [/^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|EACCES|EPERM|EROFS)/, 'the folder or the file cannot be written by this user'],
  [/^(SQLITE_IOERR|EIO)/, 'the disk reported an input/output error'],
];

export function journalUnavailable(error: unknown, dir: string): JournalUnavailableError {
  if (error instanceof JournalUnavailableError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const problem = CAUSES.find(([pattern]) => pattern.test(code))?.[1] ?? (error instanceof Error ? error.message : String(error));
  return new JournalUnavailableError(dir, problem);
}

/** A storage failure (SQLite's or the file system's) as JournalUnavailableError; anything else as it is. */
export function asJournalFault(error: unknown, dir: string): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(SQLITE_|E[A-Z]+$)/.test(code) ? journalUnavailable(error, dir) : error;
}
