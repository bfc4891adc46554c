// PostgreSQL's and the network's failures as JournalUnavailableError: what an admin should check,
// in a few words, with the server's address but never its password. Anything else (a bug, a
// constraint the journal itself broke) passes through as it is.
import { JournalUnavailableError } from '../journal-unavailable.js';
import { maskedUrl, withoutPassword } from './journal-url.js';

/** SQLSTATE (or its two-character class) and Node's error codes → the cause in an admin's words. */
const CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/^ECONNREFUSED$/, 'the database server refuses connections: is it running, and are the host and port right?'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "the database server's name cannot be resolved"],
  [/^(ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/, 'the database server cannot be reached'],
  [/^28/, 'the database refused the user name or password'],
  [/^3D000$/, 'the database does not exist'],
  [/^57014$/, 'the database did not answer in time'],
  [/^53/, 'the database server is out of resources (connections, memory or disk)'],
  [/^(08|57P0)/, 'the connection to the database server was lost'],
  [/^25006$/, 'the database is read-only (a standby server?)'],
  [/^42501$/, "the database user may not use the journal's tables"],
  [/^(58|XX)/, 'the database server reported an internal or disk error'],
];

/** The driver's own connection failures, which carry no code. */
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

export function isPostgresFault(error: unknown): boolean {
  if (error instanceof JournalUnavailableError) return true;
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code) return /^E[A-Z]+$/.test(code) || CAUSES.some(([pattern]) => pattern.test(code));
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}

/** A failure of the server or the network as JournalUnavailableError naming the masked URL; anything else as it is. */
export function asPostgresFault(error: unknown, url: string): unknown {
  if (error instanceof JournalUnavailableError || !isPostgresFault(error)) return error;
  return postgresUnavailable(error, url);
}

/** Always a JournalUnavailableError: for failures to open the journal, whatever their cause. */
export function postgresUnavailable(error: unknown, url: string): JournalUnavailableError {
  if (error instanceof JournalUnavailableError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const known = code ? CAUSES.find(([pattern]) => pattern.test(code))?.[1] : undefined;
  const problem = known ?? withoutPassword(error instanceof Error ? error.message : String(error), url);
  return new JournalUnavailableError(maskedUrl(url), problem);
}
