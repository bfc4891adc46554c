// The documents the soak's cashiers pay. Each has its own amount, so a simulator's booking names
// its document without any protocol field: amount = document number × 100 + the cents that pick
// the outcome (the shared outcome table, protocols/README.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Random } from './random.js';

export interface SoakDocument {
  no: number;
  amountMinor: number;
  variableSymbol: string;
  client: 'TPaymentClient' | 'TPaymentWithCashbackClient';
  /** The script file that pays it; a retry runs the same file again. */
  script: string;
}

/** Mostly approvals; every row of the outcome table now and then. */
const CENTS: readonly (readonly [(random: Random) => number, number])[] = [
  [() => 0, 40],
  [(random) => random.between(10, 49), 38],
  [() => 58, 6], // approved, then the connection drops
  [() => 51, 3],
  [() => 52, 2],
  [() => 53, 2],
  [() => 54, 2],
  [() => 56, 3], // terminal busy
  [() => 57, 1],
  [() => 59, 1],
  [() => 55, 2], // never answers
];

export function makeDocument(no: number, random: Random, dir: string): SoakDocument {
  const cents = random.pick(CENTS)(random);
  const amountMinor = no * 100 + cents;
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
  return { no, amountMinor, variableSymbol, client, script };
}
