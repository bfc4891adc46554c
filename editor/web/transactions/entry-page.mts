// The server's answer types for the Transactions page: type-only imports, so nothing of the host
// reaches the bundle.
import type { EntryView } from '../../../runtime/journal/entry-view.js';

/** A journal entry as `GET /api/transactions` lists it. */
export type Entry = EntryView;

/** `GET /api/transactions`. */
export interface EntryPage {
  items: Entry[];
  total: number;
  limit: number;
  offset: number;
}

/** Local time, compact and sortable: 2026-11-23 17:19:45. */
export function timeOf(iso: string): string {
  const t = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
}

/** What the dialogs show under their title: the operation, its amount and its time. */
export function amountOf(entry: Entry): string {
  return entry.amount ? `${entry.amount} ${entry.currency ?? ''} · ` : '';
}
