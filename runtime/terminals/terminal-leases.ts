// Who may talk to a terminal. Before a host drives a terminal (an operation, a lookup, a connection
// test) it holds the terminal's lease; where several hosts share one journal the lease lives in the
// database, so "one owner per terminal" holds across machines. A lease that cannot be had is an
// answer, not an exception: the caller fails the request clearly and sends nothing.
import type { LeaseFence } from '../journal/postgres/lease-schema.js';

export type { LeaseFence };

/** What a lease holder needs to know of an unsettled transaction to tell whose it is. */
export interface SentTransaction {
  ownerPid: number;
}

export interface Lease {
  readonly terminal: string;
  /** Carried by every journal write made under the lease; absent where one machine decides alone. */
  readonly fence: LeaseFence | undefined;
  /** Aborts once the lease is lost (not renewed in time, or taken by another host): stop talking. */
  readonly lost: AbortSignal;
  /**
   * Another holder may have driven the terminal since this host's previous lease on it, so what
   * this host's driver remembers of the terminal (the last request it sent) is no longer the latest.
   */
  readonly handedOver: boolean;
  /**
   * Who is still sending this unsettled transaction of the terminal, or undefined when it is this
   * holder's to settle (its sender is gone, or the sender's lease has passed to us).
   */
  senderOf(transaction: SentTransaction): string | undefined;
  /** Gives the terminal up; safe to call more than once. */
  release(): Promise<void>;
}

export type LeaseAnswer =
  | { kind: 'held'; lease: Lease }
  /** Another holder kept the terminal for the whole wait; `until` when its lease runs out, if known. */
  | { kind: 'busy'; holder: string; until?: Date };

export interface AcquireOptions {
  /** How long to wait for another holder to give the terminal up (0: do not wait). */
  waitMs: number;
  signal: AbortSignal;
}

export interface TerminalLeases {
  /** This host as other hosts see it in "terminal busy at host X". */
  readonly hostId: string;
  acquire(terminal: string, options: AcquireOptions): Promise<LeaseAnswer>;
  /** Gives up every lease still held. */
  close(): Promise<void>;
}

/** The cashier's words for a terminal another host keeps. */
export function describeBusy(terminal: string, busy: Extract<LeaseAnswer, { kind: 'busy' }>): string {
  const until = busy.until ? ` (its lease runs until ${busy.until.toISOString()})` : '';
  return `terminal ${terminal} busy at host ${busy.holder}${until}; nothing was sent`;
}
