// How a simulated terminal ends each sale or refund, in protocol-neutral terms (each simulator maps
// these to its own response codes): forced for a rehearsal or a test, else by the amount's cents
// as the scenario table says (protocols/README.md).
import type { Reason } from '../terminals/driver.js';
import { SCENARIOS } from './scenarios.js';

/** Why a simulated terminal refuses; every row of the table that ends in a plain answer. */
export type SimulatedRefusal = Extract<
  Reason,
  | 'insufficient-funds'
  | 'issuer-declined'
  | 'customer-cancelled'
  | 'card-removed'
  | 'terminal-busy'
  | 'duplicate'
  | 'card-expired'
>;

export type ScriptedOutcome =
  /**
   * `afterMs` sets this card flow's length instead of the terminal's delay: longer than the
   * register's result timeout, the approval comes after the register gave up waiting.
   */
  | { kind: 'approve'; afterMs?: number }
  | { kind: 'refuse'; reason: SimulatedRefusal }
  /** The card flow never ends; only an abort (or the connection closing) stops it. */
  | { kind: 'never-answer' }
  /**
   * The bank approves and books it, then the connection drops before the result goes out. `dark`:
   * the terminal then stays unreachable (TerminalSimulator.comeBack ends it), so no lookup finds it.
   */
  | { kind: 'approve-then-drop'; dark?: boolean };

/** The cents convention, read from the scenario table: every scenario that names its cents. */
const BY_CENTS: ReadonlyMap<number, ScriptedOutcome> = new Map(
  SCENARIOS.flatMap((scenario) => (scenario.cents === undefined ? [] : [[scenario.cents, scenario.outcome] as const])),
);

/** How long a card flow that ends by itself runs: its outcome's own length, else the terminal's delay. */
export function flowLengthMs(outcome: ScriptedOutcome, delayMs: number): number {
  return outcome.kind === 'approve' && outcome.afterMs !== undefined ? outcome.afterMs : delayMs;
}

/** Whether the terminal goes dark once this outcome's answer is lost. */
export function goesDark(outcome: ScriptedOutcome): boolean {
  return outcome.kind === 'approve-then-drop' && outcome.dark === true;
}

export function outcomeForAmount(amountMinor: number): ScriptedOutcome {
  return BY_CENTS.get(amountMinor % 100) ?? { kind: 'approve' };
}

/** An outcome forced on the n-th sale or refund a simulator receives, whatever its amount. */
export interface ForcedOutcome {
  outcome: ScriptedOutcome;
  /** 1 = the first sale or refund. */
  request: number;
}

/**
 * The outcome of each sale or refund in turn: the forced one for its request, the cents table
 * otherwise, so a rehearsal runs a script with its real amounts. Reversals follow the reversed charge.
 */
export class OutcomePlan {
  private received = 0;

  constructor(private readonly forced?: ForcedOutcome) {}

  next(amountMinor: number): ScriptedOutcome {
    this.received += 1;
    return this.forced?.request === this.received ? this.forced.outcome : outcomeForAmount(amountMinor);
  }
}
