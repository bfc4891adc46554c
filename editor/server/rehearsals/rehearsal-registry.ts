// The rehearsals this server knows: running ones, and finished ones for a while so the page can
// still open a cell. A rehearsal runs many cells at once, so each account runs one at a time and
// the server a few; what finished ones hold together stays within a memory budget.
import { randomUUID } from 'node:crypto';
import { HttpError } from '../http-error.js';
import { forgetOldFinished, type RetentionLimits } from '../runs/finished-retention.js';
import { Rehearsal } from './rehearsal.js';

const RETENTION: RetentionLimits = {
  keepMs: 15 * 60 * 1000,
  maxFinished: 20,
  /** What all rehearsals' cells may hold, estimated (Rehearsal.retainedBytes). */
  maxBytes: 64 * 1024 * 1024,
};
/** Running rehearsals on the whole server: each runs several cells at once, each with its own simulator and sandbox. */
const MAX_RUNNING = 2;

export interface RehearsalStart {
  owner: string;
  /** Virtual path of the script. */
  script: string;
  protocols: readonly string[];
  outcomes: readonly string[];
}

export class RehearsalRegistry {
  private readonly rehearsals = new Map<string, Rehearsal>();
  /** Finished rehearsals in the order they finished: the order they are forgotten in. */
  private readonly finished = new Set<Rehearsal>();
  private readonly running = new Map<Rehearsal, Promise<void>>();

  /** Starts `execute` for a new rehearsal, or answers 409 (this account runs one) or 503 (the server runs enough). */
  start(what: RehearsalStart, execute: (rehearsal: Rehearsal) => Promise<void>): Rehearsal {
    this.prune();
    const own = [...this.running.keys()].find((r) => r.owner === what.owner);
    if (own) throw new HttpError(409, `your rehearsal of ${own.script} is still running; stop it or wait for its end`);
    if (this.running.size >= MAX_RUNNING)
      throw new HttpError(503, `the server runs ${MAX_RUNNING} rehearsals already; try again when one ends`);
    const rehearsal = new Rehearsal(randomUUID(), what.owner, what.script, what.protocols, what.outcomes);
    this.rehearsals.set(rehearsal.id, rehearsal);
    const done = execute(rehearsal)
      .then(
        () => rehearsal.finish(),
        (error: Error) => rehearsal.finish(error.message),
      )
      .finally(() => {
        this.running.delete(rehearsal);
        this.finished.add(rehearsal);
        this.prune();
      });
    this.running.set(rehearsal, done);
    return rehearsal;
  }

  get(id: string): Rehearsal | undefined {
    return this.rehearsals.get(id);
  }

  /** The account's most recent rehearsal still known, so a page opened again finds its matrix. */
  latestOf(owner: string): Rehearsal | undefined {
    return [...this.rehearsals.values()].reverse().find((rehearsal) => rehearsal.owner === owner);
  }

  /** Stops every running rehearsal and waits until their simulators and temporary journals are gone. */
  async close(): Promise<void> {
    for (const rehearsal of this.running.keys()) rehearsal.stop('the server is stopping');
    await Promise.all(this.running.values());
  }

  private prune(): void {
    forgetOldFinished(this.rehearsals, this.finished, RETENTION);
  }
}
