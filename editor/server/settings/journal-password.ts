// The shared journal's database password (in `journal.url`) never reaches the browser: the settings
// page gets the URL with a mask in its place, and a mask sent back keeps the stored password only
// while the URL still names the same server, user and database, as terminal secrets do.
import type { FieldProblem } from '../../../runtime/config/issues.js';
import { SECRET_MASK } from './secret-options.js';
import { safeDecode } from '../../../runtime/journal/postgres/journal-url.js';

type RawConfig = Record<string, unknown>;

/** `raw` with the password of `journal.url`, if any, replaced by the mask. */
export function withMaskedJournalPassword(raw: RawConfig): RawConfig {
  const url = journalUrlOf(raw);
  const parsed = url === undefined ? undefined : parse(url);
  if (!parsed?.password) return raw;
  parsed.password = SECRET_MASK;
  return { ...raw, journal: { ...(raw.journal as RawConfig), url: parsed.toString() } };
}

/** `incoming` with a masked password of `journal.url` replaced by the stored one, or the problem why not. */
export function withStoredJournalPassword(incoming: RawConfig, stored: RawConfig): { json: RawConfig; problems: FieldProblem[] } {
  const url = journalUrlOf(incoming);
  const parsed = url === undefined ? undefined : parse(url);
  if (!parsed || safeDecode(parsed.password) !== SECRET_MASK) return { json: incoming, problems: [] };
  const before = parse(journalUrlOf(stored) ?? '');
  parsed.password = before?.password ?? '';
  if (!before?.password || parsed.toString() !== before.toString()) {
    const why = before?.password
      ? 'the server, user or database changed, and a stored password is only sent where it was sent before'
      : 'nothing is stored there';
    return { json: incoming, problems: [{ path: 'journal.url', message: `type the password again (${why})` }] };
  }
  return { json: { ...incoming, journal: { ...(incoming.journal as RawConfig), url: before.toString() } }, problems: [] };
}

function journalUrlOf(raw: RawConfig): string | undefined {
  const journal = raw.journal;
  if (typeof journal !== 'object' || journal === null) return undefined;
  const url = (journal as RawConfig).url;
  return typeof url === 'string' ? url : undefined;
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
