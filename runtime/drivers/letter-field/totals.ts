// The close-totals record in field L, in the two shapes the family's profiles use. Neither bank
// publishes the layout; both are inferred and chosen by the profile's `totalsFormat`.
import { type Result, err, ok } from '../../protocol/result.js';

/** ČSOB: one record per currency. */
export interface TotalsLine {
  currencyNumeric: string;
  count: number;
  /** Net amount (sales minus refunds), so it may be negative. */
  amountMinor: number;
}

/**
 * GPE: counts and sums of debits, credits and cashbacks (gpe.md: "debit/credit counts and sums
 * and cashback count and sum"), with no currency: GPE sums every amount whatever its currency.
 */
export interface BatchTotals {
  debitCount: number;
  /** Everything charged to cards, cashback included. */
  debitMinor: number;
  creditCount: number;
  creditMinor: number;
  cashbackCount: number;
  cashbackMinor: number;
}

/** `<ISO numeric>,<count>,<net minor units>` records joined by `;` (inferred). */
export function encodeTotalsLines(totals: readonly TotalsLine[]): string {
  return totals.map((line) => `${line.currencyNumeric},${line.count},${line.amountMinor}`).join(';');
}

export function decodeTotalsLines(text: string): Result<TotalsLine[], string> {
  const lines: TotalsLine[] = [];
  for (const record of text.split(';').filter((r) => r.length > 0)) {
    // At most 15 digits, as in GPE's totals: more would be rounded by a double.
    const match = /^(\d{3}),(\d{1,15}),(-?\d{1,15})$/.exec(record);
    if (!match) return err(`totals record ${JSON.stringify(record)} is not <currency>,<count>,<amount>`);
    lines.push({ currencyNumeric: match[1]!, count: Number(match[2]), amountMinor: Number(match[3]) });
  }
  return ok(lines);
}

const BATCH_ORDER = ['debitCount', 'debitMinor', 'creditCount', 'creditMinor', 'cashbackCount', 'cashbackMinor'] as const;

/** The six numbers in the order gpe.md lists them, joined by `,` (inferred). */
export function encodeBatchTotals(totals: BatchTotals): string {
  return BATCH_ORDER.map((key) => String(totals[key])).join(',');
}

export function decodeBatchTotals(text: string): Result<BatchTotals, string> {
  const numbers = text.split(',');
  if (numbers.length !== BATCH_ORDER.length || !numbers.every((n) => /^\d{1,15}$/.test(n))) {
    return err(`totals ${JSON.stringify(text)} are not six counts and sums`);
  }
  return ok(Object.fromEntries(BATCH_ORDER.map((key, i) => [key, Number(numbers[i])])) as unknown as BatchTotals);
}
