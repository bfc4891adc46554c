// The journal as a long-running host keeps it: a journal that cannot be used (a damaged file, a
// full disk, a folder it may not write, a database server that is down) does not stop the host.
// Every call fails with JournalUnavailableError, which refuses payments before a terminal is asked,
// and the journal is opened again on a later call once the cause may have gone; a full disk needs
// no reopening, as SQLite's next write succeeds once there is room, nor does a server that comes
// back, as the PostgreSQL pool connects again by itself.
import { FencedOutError } from './fenced-out.js';
import type { JournalStore } from './journal-store.js';
import { JournalUnavailableError, journalUnavailable } from './journal-unavailable.js';
import { describeJournal, openJournalStore, type JournalLocation } from './open-journal.js';
import type { SqliteWriting } from './sqlite-journal.js';

export type JournalStatus = { available: true } | { available: false; problem: string; message: string };

/** How soon a journal that failed to open is tried again. */
const REOPEN_AFTER_MS = 2000;

export class ReopeningJournal implements JournalStore {
  private store: JournalStore | undefined;
  private opening: Promise<JournalStore | undefined> | undefined;
  private fault: JournalUnavailableError | undefined;
  private retryAt = 0;

  constructor(
    private readonly location: JournalLocation,
    private readonly writing: SqliteWriting,
  ) {
    void this.open();
  }

  /** What the last open or write showed (after waiting for an open under way). */
  async status(): Promise<JournalStatus> {
    if (!this.store) await this.open();
    return this.fault ? { available: false, problem: this.fault.problem, message: this.fault.message } : { available: true };
  }

  append: JournalStore['append'] = (...args) => this.use((store) => store.append(...args));
  appendGuarded: JournalStore['appendGuarded'] = (...args) => this.use((store) => store.appendGuarded(...args));
  change: JournalStore['change'] = (...args) => this.use((store) => store.change(...args));
  get: JournalStore['get'] = (...args) => this.use((store) => store.get(...args));
  history: JournalStore['history'] = (...args) => this.use((store) => store.history(...args));
  unsettled: JournalStore['unsettled'] = (...args) => this.use((store) => store.unsettled(...args));
  chargesFor: JournalStore['chargesFor'] = (...args) => this.use((store) => store.chargesFor(...args));
  isClaimed: JournalStore['isClaimed'] = (...args) => this.use((store) => store.isClaimed(...args));
  query: JournalStore['query'] = (...args) => this.use((store) => store.query(...args));

  async close(): Promise<void> {
    await this.opening;
    const store = this.store;
    this.store = undefined;
    await store?.close();
  }

  private async use<T>(call: (store: JournalStore) => Promise<T>): Promise<T> {
    const store = this.store ?? (await this.open());
    if (!store) throw this.fault!;
    try {
      const value = await call(store);
      this.fault = undefined;
      return value;
    } catch (error) {
      // A write fenced out by a newer lease holder says nothing about the journal's health.
      if (!(error instanceof JournalUnavailableError) || error instanceof FencedOutError) throw error;
      this.fault = error;
      throw error;
    }
  }

  /** The open journal, or undefined (with `fault` set) when it cannot be opened now; one attempt at a time. */
  private open(): Promise<JournalStore | undefined> {
    if (this.store) return Promise.resolve(this.store);
    if (this.opening) return this.opening;
    if (Date.now() < this.retryAt) return Promise.resolve(undefined);
    this.opening = openJournalStore(this.location, this.writing)
      .then(
        (store) => {
          this.store = store;
          this.fault = undefined;
          return store;
        },
        (error: unknown) => {
          this.fault = journalUnavailable(error, describeJournal(this.location));
          this.retryAt = Date.now() + REOPEN_AFTER_MS;
          return undefined;
        },
      )
      .finally(() => (this.opening = undefined));
    return this.opening;
  }
}
