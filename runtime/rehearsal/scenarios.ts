// The outcomes a rehearsal forces on a script, one line each: a new outcome is one entry here.
import type { ScriptedOutcome } from '../simulators/outcome-table.js';
import type { OrphanedFlow } from '../simulators/terminal-simulator.js';

export interface Scenario {
  /** What the command line and the expectation file call it. */
  name: string;
  /** What the matrix shows. */
  title: string;
  outcome: ScriptedOutcome;
  /** What the terminal does with a card flow its register gave up on; default 'drop'. */
  orphanedFlow?: OrphanedFlow;
  /** The register's result timeout in this scenario, instead of the rehearsal's. */
  timeoutSeconds?: number;
  /**
   * The script first runs in a `payscript run` child killed `afterMs` after its aimed request reached
   * the terminal; the cell is the run after it, on a fresh host with the same journal and terminal.
   */
  hostKilled?: { afterMs: number };
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'approved', title: 'approved', outcome: { kind: 'approve' } },
  { name: 'insufficient-funds', title: 'insufficient funds', outcome: { kind: 'refuse', reason: 'insufficient-funds' } },
  { name: 'issuer-declined', title: 'issuer decline', outcome: { kind: 'refuse', reason: 'issuer-declined' } },
  { name: 'customer-cancelled', title: 'customer cancel', outcome: { kind: 'refuse', reason: 'customer-cancelled' } },
  { name: 'card-removed', title: 'card removed', outcome: { kind: 'refuse', reason: 'card-removed' } },
  { name: 'no-answer', title: 'no answer', outcome: { kind: 'never-answer' } },
  { name: 'busy', title: 'terminal busy', outcome: { kind: 'refuse', reason: 'terminal-busy' } },
  { name: 'duplicate', title: 'duplicate', outcome: { kind: 'refuse', reason: 'duplicate' } },
  { name: 'lost-answer', title: 'approved, answer lost', outcome: { kind: 'approve-then-drop' } },
  { name: 'card-expired', title: 'card expired', outcome: { kind: 'refuse', reason: 'card-expired' } },
  // The card is in when the register's 2 s wait ends, and the terminal goes on to approve at 4 s.
  {
    name: 'approved-late',
    title: 'approved after the register gave up',
    outcome: { kind: 'approve', afterMs: 4000 },
    orphanedFlow: 'finish',
    timeoutSeconds: 2,
  },
  // Killed 2 s into a 4 s card flow, as the conformance suite's orphaned flow: the terminal finishes
  // it, approved, and the script run again on a fresh host must not pay it again.
  {
    name: 'host-killed',
    title: 'host killed mid card flow',
    outcome: { kind: 'approve', afterMs: 4000 },
    orphanedFlow: 'finish',
    hostKilled: { afterMs: 2000 },
  },
];

/** A scenario aimed at one of the script's sales or refunds: `lost-answer@2` hits the second. */
export interface OutcomeChoice {
  scenario: Scenario;
  /** 1 = the script's first sale or refund. */
  request: number;
  /** As written on the command line (`lost-answer`, `lost-answer@2`). */
  label: string;
}

/** `all`, or a comma-separated list of scenario names, each optionally `@n`; an error names the bad entry. */
export function parseOutcomes(list: string): { ok: true; choices: OutcomeChoice[] } | { ok: false; message: string } {
  if (list === 'all') return { ok: true, choices: SCENARIOS.map((scenario) => ({ scenario, request: 1, label: scenario.name })) };
  const choices: OutcomeChoice[] = [];
  for (const label of list.split(',').map((item) => item.trim())) {
    const match = /^([a-z-]+)(?:@([1-9]\d*))?$/.exec(label);
    const scenario = match && SCENARIOS.find((s) => s.name === match[1]);
    if (!match || !scenario) {
      return {
        ok: false,
        message: `unknown outcome "${label}"; the outcomes are ${SCENARIOS.map((s) => s.name).join(', ')} (optionally @n for the n-th sale or refund)`,
      };
    }
    choices.push({ scenario, request: match[2] ? Number(match[2]) : 1, label });
  }
  return { ok: true, choices };
}
