// Which outcomes of the scenario table a rehearsal forces, and on which of the script's requests.
import { type Scenario, SCENARIOS } from '../simulators/scenarios.js';

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
