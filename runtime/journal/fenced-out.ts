// A write made under a terminal lease that has since passed to another holder, or a request about
// to be sent under one that ran out (this host paused past its lease: a long GC, a network split).
// Nothing was written; the host must stop working the terminal, whose new holder settles what this
// one left. A JournalUnavailableError to every caller
// that only asks "was it recorded?": a write-ahead that fails so is never sent.
import type { LeaseFence } from './postgres/lease-schema.js';
import { JournalUnavailableError } from './journal-unavailable.js';

export class FencedOutError extends JournalUnavailableError {
  constructor(
    where: string,
    readonly fence: LeaseFence,
    /** The terminal's fencing number now; undefined when it has no lease row at all. */
    readonly current: number | undefined,
    /** 'expired': still ours, but it ran out before a request about to be sent was recorded. */
    why: 'passed-on' | 'expired' = 'passed-on',
  ) {
    super(
      where,
      why === 'expired'
        ? `the lease on terminal ${fence.terminal} ran out before the request was recorded (fencing ${fence.fencing}); nothing was written or sent`
        : `the lease on terminal ${fence.terminal} passed to another holder (fencing ${fence.fencing}, now ${current ?? 'none'}); nothing was written`,
    );
    this.name = 'FencedOutError';
  }
}
