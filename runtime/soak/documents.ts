// The documents the soak's cashiers pay. Each has its own amount, so a simulator's booking names
// its document without any protocol field: amount = document number × 100 + the cents that pick
// its scenario (the scenario table, the same list the rehearsal and the conformance suite use).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '../simulators/scenarios.js';
import type { Random } from './random.js';

export interface SoakDocument {
  no: number;
  /** The scenario its amount's cents pick. */
  scenario: string;
  amountMinor: number;
  variableSymbol: string;
  client: 'TPaymentClient' | 'TPaymentWithCashbackClient';
  /** The script file that pays it; a retry runs the same file again. */
  script: string;
}

/** The scenarios a document can be paid with: those the soak weighs and the amount's cents can pick. */
const DOCUMENT_SCENARIOS = SCENARIOS.flatMap(({ name, cents, soakWeight }) =>
  soakWeight && cents !== undefined ? [[{ name, cents }, soakWeight] as const] : [],
);

export function makeDocument(no: number, random: Random, dir: string): SoakDocument {
  const scenario = random.pick(DOCUMENT_SCENARIOS);
  const amountMinor = no * 100 + scenario.cents;
  const variableSymbol = String(1_000_000_000 + no);
  const client = random.next() < 0.1 ? 'TPaymentWithCashbackClient' : 'TPaymentClient';
  const amount = (amountMinor / 100).toFixed(2);
  const create =
    client === 'TPaymentClient'
      ? `new TPaymentClient('${amount}', 'CZK', '${variableSymbol}')`
      : `new TPaymentWithCashbackClient('${amount}', '100.00', 'CZK', '${variableSymbol}')`;
  const script = join(dir, `document-${no}.ts`);
  writeFileSync(
    script,
    `const c = ${create};\nc.Execute();\nconsole.log(JSON.stringify({ status: c.Status, refusal: c.Refusal }));\nc.Free();\n`,
  );
  return { no, scenario: scenario.name, amountMinor, variableSymbol, client, script };
}
