// A rehearsal: every protocol × outcome cell of one script, a few at a time, each judged by its rules.
import { availableParallelism } from 'node:os';
import type { Expectations } from './expectations.js';
import { failuresOf, rulesFor } from './expectations.js';
import { type CellResult, type CellRun, rehearseCell } from './rehearse-cell.js';
import type { OutcomeChoice } from './outcome-choice.js';

export interface JudgedCell extends CellResult {
  ok: boolean;
  failures: string[];
}

export interface RehearsalPlan extends Omit<CellRun, 'protocol' | 'choice'> {
  protocols: readonly string[];
  choices: readonly OutcomeChoice[];
  expectations: Expectations;
  /** Told as each cell ends, in the order they end. */
  onCell?: (cell: JudgedCell) => void;
}

/** Cells mostly wait on sockets and timeouts, so more run at once than there are cores. */
const CELLS_PER_CORE = 4;

/** Every cell's result, ordered by outcome then protocol as the plan lists them. */
export async function rehearse(plan: RehearsalPlan): Promise<JudgedCell[]> {
  const { protocols, choices, expectations, onCell, ...common } = plan;
  const runs = choices.flatMap((choice) => protocols.map((protocol): CellRun => ({ ...common, protocol, choice })));
  const results: JudgedCell[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      const cell = await rehearseCell(runs[index]);
      const failures = failuresOf(cell, rulesFor(expectations, cell.outcome, cell.protocol));
      results[index] = { ...cell, ok: failures.length === 0, failures };
      onCell?.(results[index]);
    }
  };
  const lanes = Math.min(runs.length, availableParallelism() * CELLS_PER_CORE);
  await Promise.all(Array.from({ length: lanes }, worker));
  return results;
}
