// The simulated bank's own record: every approved charge, refund, reversal and close. Tests
// compare it with what the driver reported (e.g. a recovered sale was charged exactly once).
import type { TotalsLine } from '../../drivers/csob/messages.js';

export type LedgerKind = 'sale' | 'sale-with-cashback' | 'refund' | 'reversal' | 'close';

export interface LedgerEntry {
  kind: LedgerKind;
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
  /** On a close: the day's totals it reported. */
  totals?: TotalsLine[];
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

  /** Count and net amount per currency since the last close. */
  totalsOfTheDay(): TotalsLine[] {
    const byCurrency = new Map<string, TotalsLine>();
    for (const entry of this.entries.slice(this.dayStart)) {
      if (entry.kind === 'close') continue;
      const line = byCurrency.get(entry.currencyNumeric) ?? { currencyNumeric: entry.currencyNumeric, count: 0, amountMinor: 0 };
      line.count += 1;
      line.amountMinor += entry.amountMinor;
      byCurrency.set(entry.currencyNumeric, line);
    }
    return [...byCurrency.values()];
  }

  /** Starts a new day: later totals count only what follows. */
  closeDay(): void {
    this.dayStart = this.entries.length;
  }
}
