// What must hold in each cell of a rehearsal: the built-in rules, or an expectation file beside the
// script (`<script>.expect.json`) that sets rules for every outcome, one outcome, or one protocol.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { type CellResult, REHEARSAL_PROTOCOLS } from './rehearse-cell.js';
import { parseOutcomes } from './outcome-choice.js';

const STATUSES = ['Approved', 'Declined', 'Cancelled', 'Failed', 'InDoubt'] as const;

const rules = z
  .object({
    /** The script ends without throwing. */
    finishes: z.boolean().optional(),
    neverChargedTwice: z.boolean().optional(),
    nothingInDoubt: z.boolean().optional(),
    /** Status of the n-th transaction the script ran, by n from 1: `{ "2": "InDoubt" }`. */
    transactions: z.record(z.string().regex(/^[1-9]\d*$/, 'a transaction number from 1'), z.enum(STATUSES)).optional(),
    /** Text some console line of the script must contain. */
    logs: z.array(z.string().min(1)).optional(),
  })
  .strict();

const protocol = z
  .string()
  .refine((name) => REHEARSAL_PROTOCOLS.includes(name), { message: `a protocol: ${REHEARSAL_PROTOCOLS.join(', ')}` });
const outcome = z
  .string()
  .refine((label) => parseOutcomes(label).ok && label !== 'all', { message: 'an outcome such as lost-answer or lost-answer@2' });

/** A protocol's rules replace the outcome's rules of the same name. */
const outcomeRules = rules.extend({ protocols: z.record(protocol, rules).optional() }).strict();

const expectationFile = z
  .object({
    /** Rules for every cell, over the built-in ones. */
    all: rules.optional(),
    /** By outcome as given on the command line (`lost-answer`, `lost-answer@2`). */
    outcomes: z.record(outcome, outcomeRules).optional(),
  })
  .strict();

export type Rules = z.infer<typeof rules>;
export type Expectations = z.infer<typeof expectationFile>;

export const BUILT_IN_RULES: Rules = { finishes: true, neverChargedTwice: true, nothingInDoubt: true };

/** Where a script's own expectation file stands: `Prikl_142.ts` → `Prikl_142.expect.json`. */
export function expectationFileOf(script: string): string {
  return script.replace(/\.[cm]?[jt]s$/, '') + '.expect.json';
}

export type ExpectationsOrProblem = { ok: true; expectations: Expectations } | { ok: false; message: string };

/** Checks an expectation file's text; the message names the file as `name` and the first problem. */
export function parseExpectations(text: string, name: string): ExpectationsOrProblem {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `expectation file ${name} is not JSON: ${(error as Error).message}` };
  }
  const parsed = expectationFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `expectation file ${name}: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  return { ok: true, expectations: parsed.data };
}

/** Reads and checks an expectation file; the message names the file and the first problem. */
export function loadExpectations(path: string): ExpectationsOrProblem {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read expectation file ${path}: ${(error as Error).message}` };
  }
  return parseExpectations(text, path);
}

/** The rules of one cell: built-in, then the file's `all`, its outcome, and that outcome's protocol. */
export function rulesFor(expectations: Expectations, outcome: string, protocol: string): Rules {
  const { protocols, ...forOutcome } = expectations.outcomes?.[outcome] ?? {};
  return { ...BUILT_IN_RULES, ...expectations.all, ...forOutcome, ...protocols?.[protocol] };
}

/** Every rule the cell breaks, in words; none means the cell passed. */
export function failuresOf(cell: CellResult, rule: Rules): string[] {
  const failures: string[] = [];
  // A stopped run's error already says it was stopped.
  if (rule.finishes && cell.end !== 'finished')
    failures.push(cell.end === 'stopped' && cell.error ? cell.error : `the script ${cell.end}: ${cell.error}`);
  if (rule.neverChargedTwice && cell.figures.doubleCharges > 0)
    failures.push(`a document was charged twice (${cell.figures.doubleCharges} extra charge(s))`);
  if (rule.nothingInDoubt && cell.figures.unsettledInDoubt > 0)
    failures.push(`${cell.figures.unsettledInDoubt} transaction(s) left in doubt`);
  for (const [n, status] of Object.entries(rule.transactions ?? {})) {
    const actual = cell.transactions[Number(n) - 1]?.status ?? 'none';
    if (actual !== status) failures.push(`transaction ${n} should be ${status}, was ${actual}`);
  }
  for (const text of rule.logs ?? []) {
    if (!cell.logs.some((line) => line.includes(text))) failures.push(`no line logged containing "${text}"`);
  }
  return failures;
}
