// The one list of outcomes in the project: the rehearsal forces each on a script, the conformance
// suite on every driver, the soak pays documents with them, and the simulators' cents convention is
// read from it. A new outcome is one entry here.
import type { Outcome, Reason } from '../terminals/driver.js';
import type { ScriptedOutcome } from './outcome-table.js';
import type { OrphanedFlow } from './terminal-simulator.js';

/** What a driver must report for a scenario, and what the bank then holds. */
export interface DriverExpectation {
  outcome: Outcome;
  /** The neutral reason; absent when the outcome needs none. */
  reason?: Reason;
  /** Booked once (true) or never (false). */
  charged: boolean;
}

export interface Scenario {
  /** What the command line and the expectation file call it. */
  name: string;
  /** What the matrix shows. */
  title: string;
  /** How the simulated terminal ends the aimed sale or refund. */
  outcome: ScriptedOutcome;
  /** The amount's cents that pick this outcome on any simulator when nothing forces one. */
  cents?: number;
  expect: DriverExpectation;
  /** Where a protocol reports the scenario otherwise, by protocol name. */
  expectOn?: Readonly<Record<string, DriverExpectation>>;
  /** How often the soak pays a document this way, relative to the others; absent: never. */
  soakWeight?: number;
  /** What the terminal does with a card flow its register gave up on; default 'drop'. */
  orphanedFlow?: OrphanedFlow;
  /** The register's result timeout in this scenario, instead of the runner's own. */
  timeoutSeconds?: number;
  /**
   * The register's host is killed (SIGKILL) `afterMs` after the aimed request reached the terminal;
   * what counts is the run after it, on a fresh host with the same journal and terminal.
   */
  hostKilled?: { afterMs: number };
}

const declined = (reason: Reason): DriverExpectation => ({ outcome: 'declined', reason, charged: false });
const failed = (reason: Reason): DriverExpectation => ({ outcome: 'failed', reason, charged: false });
const APPROVED: DriverExpectation = { outcome: 'approved', charged: true };
/** The register never learnt the outcome, and the bank booked it. */
const IN_DOUBT = (reason: Reason): DriverExpectation => ({ outcome: 'in-doubt', reason, charged: true });

export const SCENARIOS: readonly Scenario[] = [
  { name: 'approved', title: 'approved', outcome: { kind: 'approve' }, cents: 0, expect: APPROVED, soakWeight: 76 },
  {
    name: 'insufficient-funds',
    title: 'insufficient funds',
    outcome: { kind: 'refuse', reason: 'insufficient-funds' },
    cents: 51,
    expect: declined('insufficient-funds'),
    soakWeight: 3,
  },
  {
    name: 'issuer-declined',
    title: 'issuer decline',
    outcome: { kind: 'refuse', reason: 'issuer-declined' },
    cents: 52,
    expect: declined('issuer-declined'),
    soakWeight: 2,
  },
  // As the providers' documentation has it: the customer's cancel on the terminal is a failed
  // payment; only the cash desk's own abort ends Cancelled.
  {
    name: 'customer-cancelled',
    title: 'customer cancel',
    outcome: { kind: 'refuse', reason: 'customer-cancelled' },
    cents: 53,
    expect: failed('customer-cancelled'),
    soakWeight: 2,
  },
  {
    name: 'card-removed',
    title: 'card removed',
    outcome: { kind: 'refuse', reason: 'card-removed' },
    cents: 54,
    expect: declined('card-removed'),
    soakWeight: 2,
  },
  // The card flow never ends: the register gives up after its result timeout and finds nothing.
  {
    name: 'no-answer',
    title: 'no answer',
    outcome: { kind: 'never-answer' },
    cents: 55,
    expect: failed('timeout'),
    soakWeight: 2,
  },
  {
    name: 'busy',
    title: 'terminal busy',
    outcome: { kind: 'refuse', reason: 'terminal-busy' },
    cents: 56,
    expect: failed('terminal-busy'),
    soakWeight: 3,
  },
  // ČSOB has no public "duplicate" code: its simulator answers a plain decline.
  {
    name: 'duplicate',
    title: 'duplicate',
    outcome: { kind: 'refuse', reason: 'duplicate' },
    cents: 57,
    expect: declined('duplicate'),
    expectOn: { csob: declined('declined') },
    soakWeight: 1,
  },
  // Approved and booked, the answer lost, and the terminal dark (connections reset, the cloud answers
  // nothing for it) until the register gave up: in doubt, charged. The rehearsal brings it back once
  // the script has its InDoubt, so a script that pays again is charged twice. The 2 s result timeout
  // bounds how long the register waits for a settlement (and Viva's polling) before it gives up. No
  // cents and no soak weight: only a forced outcome goes dark, and the soak has nobody to bring it back.
  {
    name: 'lost-answer',
    title: 'approved, answer lost, terminal dark',
    outcome: { kind: 'approve-then-drop', dark: true },
    expect: IN_DOUBT('connection-lost'),
    expectOn: { viva: IN_DOUBT('timeout') },
    timeoutSeconds: 2,
  },
  // Approved and booked, then the connection drops before the answer: recovery must find it.
  {
    name: 'lost-answer-recovered',
    title: 'approved, answer lost, found by recovery',
    outcome: { kind: 'approve-then-drop' },
    cents: 58,
    expect: APPROVED,
    soakWeight: 8,
  },
  {
    name: 'card-expired',
    title: 'card expired',
    outcome: { kind: 'refuse', reason: 'card-expired' },
    cents: 59,
    expect: declined('card-expired'),
    soakWeight: 1,
  },
  // The card is in when the register's 2 s wait ends, and the terminal goes on to approve at 4 s.
  // ČSOB and GPE, still connected when the wait ends, take the register's stop and end the flow
  // unpaid; the others' recovery waits for the finishing flow and finds it approved.
  {
    name: 'approved-late',
    title: 'approved after the register gave up',
    outcome: { kind: 'approve', afterMs: 4000 },
    expect: APPROVED,
    expectOn: { csob: failed('timeout'), gpe: failed('timeout') },
    orphanedFlow: 'finish',
    timeoutSeconds: 2,
  },
  // Killed 2 s into a 4 s card flow: the terminal finishes it, approved, and the payment the dead
  // host left is found approved, so the script run again on a fresh host must not pay it again.
  {
    name: 'host-killed',
    title: 'host killed mid card flow',
    outcome: { kind: 'approve', afterMs: 4000 },
    expect: APPROVED,
    orphanedFlow: 'finish',
    hostKilled: { afterMs: 2000 },
  },
];

/** What a driver of this protocol must report for the scenario. */
export function expectationOn(scenario: Scenario, protocol: string): DriverExpectation {
  return scenario.expectOn?.[protocol] ?? scenario.expect;
}

/** The scenario of this name; a name not in the table is a programming error. */
export function scenarioNamed(name: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario;
}
