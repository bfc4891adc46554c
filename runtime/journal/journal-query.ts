// The transaction log's filters as people type them (CLI flags, HTTP query parameters), checked
// once for both: errors come back as values naming the filter.
import { err, ok, type Result } from '../protocol/result.js';
import { RESULT_GROUPS, type JournalQuery, type ResultGroup } from './journal-store.js';

export interface JournalQueryText {
  terminal?: string;
  protocol?: string;
  location?: string;
  pc?: string;
  user?: string;
  /** `YYYY-MM-DD` (local day) or an ISO 8601 time. */
  from?: string;
  /** `YYYY-MM-DD` includes that whole day; a time is exclusive. */
  to?: string;
  /** Comma-separated: success, pending, failed, aborted. */
  status?: string;
  limit?: string;
  offset?: string;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

export function parseJournalQuery(text: JournalQueryText): Result<JournalQuery, string> {
  const from = time(text.from, 'from', false);
  if (!from.ok) return from;
  const to = time(text.to, 'to', true);
  if (!to.ok) return to;
  const results = groups(text.status);
  if (!results.ok) return results;
  const limit = whole(text.limit, 'limit', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  if (!limit.ok) return limit;
  const offset = whole(text.offset, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
  if (!offset.ok) return offset;
  const { terminal, protocol, location, pc, user } = text;
  return ok({
    ...(terminal && { terminal }),
    ...(protocol && { protocol }),
    ...(location && { location }),
    ...(pc && { pc }),
    ...(user && { user }),
    ...(from.value && { from: from.value }),
    ...(to.value && { to: to.value }),
    ...(results.value.length > 0 && { results: results.value }),
    limit: limit.value,
    offset: offset.value,
  });
}

/** `YYYY-MM-DD`, optionally followed by `Thh:mm[:ss[.fff]]` and a zone (`Z` or `±hh:mm`). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function time(text: string | undefined, name: string, endOfDay: boolean): Result<Date | undefined, string> {
  if (!text) return ok(undefined);
  const invalid = err(`${name} must be a date (YYYY-MM-DD) or an ISO 8601 time (YYYY-MM-DDThh:mm), got "${text}"`);
  const parts = DATE_TIME.exec(text);
  if (!parts) return invalid;
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  // The Date constructor rolls 2024-02-30 over into March: an impossible day is refused instead.
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  const real = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day;
  if (!real || hour! > 23 || minute! > 59 || second! > 59) return invalid;
  // A bare date is the cash desk's local day; `to` covers all of it.
  if (parts[4] === undefined) return ok(new Date(year!, month! - 1, day! + (endOfDay ? 1 : 0)));
  return ok(new Date(text));
}

function groups(text: string | undefined): Result<ResultGroup[], string> {
  if (!text) return ok([]);
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  const known = Object.keys(RESULT_GROUPS);
  const unknown = names.filter((name) => !known.includes(name));
  return unknown.length
    ? err(`status must be among ${known.join(', ')}; got "${unknown.join(', ')}"`)
    : ok(names as ResultGroup[]);
}

function whole(text: string | undefined, name: string, min: number, max: number, fallback: number): Result<number, string> {
  if (text === undefined || text === '') return ok(fallback);
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max
    ? ok(value)
    : err(`${name} must be a whole number from ${min} to ${max}`);
}
