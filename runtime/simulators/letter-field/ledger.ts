// The simulated bank's own record: every approved charge, refund, reversal and close. Tests
// compare it with what the driver reported (e.g. a recovered sale was charged exactly once).
import type { BatchTotals, TotalsLine } from '../../drivers/letter-field/totals.js';
import type { SimulatedOperation } from '../terminal-simulator.js';

export interface LedgerEntry {
  kind: SimulatedOperation;
  /** Signed effect on the card account side of the day: charges positive, refunds negative. */
  amountMinor: number;
  cashbackMinor?: number;
  currencyNumeric: string;
  variableSymbol?: string;
  authorizationCode: string;
  transactionId: string;
  at: Date;
  /** Set on a charge once a reversal cancelled it. */
  reversed?: boolean;
  /** On a close: the day's totals it reported, in the profile's format. */
  totals?: TotalsLine[];
  batchTotals?: BatchTotals;
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  private dayStart = 0;

  record(entry: LedgerEntry): LedgerEntry {
    this.entries.push(entry);
    return entry;
  }

  /** A charge that can still be reversed: same authorization code, not yet reversed. */
  reversibleCharge(authorizationCode: string): LedgerEntry | undefined {
    return this.entries.find(
      (entry) =>
        entry.authorizationCode === authorizationCode &&
        (entry.kind === 'sale' || entry.kind === 'sale-with-cashback') &&
        !entry.reversed,
    );
  }

  /** Count and net amount per currency since the last close (the ČSOB shape). */
  totalsOfTheDay(): TotalsLine[] {
    const byCurrency = new Map<string, TotalsLine>();
    for (const entry of this.movementsOfTheDay()) {
      const line = byCurrency.get(entry.currencyNumeric) ?? { currencyNumeric: entry.currencyNumeric, count: 0, amountMinor: 0 };
      line.count += 1;
      line.amountMinor += entry.amountMinor;
      byCurrency.set(entry.currencyNumeric, line);
    }
    return [...byCurrency.values()];
  }

  /** Debits, credits and cashbacks since the last close, whatever the currency (the GPE shape). */
  batchTotalsOfTheDay(): BatchTotals {
    const totals: BatchTotals = {
      debitCount: 0,
      debitMinor: 0,
      creditCount: 0,
      creditMinor: 0,
      cashbackCount: 0,
      cashbackMinor: 0,
    };
    for (const entry of this.movementsOfTheDay()) {
      if (entry.amountMinor >= 0) {
        totals.debitCount += 1;
        totals.debitMinor += entry.amountMinor;
      } else {
        totals.creditCount += 1;
        totals.creditMinor -= entry.amountMinor;
      }
      if (entry.cashbackMinor !== undefined) {
        totals.cashbackCount += 1;
        totals.cashbackMinor += entry.cashbackMinor;
      }
    }
    return totals;
  }

  /** Starts a new day: later totals count only what follows. */
  closeDay(): void {
    this.dayStart = this.entries.length;
  }

  private movementsOfTheDay(): LedgerEntry[] {
    return this.entries.slice(this.dayStart).filter((entry) => entry.kind !== 'close');
  }
}
